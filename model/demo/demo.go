// Package demo builds the demo account a new database starts with: a
// restaurant, the classic analogy for AWS IAM.
//
// The restaurant (account 111122223333, alias the-restaurant) has three
// rooms, each an S3 bucket: the kitchen (arn:aws:s3:::restaurant-kitchen),
// the storage room (arn:aws:s3:::restaurant-storage-room, with ingredients/
// and a wine-cellar/) and the dining room (arn:aws:s3:::restaurant-dining-room,
// with menu/ and tables/). Orders live in a DynamoDB table
// (arn:aws:dynamodb:eu-west-1:111122223333:table/Orders) and the kitchen bell
// is an SNS topic (arn:aws:sns:eu-west-1:111122223333:order-up).
//
//   - Full-time staff are users in groups, and the groups carry the
//     policies: Chefs (chef-alice, chef-andre, head-chef-hana,
//     apprentice-ari) get the managed policy KitchenAccess (two versions,
//     v2 the default) and the inline deny NoWineOnDuty; Waiters (waiter-bob,
//     waiter-wendy) the inline TakeOrders; Cleaners (cleaner-carl) the
//     managed CleaningCrew.
//   - The head chef has extra rights: HeadChefExtras is attached to her user.
//   - A permissions boundary, KitchenOnlyBoundary, caps the apprentice and
//     the part-time chef at the kitchen whatever else they are granted.
//   - Temporary people are roles, assumed for a limited time: PartTimeChef
//     (a 4-hour shift, MaxSessionDuration 14400; trusted by the staffing
//     agency's account 444455556666 with an external id, and by the head
//     chef) and Customer (one meal, 3600 s; guests sign in with the
//     restaurant's app through Cognito). The Dishwasher is a machine: an EC2
//     role with an instance profile.
//   - The root user is the owner's master key, locked away: it is never used
//     for the daily work, and because no identity policy can limit it, the
//     storage room's bucket policy denies it explicitly (RootStaysLockedAway,
//     matching aws:PrincipalArn).
//   - The storage room has a resource policy (its door): the supplier's
//     account may deliver, and the cleaner may throw out expired food —
//     a grant no identity policy of his makes.
//
// # A tour: questions and the answers AWS gives
//
// Tour returns these as data, for tests and the UI. Decisions are AWS's:
// allowed, explicitDeny, implicitDeny.
//
//  1. Can chef-alice do s3:GetObject on
//     arn:aws:s3:::restaurant-kitchen/recipes/tomato-soup.json? allowed:
//     her group's KitchenAccess (statement CookInTheKitchen) allows it.
//  2. Can waiter-bob do the same? implicitDeny: nothing grants waiters the
//     kitchen, and what is not allowed is denied.
//  3. Can head-chef-hana do s3:GetObject on
//     arn:aws:s3:::restaurant-storage-room/wine-cellar/chateau-1982.json?
//     explicitDeny: her HeadChefExtras (PickTheWine) allows it, but the
//     Chefs group's NoWineOnDuty denies it, and a deny beats every allow.
//  4. Can head-chef-hana do dynamodb:DeleteItem on the Orders table?
//     allowed (HeadChefExtras, CancelOrders). chef-alice: implicitDeny.
//  5. Can apprentice-ari do s3:GetObject on
//     arn:aws:s3:::restaurant-storage-room/ingredients/tomatoes.json?
//     implicitDeny: KitchenAccess (FetchIngredients) allows it, but his
//     permissions boundary KitchenOnlyBoundary does not. In the kitchen
//     (recipes/tomato-soup.json) he is allowed: both agree.
//  6. Can the part-time chef's session
//     arn:aws:sts::111122223333:assumed-role/PartTimeChef/sam do s3:PutObject
//     on arn:aws:s3:::restaurant-kitchen/prep/mise-en-place.json? allowed.
//     Fetch ingredients from the storage room? implicitDeny: the boundary.
//  7. Can a customer (arn:aws:sts::111122223333:assumed-role/Customer/table-7)
//     read arn:aws:s3:::restaurant-dining-room/menu/dinner.json? allowed. The
//     kitchen's recipes? explicitDeny (DineIn's StaffOnlyBeyondThisPoint).
//  8. Can the root user (arn:aws:iam::111122223333:root) do s3:GetObject on
//     arn:aws:s3:::restaurant-storage-room/ingredients/tomatoes.json?
//     explicitDeny: the storage room's RootStaysLockedAway. In the kitchen it
//     is allowed — root may do anything no deny forbids, which is why it is
//     locked away.
//  9. Can cleaner-carl do s3:DeleteObject on
//     arn:aws:s3:::restaurant-storage-room/ingredients/expired/milk.json?
//     allowed, by the bucket policy alone (TheCleanerThrowsOutExpiredFood):
//     within one account a resource policy naming him is enough. s3:GetObject
//     there: implicitDeny.
//  10. Can waiter-bob do sts:AssumeRole on
//     arn:aws:iam::111122223333:role/staff/PartTimeChef? implicitDeny: the
//     trust policy trusts the agency and the head chef only. head-chef-hana:
//     allowed.
package demo

import (
	"crypto/sha256"
	"encoding/base32"
	"fmt"
	"time"

	"iamtui/model"
	"iamtui/model/policy"
)

// AccountID is the restaurant's account.
const AccountID = "111122223333"

// ARNs of the restaurant's resources, for tests and examples.
const (
	KitchenBucket     = "arn:aws:s3:::restaurant-kitchen"
	StorageRoomBucket = "arn:aws:s3:::restaurant-storage-room"
	DiningRoomBucket  = "arn:aws:s3:::restaurant-dining-room"
	OrdersTable       = "arn:aws:dynamodb:eu-west-1:111122223333:table/Orders"
	OrderUpTopic      = "arn:aws:sns:eu-west-1:111122223333:order-up"
)

// Question is one stop of the tour: a request and AWS's answer.
type Question struct {
	Principal string // ARN: user, assumed-role session or root
	Action    string
	Resource  string
	Want      string // "allowed", "explicitDeny" or "implicitDeny"
	Why       string // the deciding policy and statement, in words
}

// Tour returns the questions of the package documentation with their
// expected answers. No request context is needed: every condition in the
// restaurant uses keys the evaluator fills itself (aws:PrincipalArn).
func Tour() []Question {
	const (
		alice    = "arn:aws:iam::111122223333:user/chef-alice"
		bob      = "arn:aws:iam::111122223333:user/waiter-bob"
		hana     = "arn:aws:iam::111122223333:user/head-chef-hana"
		ari      = "arn:aws:iam::111122223333:user/apprentice-ari"
		carl     = "arn:aws:iam::111122223333:user/cleaner-carl"
		sam      = "arn:aws:sts::111122223333:assumed-role/PartTimeChef/sam"
		guest    = "arn:aws:sts::111122223333:assumed-role/Customer/table-7"
		root     = "arn:aws:iam::111122223333:root"
		soup     = KitchenBucket + "/recipes/tomato-soup.json"
		wine     = StorageRoomBucket + "/wine-cellar/chateau-1982.json"
		tomatoes = StorageRoomBucket + "/ingredients/tomatoes.json"
		milk     = StorageRoomBucket + "/ingredients/expired/milk.json"
		partTime = "arn:aws:iam::111122223333:role/staff/PartTimeChef"
	)
	return []Question{
		{alice, "s3:GetObject", soup, "allowed", "KitchenAccess (group Chefs) statement CookInTheKitchen"},
		{bob, "s3:GetObject", soup, "implicitDeny", "no policy of waiter-bob grants the kitchen"},
		{hana, "s3:GetObject", wine, "explicitDeny", "Chefs' inline NoWineOnDuty denies it; HeadChefExtras' PickTheWine allow loses"},
		{hana, "dynamodb:DeleteItem", OrdersTable, "allowed", "HeadChefExtras statement CancelOrders"},
		{alice, "dynamodb:DeleteItem", OrdersTable, "implicitDeny", "only the head chef may cancel orders"},
		{ari, "s3:GetObject", tomatoes, "implicitDeny", "KitchenAccess FetchIngredients allows, the boundary KitchenOnlyBoundary does not"},
		{ari, "s3:GetObject", soup, "allowed", "KitchenAccess CookInTheKitchen and the boundary's AtMostTheKitchen"},
		{sam, "s3:PutObject", KitchenBucket + "/prep/mise-en-place.json", "allowed", "KitchenAccess (attached to PartTimeChef) within KitchenOnlyBoundary"},
		{sam, "s3:GetObject", tomatoes, "implicitDeny", "the role's boundary KitchenOnlyBoundary does not reach the storage room"},
		{guest, "s3:GetObject", DiningRoomBucket + "/menu/dinner.json", "allowed", "Customer's inline DineIn statement ReadTheMenu"},
		{guest, "s3:GetObject", soup, "explicitDeny", "DineIn statement StaffOnlyBeyondThisPoint"},
		{root, "s3:GetObject", tomatoes, "explicitDeny", "the storage room's bucket policy statement RootStaysLockedAway"},
		{root, "s3:GetObject", soup, "allowed", "the root user may do anything in its account that no deny forbids"},
		{carl, "s3:DeleteObject", milk, "allowed", "the storage room's bucket policy statement TheCleanerThrowsOutExpiredFood alone"},
		{carl, "s3:GetObject", milk, "implicitDeny", "the bucket policy grants only s3:DeleteObject; CleaningCrew nothing there"},
		{bob, "sts:AssumeRole", partTime, "implicitDeny", "PartTimeChef's trust policy trusts the agency and the head chef only"},
		{hana, "sts:AssumeRole", partTime, "allowed", "PartTimeChef's trust policy statement TheHeadChefCoversAShift"},
	}
}

// Restaurant returns the demo account and its resource policies. It is
// deterministic: ids derive from names and dates are fixed, so two
// databases seeded on different days hold the same demo.
func Restaurant() (*model.Account, []*model.ResourcePolicy, error) {
	b := &builder{}
	// Users sit at the root path so their ARNs are easy to type; the roles
	// have paths, which their session ARNs drop (assumed-role/PartTimeChef/sam).
	const staff = "/staff/"
	kitchenAccess := b.managed("KitchenAccess", "/", "What every cook may do: cook in the kitchen, fetch ingredients, work the orders.",
		version{"v2", true, date(2024, 6, 1), kitchenAccessV2}, version{"v1", false, date(2024, 3, 1), kitchenAccessV1})
	cleaning := b.managed("CleaningCrew", "/", "Walk into every room and clear away.", version{"v1", true, date(2024, 3, 1), cleaningCrew})
	extras := b.managed("HeadChefExtras", "/", "What only the head chef may do.", version{"v1", true, date(2024, 3, 1), headChefExtras})
	boundary := b.managed("KitchenOnlyBoundary", "/boundaries/", "Permissions boundary: at most the kitchen, whatever else is granted.",
		version{"v1", true, date(2024, 3, 1), kitchenOnlyBoundary})

	chefs := b.group("Chefs", date(2024, 3, 1), []string{kitchenAccess}, inline("NoWineOnDuty", noWineOnDuty))
	waiters := b.group("Waiters", date(2024, 3, 1), nil, inline("TakeOrders", takeOrders))
	cleaners := b.group("Cleaners", date(2024, 3, 1), []string{cleaning})

	b.user("chef-alice", "/", date(2024, 3, 4), []string{chefs}, nil, "", model.Tag{Key: "job", Value: "chef"}, model.Tag{Key: "shift", Value: "evening"})
	b.user("chef-andre", "/", date(2024, 3, 4), []string{chefs}, nil, "", model.Tag{Key: "job", Value: "chef"}, model.Tag{Key: "shift", Value: "morning"})
	b.user("head-chef-hana", "/", date(2024, 3, 1), []string{chefs}, []string{extras}, "", model.Tag{Key: "job", Value: "head chef"})
	b.user("apprentice-ari", "/", date(2024, 9, 2), []string{chefs}, nil, boundary, model.Tag{Key: "job", Value: "apprentice chef"})
	b.user("waiter-bob", "/", date(2024, 3, 4), []string{waiters}, nil, "", model.Tag{Key: "job", Value: "waiter"})
	b.user("waiter-wendy", "/", date(2024, 4, 15), []string{waiters}, nil, "", model.Tag{Key: "job", Value: "waiter"})
	b.user("cleaner-carl", "/", date(2024, 3, 4), []string{cleaners}, nil, "", model.Tag{Key: "job", Value: "cleaner"})

	part := b.role("PartTimeChef", staff, "A part-time chef: assumed for one shift at a time, four hours at most.", 14400, partTimeChefTrust, []string{kitchenAccess}, boundary)
	part.Tags = []model.Tag{{Key: "job", Value: "chef"}, {Key: "contract", Value: "part-time"}}
	b.role("Customer", "/guests/", "A guest at a table, signed in with the restaurant's app for one meal.", 3600, customerTrust, nil, "", inline("DineIn", dineIn))
	wash := b.role("Dishwasher", "/machines/", "The dishwasher: an EC2 instance washing up.", 0, dishwasherTrust, nil, "", inline("WashUp", washUp))
	wash.InstanceProfiles = []*model.InstanceProfile{{
		Name: "Dishwasher", Path: "/machines/", ID: id(model.PrefixInstanceProfile, "instance-profile", "Dishwasher"),
		ARN: model.InstanceProfileARN(AccountID, "/machines/", "Dishwasher"), CreateDate: date(2024, 3, 1), Roles: []string{"Dishwasher"},
	}}
	wash.LastUsed, wash.LastUsedRegion = date(2024, 11, 20), "eu-west-1"

	door := b.parse(storageRoomDoor, policy.Resource, "the storage room's bucket policy")
	if b.err != nil {
		return nil, nil, b.err
	}
	acct := &model.Account{ID: AccountID, Alias: "the-restaurant", Users: b.users, Groups: b.groups, Roles: b.roles, Policies: b.policies}
	if _, err := model.Validate(acct); err != nil {
		return nil, nil, fmt.Errorf("the demo account breaks AWS's rules: %w", err)
	}
	rps := []*model.ResourcePolicy{{ResourceARN: StorageRoomBucket, AccountID: AccountID, Document: door, UpdateDate: date(2024, 3, 1)}}
	return acct, rps, nil
}

func date(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 9, 0, 0, 0, time.UTC) }

// id makes a deterministic unique id with AWS's prefix and length (21
// characters of A-Z and 2-7, as AWS's ids are).
func id(prefix, kind, name string) string {
	sum := sha256.Sum256([]byte(AccountID + "/" + kind + "/" + name))
	return prefix + base32.StdEncoding.EncodeToString(sum[:])[:17]
}

type version struct {
	id      string
	dflt    bool
	created time.Time
	text    string
}

type inlineDoc struct{ name, text string }

func inline(name, text string) inlineDoc { return inlineDoc{name, text} }

// builder collects the account; the first error sticks, so the building
// code reads as a list.
type builder struct {
	users    []*model.User
	groups   []*model.Group
	roles    []*model.Role
	policies []*model.ManagedPolicy
	err      error
}

func (b *builder) parse(text string, kind policy.Kind, what string) *policy.Document {
	d, err := policy.Parse(text, kind)
	if err != nil && b.err == nil {
		b.err = fmt.Errorf("demo: %s: %w", what, err)
	}
	return d
}

func (b *builder) inlines(owner string, docs []inlineDoc) []model.InlinePolicy {
	var out []model.InlinePolicy
	for _, d := range docs {
		out = append(out, model.InlinePolicy{Name: d.name, Document: b.parse(d.text, policy.Identity, owner+" inline policy "+d.name)})
	}
	return out
}

// managed adds a customer-managed policy and returns its ARN.
func (b *builder) managed(name, path, description string, versions ...version) string {
	p := &model.ManagedPolicy{
		Name: name, Path: path, ID: id(model.PrefixPolicy, "policy", name), ARN: model.PolicyARN(AccountID, path, name),
		Description: description, IsAttachable: true,
	}
	for _, v := range versions {
		p.Versions = append(p.Versions, &model.PolicyVersion{ID: v.id, IsDefault: v.dflt, CreateDate: v.created,
			Document: b.parse(v.text, policy.Identity, "policy "+name+" "+v.id)})
		if v.dflt {
			p.DefaultVersionID = v.id
		}
		if p.CreateDate.IsZero() || v.created.Before(p.CreateDate) {
			p.CreateDate = v.created
		}
		if v.created.After(p.UpdateDate) {
			p.UpdateDate = v.created
		}
	}
	b.policies = append(b.policies, p)
	return p.ARN
}

// group adds a group and returns its name.
func (b *builder) group(name string, created time.Time, attached []string, docs ...inlineDoc) string {
	b.groups = append(b.groups, &model.Group{
		Name: name, Path: "/", ID: id(model.PrefixGroup, "group", name), ARN: model.GroupARN(AccountID, "/", name),
		CreateDate: created, AttachedPolicies: attached, InlinePolicies: b.inlines("group "+name, docs),
	})
	return name
}

func (b *builder) user(name, path string, created time.Time, groups, attached []string, boundary string, tags ...model.Tag) {
	b.users = append(b.users, &model.User{
		Name: name, Path: path, ID: id(model.PrefixUser, "user", name), ARN: model.UserARN(AccountID, path, name),
		CreateDate: created, Groups: groups, AttachedPolicies: attached, PermissionsBoundary: boundary, Tags: tags,
	})
}

func (b *builder) role(name, path, description string, maxSession int, trust string, attached []string, boundary string, docs ...inlineDoc) *model.Role {
	r := &model.Role{
		Name: name, Path: path, ID: id(model.PrefixRole, "role", name), ARN: model.RoleARN(AccountID, path, name),
		Description: description, CreateDate: date(2024, 3, 1), MaxSessionDuration: maxSession,
		TrustPolicy:      b.parse(trust, policy.Trust, "role "+name+" trust policy"),
		AttachedPolicies: attached, PermissionsBoundary: boundary, InlinePolicies: b.inlines("role "+name, docs),
	}
	b.roles = append(b.roles, r)
	return r
}
