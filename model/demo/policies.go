package demo

// The policy texts, pretty-printed as the AWS CLI prints them: the UI shows
// them as they are, and the statement positions the evaluator reports are
// positions in these texts.

// kitchenAccessV1 is the chefs' first policy, before they were allowed
// into the storage room; kept as a non-default version.
const kitchenAccessV1 = `{
    "Version": "2012-10-17",
    "Statement": [
        {
            "Sid": "CookInTheKitchen",
            "Effect": "Allow",
            "Action": [
                "s3:GetObject",
                "s3:PutObject",
                "s3:DeleteObject"
            ],
            "Resource": "arn:aws:s3:::restaurant-kitchen/*"
        },
        {
            "Sid": "ReadAndCookOrders",
            "Effect": "Allow",
            "Action": [
                "dynamodb:GetItem",
                "dynamodb:Query",
                "dynamodb:UpdateItem"
            ],
            "Resource": "arn:aws:dynamodb:eu-west-1:111122223333:table/Orders"
        }
    ]
}`

const kitchenAccessV2 = `{
    "Version": "2012-10-17",
    "Statement": [
        {
            "Sid": "CookInTheKitchen",
            "Effect": "Allow",
            "Action": [
                "s3:GetObject",
                "s3:PutObject",
                "s3:DeleteObject"
            ],
            "Resource": "arn:aws:s3:::restaurant-kitchen/*"
        },
        {
            "Sid": "LookAroundTheKitchen",
            "Effect": "Allow",
            "Action": "s3:ListBucket",
            "Resource": "arn:aws:s3:::restaurant-kitchen"
        },
        {
            "Sid": "FetchIngredients",
            "Effect": "Allow",
            "Action": "s3:GetObject",
            "Resource": "arn:aws:s3:::restaurant-storage-room/*"
        },
        {
            "Sid": "ReadAndCookOrders",
            "Effect": "Allow",
            "Action": [
                "dynamodb:GetItem",
                "dynamodb:Query",
                "dynamodb:UpdateItem"
            ],
            "Resource": "arn:aws:dynamodb:eu-west-1:111122223333:table/Orders"
        },
        {
            "Sid": "RingTheBell",
            "Effect": "Allow",
            "Action": "sns:Publish",
            "Resource": "arn:aws:sns:eu-west-1:111122223333:order-up"
        }
    ]
}`

// noWineOnDuty is the Chefs group's inline policy: the explicit deny that
// beats every allow, the head chef's included.
const noWineOnDuty = `{
    "Version": "2012-10-17",
    "Statement": [
        {
            "Sid": "NoWineOnDuty",
            "Effect": "Deny",
            "Action": "s3:GetObject",
            "Resource": "arn:aws:s3:::restaurant-storage-room/wine-cellar/*"
        }
    ]
}`

const headChefExtras = `{
    "Version": "2012-10-17",
    "Statement": [
        {
            "Sid": "CancelOrders",
            "Effect": "Allow",
            "Action": "dynamodb:DeleteItem",
            "Resource": "arn:aws:dynamodb:eu-west-1:111122223333:table/Orders"
        },
        {
            "Sid": "WriteTheMenu",
            "Effect": "Allow",
            "Action": "s3:PutObject",
            "Resource": "arn:aws:s3:::restaurant-dining-room/menu/*"
        },
        {
            "Sid": "PickTheWine",
            "Effect": "Allow",
            "Action": "s3:GetObject",
            "Resource": "arn:aws:s3:::restaurant-storage-room/wine-cellar/*"
        },
        {
            "Sid": "CallInAPartTimer",
            "Effect": "Allow",
            "Action": "sts:AssumeRole",
            "Resource": "arn:aws:iam::111122223333:role/staff/PartTimeChef"
        }
    ]
}`

// kitchenOnlyBoundary caps what apprentices and part-timers can ever do,
// whatever their other policies grant.
const kitchenOnlyBoundary = `{
    "Version": "2012-10-17",
    "Statement": [
        {
            "Sid": "AtMostTheKitchen",
            "Effect": "Allow",
            "Action": [
                "s3:GetObject",
                "s3:PutObject",
                "s3:ListBucket"
            ],
            "Resource": [
                "arn:aws:s3:::restaurant-kitchen",
                "arn:aws:s3:::restaurant-kitchen/*"
            ]
        },
        {
            "Sid": "AtMostReadOrders",
            "Effect": "Allow",
            "Action": [
                "dynamodb:GetItem",
                "dynamodb:Query"
            ],
            "Resource": "arn:aws:dynamodb:eu-west-1:111122223333:table/Orders"
        },
        {
            "Sid": "AtMostRingTheBell",
            "Effect": "Allow",
            "Action": "sns:Publish",
            "Resource": "arn:aws:sns:eu-west-1:111122223333:order-up"
        }
    ]
}`

const takeOrders = `{
    "Version": "2012-10-17",
    "Statement": [
        {
            "Sid": "TakeOrders",
            "Effect": "Allow",
            "Action": [
                "dynamodb:PutItem",
                "dynamodb:GetItem",
                "dynamodb:Query",
                "dynamodb:UpdateItem"
            ],
            "Resource": "arn:aws:dynamodb:eu-west-1:111122223333:table/Orders"
        },
        {
            "Sid": "HandOutMenus",
            "Effect": "Allow",
            "Action": "s3:GetObject",
            "Resource": "arn:aws:s3:::restaurant-dining-room/menu/*"
        },
        {
            "Sid": "LayTheTables",
            "Effect": "Allow",
            "Action": [
                "s3:GetObject",
                "s3:PutObject"
            ],
            "Resource": "arn:aws:s3:::restaurant-dining-room/tables/*"
        },
        {
            "Sid": "HearTheBell",
            "Effect": "Allow",
            "Action": "sns:Subscribe",
            "Resource": "arn:aws:sns:eu-west-1:111122223333:order-up"
        }
    ]
}`

const cleaningCrew = `{
    "Version": "2012-10-17",
    "Statement": [
        {
            "Sid": "WalkIntoEveryRoom",
            "Effect": "Allow",
            "Action": "s3:ListBucket",
            "Resource": [
                "arn:aws:s3:::restaurant-kitchen",
                "arn:aws:s3:::restaurant-storage-room",
                "arn:aws:s3:::restaurant-dining-room"
            ]
        },
        {
            "Sid": "ClearAway",
            "Effect": "Allow",
            "Action": "s3:DeleteObject",
            "Resource": [
                "arn:aws:s3:::restaurant-dining-room/tables/*",
                "arn:aws:s3:::restaurant-kitchen/leftovers/*"
            ]
        }
    ]
}`

const partTimeChefTrust = `{
    "Version": "2012-10-17",
    "Statement": [
        {
            "Sid": "TheAgencySendsPartTimers",
            "Effect": "Allow",
            "Principal": {
                "AWS": "arn:aws:iam::444455556666:root"
            },
            "Action": "sts:AssumeRole",
            "Condition": {
                "StringEquals": {
                    "sts:ExternalId": "temp-chefs-agency-2024"
                }
            }
        },
        {
            "Sid": "TheHeadChefCoversAShift",
            "Effect": "Allow",
            "Principal": {
                "AWS": "arn:aws:iam::111122223333:user/head-chef-hana"
            },
            "Action": "sts:AssumeRole"
        }
    ]
}`

const customerTrust = `{
    "Version": "2012-10-17",
    "Statement": [
        {
            "Sid": "GuestsSignInWithTheRestaurantApp",
            "Effect": "Allow",
            "Principal": {
                "Federated": "cognito-identity.amazonaws.com"
            },
            "Action": "sts:AssumeRoleWithWebIdentity",
            "Condition": {
                "StringEquals": {
                    "cognito-identity.amazonaws.com:aud": "eu-west-1:5f1c2a3b-7d4e-4f60-9a8b-1c2d3e4f5a6b"
                }
            }
        }
    ]
}`

const dineIn = `{
    "Version": "2012-10-17",
    "Statement": [
        {
            "Sid": "ReadTheMenu",
            "Effect": "Allow",
            "Action": "s3:GetObject",
            "Resource": "arn:aws:s3:::restaurant-dining-room/menu/*"
        },
        {
            "Sid": "PlaceAnOrder",
            "Effect": "Allow",
            "Action": "dynamodb:PutItem",
            "Resource": "arn:aws:dynamodb:eu-west-1:111122223333:table/Orders"
        },
        {
            "Sid": "StaffOnlyBeyondThisPoint",
            "Effect": "Deny",
            "Action": "s3:*",
            "Resource": [
                "arn:aws:s3:::restaurant-kitchen",
                "arn:aws:s3:::restaurant-kitchen/*",
                "arn:aws:s3:::restaurant-storage-room",
                "arn:aws:s3:::restaurant-storage-room/*"
            ]
        }
    ]
}`

const dishwasherTrust = `{
    "Version": "2012-10-17",
    "Statement": [
        {
            "Effect": "Allow",
            "Principal": {
                "Service": "ec2.amazonaws.com"
            },
            "Action": "sts:AssumeRole"
        }
    ]
}`

const washUp = `{
    "Version": "2012-10-17",
    "Statement": [
        {
            "Sid": "WashTheDishes",
            "Effect": "Allow",
            "Action": [
                "s3:GetObject",
                "s3:DeleteObject"
            ],
            "Resource": "arn:aws:s3:::restaurant-kitchen/dirty-dishes/*"
        }
    ]
}`

// storageRoomDoor is the bucket policy of the storage room.
const storageRoomDoor = `{
    "Version": "2012-10-17",
    "Id": "StorageRoomDoor",
    "Statement": [
        {
            "Sid": "TheSupplierDeliversIngredients",
            "Effect": "Allow",
            "Principal": {
                "AWS": "arn:aws:iam::777788889999:root"
            },
            "Action": "s3:PutObject",
            "Resource": "arn:aws:s3:::restaurant-storage-room/ingredients/deliveries/*"
        },
        {
            "Sid": "TheCleanerThrowsOutExpiredFood",
            "Effect": "Allow",
            "Principal": {
                "AWS": "arn:aws:iam::111122223333:user/cleaner-carl"
            },
            "Action": "s3:DeleteObject",
            "Resource": "arn:aws:s3:::restaurant-storage-room/ingredients/expired/*"
        },
        {
            "Sid": "RootStaysLockedAway",
            "Effect": "Deny",
            "Principal": "*",
            "Action": "s3:*",
            "Resource": [
                "arn:aws:s3:::restaurant-storage-room",
                "arn:aws:s3:::restaurant-storage-room/*"
            ],
            "Condition": {
                "ArnEquals": {
                    "aws:PrincipalArn": "arn:aws:iam::111122223333:root"
                }
            }
        }
    ]
}`
