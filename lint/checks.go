package lint

import "strings"

// check is one of Access Analyzer's policy checks as lint implements it.
type check struct {
	Category Category
	// Title is AWS's name of the check; it also gives the anchor of the
	// check in AWS's documentation.
	Title  string
	Detail string
}

// checks maps each implemented Access Analyzer issue code to its category
// and title, as in ../shared/reference/access-analyzer-policy-checks.tsv (a
// test keeps them in step). A code missing here is not implemented.
var checks = map[string]check{
	// Grammar: reported from the parser's rejection.
	"JSON_SYNTAX_ERROR":                           {Error, "Json syntax error", "The text is not valid JSON; nothing else can be checked until it is."},
	"DATA_TYPE_MISMATCH":                          {Error, "Data type mismatch", "The element holds a JSON type the policy grammar does not allow there (e.g. a number for Effect)."},
	"INVALID_POLICY_ELEMENT":                      {Error, "Invalid policy element", "Only Version, Id and Statement are policy elements; statements take Sid, Effect, Principal, NotPrincipal, Action, NotAction, Resource, NotResource and Condition."},
	"INVALID_VERSION":                             {Error, "Invalid version", "Version must be 2012-10-17 (or the legacy 2008-10-17)."},
	"INVALID_EFFECT":                              {Error, "Invalid effect", "Effect must be Allow or Deny, with that capitalisation."},
	"MISSING_STATEMENT":                           {Error, "Missing statement", "A policy needs at least one statement."},
	"MISSING_EFFECT":                              {Error, "Missing effect", "Every statement needs an Effect."},
	"MISSING_ACTION":                              {Error, "Missing action", "Every statement needs an Action or a NotAction."},
	"MISSING_RESOURCE":                            {Error, "Missing resource", "Statements of identity policies need a Resource or a NotResource."},
	"MISSING_PRINCIPAL":                           {Error, "Missing principal", "Statements of resource-based and trust policies need a Principal or a NotPrincipal."},
	"UNSUPPORTED_ELEMENT_COMBINATION":             {Error, "Unsupported element combination", "A statement cannot have both Action and NotAction, Resource and NotResource, or Principal and NotPrincipal."},
	"UNSUPPORTED_PRINCIPAL":                       {Error, "Unsupported principal", "Identity policies apply to the identity they are attached to: they cannot name a Principal."},
	"INVALID_PRINCIPAL_KEY":                       {Error, "Invalid principal key", "Principal keys are AWS, Service, Federated and CanonicalUser."},
	"INVALID_PRINCIPAL_FORMAT":                    {Error, "Invalid principal format", "A principal is an account id, an IAM ARN (root, user, role, assumed-role, federated-user), a unique id, or \"*\"."},
	"INVALID_CONDITION_OPERATOR":                  {Error, "Invalid condition operator", "The operator is not one of IAM's condition operators."},
	"NULL_WITH_IF_EXISTS":                         {Error, "Null with if exists", "Null already tests whether a key exists: NullIfExists is not an operator."},
	"EMPTY_ARRAY_ACTION":                          {Suggestion, "Empty array action", "An empty Action array matches nothing; iamtui cannot store the document until it is removed or filled."},
	"EMPTY_ARRAY_RESOURCE":                        {Suggestion, "Empty array resource", "An empty Resource array matches nothing; iamtui cannot store the document until it is removed or filled."},
	"EMPTY_ARRAY_PRINCIPAL":                       {Suggestion, "Empty array principal", "An empty principal array names nobody; iamtui cannot store the document until it is removed or filled."},
	"EMPTY_OBJECT_PRINCIPAL":                      {Suggestion, "Empty object principal", "An empty Principal object names nobody."},
	"EMPTY_OBJECT_CONDITION":                      {Suggestion, "Empty object condition", "An operator with no keys tests nothing."},
	"ROLE_TRUST_POLICY_SYNTAX_ERROR_RESOURCE":     {Error, "Role trust policy syntax error resource", "A trust policy's resource is the role itself: it cannot have Resource or NotResource."},
	"ROLE_TRUST_POLICY_SYNTAX_ERROR_NOTPRINCIPAL": {Error, "Role trust policy syntax error notprincipal", "Trust policies do not support NotPrincipal."},
	"SCP_SYNTAX_ERROR_PRINCIPAL":                  {Error, "SCP syntax error principal", "Service control policies apply to the accounts they are attached to: they cannot name a Principal."},

	// Versions, Sids, variables.
	"MISSING_VERSION":                 {Warning, "Missing version", "Without Version the 2008-10-17 rules apply and policy variables like ${aws:username} are literal text: add \"Version\": \"2012-10-17\"."},
	"VARIABLE_UNSUPPORTED_IN_VERSION": {Error, "Variable unsupported in version", "Policy variables need Version 2012-10-17; under 2008-10-17 ${...} is matched literally."},
	"UNIQUE_SIDS_REQUIRED":            {Error, "Unique Sids required", "This policy type needs every Sid to be unique."},
	"UNIQUE_SIDS_RECOMMENDED":         {Warning, "Unique Sids recommended", "Unique Sids make findings and audit logs point at one statement."},
	"UNSUPPORTED_SID":                 {Error, "Unsupported Sid", "IAM and SCP Sids may only use letters and digits."},
	"EMPTY_SID_VALUE":                 {Suggestion, "Empty Sid value", "An empty Sid says nothing: remove it or name the statement."},
	"MISSING_BRACE_IN_VARIABLE":       {Error, "Missing brace in variable", "A policy variable is ${name}: the closing brace is missing."},
	"MISSING_QUOTE_IN_VARIABLE":       {Error, "Missing quote in variable", "A variable's default value is quoted: ${aws:username, 'default'}."},
	"UNSUPPORTED_SPACE_IN_VARIABLE":   {Error, "Unsupported space in variable", "Variable names cannot contain spaces."},
	"EMPTY_VARIABLE":                  {Error, "Empty variable", "${} names no variable."},
	"VARIABLE_UNSUPPORTED_IN_ELEMENT": {Error, "Variable unsupported in element", "Policy variables work in Resource, NotResource and condition values only."},
	"INVALID_VARIABLE_FOR_OPERATOR":   {Error, "Invalid variable for operator", "Policy variables work with string and ARN operators only."},

	// Actions.
	"INVALID_ACTION":                   {Error, "Invalid action", "The action does not exist: it grants nothing, which is rarely what was meant."},
	"INVALID_SERVICE_IN_ACTION":        {Error, "Invalid service in action", "The action's service prefix is not an AWS service."},
	"WILDCARD_IN_SERVICE_NAME":         {Suggestion, "Wildcard in service name", "A wildcard in the service prefix grants actions of services that may not exist yet: name the services."},
	"REDUNDANT_ACTION":                 {Suggestion, "Redundant action", "Another entry of the same statement already grants this action."},
	"UNSUPPORTED_ACTION_IN_POLICY":     {Error, "Unsupported action in policy", "A resource-based policy can only grant actions of the service that owns the resource."},
	"SCP_SYNTAX_ERROR_ACTION_WILDCARD": {Error, "SCP syntax error action wildcard", "In SCPs a wildcard may only end an action (s3:Get*), never begin or sit inside it."},
	"SCP_SYNTAX_ERROR_ALLOW_NOTACTION": {Error, "SCP syntax error allow NotAction", "SCP Allow statements cannot use NotAction."},
	"SCP_SYNTAX_ERROR_ALLOW_RESOURCE":  {Error, "SCP syntax error allow resource", "SCP Allow statements must use Resource \"*\"."},
	"SCP_SYNTAX_ERROR_ALLOW_CONDITION": {Error, "SCP syntax error allow condition", "SCP Allow statements cannot have a Condition."},
	"SCP_SYNTAX_ERROR_NOTRESOURCE":     {Error, "SCP syntax error NotResource", "SCPs do not support NotResource."},

	// Resources.
	"INVALID_ARN_PREFIX":                 {Error, "Invalid ARN prefix", "A resource is \"*\" or an ARN beginning with arn:."},
	"MISSING_ARN_FIELD":                  {Error, "Missing ARN field", "An ARN has six colon-separated fields: arn:partition:service:region:account:resource."},
	"INVALID_PARTITION":                  {Error, "Invalid partition", "The partition is aws, aws-cn, aws-us-gov or one of the isolated partitions."},
	"INVALID_ARN_SERVICE_CASE":           {Error, "Invalid ARN service case", "Service names in ARNs are lower case."},
	"INVALID_SERVICE":                    {Error, "Invalid service", "The ARN's service is not an AWS service."},
	"INVALID_ARN_REGION":                 {Error, "Invalid ARN Region", "The ARN's Region is not a Region code such as us-east-1."},
	"INVALID_ARN_ACCOUNT":                {Error, "Invalid ARN account", "The ARN's account must be a 12-digit account id."},
	"MISSING_ARN_REGION":                 {Error, "Missing ARN Region", "The service's resource ARNs include a Region: use a Region code or *."},
	"ARN_REGION_NOT_ALLOWED":             {Error, "ARN Region not allowed", "The service's resource ARNs have no Region (IAM, S3 buckets): the field must be empty."},
	"ARN_ACCOUNT_NOT_ALLOWED":            {Error, "ARN account not allowed", "The service's resource ARNs have no account (S3 buckets are global): the field must be empty."},
	"INVALID_ARN_RESOURCE":               {Error, "Invalid ARN resource", "The ARN matches none of the service's resource types, so the statement grants nothing on it."},
	"REDUNDANT_RESOURCE":                 {Suggestion, "Redundant resource", "Another entry of the same statement already covers this resource."},
	"UNSUPPORTED_RESOURCE_ARN_IN_POLICY": {Error, "Unsupported resource ARN in policy", "A resource-based policy can only name resources of the type it is attached to."},

	// Statements.
	"REDUNDANT_STATEMENT":                            {Suggestion, "Redundant statement", "The statement repeats an earlier one."},
	"PASS_ROLE_WITH_STAR_IN_RESOURCE":                {SecurityWarning, "Pass role with star in resource", "iam:PassRole on every role lets the holder hand any role, including admin roles, to a service: name the roles and add iam:PassedToService."},
	"PASS_ROLE_WITH_STAR_IN_ACTION_AND_RESOURCE":     {SecurityWarning, "Pass role with star in action and resource", "The action wildcard includes iam:PassRole on every role: a privilege-escalation path."},
	"PASS_ROLE_WITH_NOTRESOURCE":                     {SecurityWarning, "Pass role with NotResource", "iam:PassRole with NotResource passes every role but the listed ones, including roles created later."},
	"PASS_ROLE_WITH_STAR_IN_ACTION_AND_NOTRESOURCE":  {SecurityWarning, "Pass role with star in action and NotResource", "The action wildcard includes iam:PassRole on every role but the listed ones."},
	"PASS_ROLE_WITH_STAR_IN_RESOURCE_AND_NOTACTION":  {SecurityWarning, "Pass role with star in resource and NotAction", "NotAction grants iam:PassRole on every role."},
	"PASS_ROLE_WITH_NOTACTION_AND_NOTRESOURCE":       {SecurityWarning, "Pass role with NotAction and NotResource", "NotAction with NotResource grants iam:PassRole on almost every role."},
	"CREATE_SLR_WITH_STAR_IN_RESOURCE":               {Warning, "Create SLR with star in resource", "iam:CreateServiceLinkedRole for every service: restrict it with iam:AWSServiceName."},
	"CREATE_SLR_WITH_STAR_IN_ACTION_AND_RESOURCE":    {Warning, "Create SLR with star in action and resource", "The action wildcard includes iam:CreateServiceLinkedRole for every service."},
	"CREATE_SLR_WITH_NOTRESOURCE":                    {Warning, "Create SLR with NotResource", "iam:CreateServiceLinkedRole with NotResource covers almost every service."},
	"CREATE_SLR_WITH_STAR_IN_ACTION_AND_NOTRESOURCE": {Warning, "Create SLR with star in action and NotResource", "The action wildcard includes iam:CreateServiceLinkedRole for almost every service."},
	"CREATE_SLR_WITH_STAR_IN_RESOURCE_AND_NOTACTION": {Warning, "Create SLR with star in resource and NotAction", "NotAction grants iam:CreateServiceLinkedRole for every service."},
	"CREATE_SLR_WITH_NOTACTION_AND_NOTRESOURCE":      {Warning, "Create SLR with NotAction and NotResource", "NotAction with NotResource grants iam:CreateServiceLinkedRole for almost every service."},

	// Principals.
	"ALLOW_WITH_NOTPRINCIPAL":                                 {SecurityWarning, "Allow with NotPrincipal", "Allow with NotPrincipal grants access to everyone but the listed principals, anonymous users included."},
	"UNSUPPORTED_WILDCARD_IN_PRINCIPAL":                       {Error, "Unsupported wildcard in principal", "Principals cannot use partial wildcards: use \"*\" with a condition such as aws:PrincipalArn."},
	"ROLE_TRUST_POLICY_UNSUPPORTED_WILDCARD_IN_PRINCIPAL":     {Error, "Role trust policy unsupported wildcard in principal", "Trust policy principals cannot use partial wildcards: use \"*\" with a condition on aws:PrincipalArn."},
	"INVALID_SERVICE_PRINCIPAL_FORMAT":                        {Error, "Invalid service principal format", "A service principal is a lower-case host name such as ec2.amazonaws.com."},
	"FEDERATED_PRINCIPAL_NOT_SUPPORTED":                       {Error, "Federated principal not supported", "Only role trust policies can name Federated principals."},
	"INVALID_FEDERATED_PRINCIPAL_SYNTAX_IN_ROLE_TRUST_POLICY": {Error, "Invalid federated principal syntax in role trust policy", "A federated principal is a SAML or OIDC provider ARN, or cognito-identity.amazonaws.com, accounts.google.com, graph.facebook.com or www.amazon.com."},
	"MISMATCHED_ACTION_FOR_PRINCIPAL":                         {Error, "Mismatched action for principal", "SAML providers assume roles with sts:AssumeRoleWithSAML, OIDC providers with sts:AssumeRoleWithWebIdentity."},
	"MISSING_ACTION_FOR_ROLES_ANYWHERE_TRUST_POLICY":          {Error, "Missing action for roles anywhere trust policy", "IAM Roles Anywhere needs sts:AssumeRole, sts:SetSourceIdentity and sts:TagSession."},
	"MISSING_CONDITION_KEY_FOR_OIDC_PRINCIPAL":                {SecurityWarning, "Missing condition key for oidc principal", "Without a condition on the identity provider's aud or sub claim, anyone with a token from the provider can assume the role."},
	"MISSING_GITHUB_REPO_CONDITION_KEY":                       {SecurityWarning, "Missing github repo condition key", "Without token.actions.githubusercontent.com:sub, any GitHub repository's workflow can assume the role."},
	"SPECIFIC_GITHUB_REPO_AND_BRANCH_RECOMMENDED":             {Warning, "Specific github repo and branch recommended", "A wildcard in the sub claim lets many repositories or branches assume the role."},
	"RESTRICT_ACCESS_TO_SERVICE_PRINCIPAL":                    {SecurityWarning, "Restrict access to service principal", "A service principal acts for every customer: add aws:SourceArn, aws:SourceAccount or aws:SourceOrgID so only your resources can use the grant (confused deputy)."},
	"RECOMMENDED_CONDITION_KEY_FOR_SERVICE_PRINCIPAL":         {Suggestion, "Recommended condition key for service principal", "aws:SourceArn or aws:SourceAccount limits the grant to your own resources (confused deputy)."},
	"UNSUPPORTED_CONDITION_KEY_FOR_SERVICE_PRINCIPAL":         {Error, "Unsupported condition key for service principal", "Service principals carry no principal keys (aws:PrincipalArn, aws:PrincipalAccount, ...): the condition never matches."},
	"REDUNDANT_PRINCIPAL_IN_ROLE_TRUST_POLICY":                {Suggestion, "Redundant principal in role trust policy", "The assumed-role session is already covered by its role."},
	"INVALID_ROLE_REFERENCE":                                  {Warning, "Invalid role reference", "The role is not in the account: the principal matches nobody (or a role created later with that name)."},
	"INVALID_USER_REFERENCE":                                  {Warning, "Invalid user reference", "The user is not in the account: the principal matches nobody (or a user created later with that name)."},

	// Conditions.
	"INVALID_CONDITION_KEY_FORMAT":                                   {Error, "Invalid condition key format", "A condition key is service:name, e.g. aws:SourceIp or s3:prefix."},
	"INVALID_GLOBAL_CONDITION_KEY":                                   {Error, "Invalid global condition key", "The aws: key does not exist, so the condition never matches (or always does, with IfExists and Not operators)."},
	"INVALID_SERVICE_CONDITION_KEY":                                  {Error, "Invalid service condition key", "The service has no such condition key."},
	"UNSUPPORTED_GLOBAL_CONDITION_KEY":                               {Error, "Unsupported global condition key", "aws:ARN is not supported: use aws:PrincipalArn or aws:SourceArn."},
	"DUPLICATE_KEYS_WITH_DIFFERENT_CASE":                             {Error, "Duplicate keys with different case", "Condition keys ignore case: the two entries are the same key."},
	"FORALLVALUES_WITH_SINGLE_VALUED_KEY":                            {SecurityWarning, "ForAllValues with single valued key", "ForAllValues is also true when the key is missing or empty; on a single-valued key it allows more than meant."},
	"MISSING_QUALIFIER":                                              {Error, "Missing qualifier", "Multivalued keys (aws:TagKeys, ...) need ForAllValues: or ForAnyValue:."},
	"NULL_WITH_QUALIFIER":                                            {Suggestion, "Null with qualifier", "Null tests existence: ForAllValues and ForAnyValue add nothing."},
	"INVALID_CONDITION_MULTIPLE_BOOLEAN":                             {Error, "Invalid condition multiple Boolean", "Bool with both true and false always matches."},
	"INVALID_CONDITION_DATA_TYPE":                                    {Error, "Invalid condition data type", "The values of one condition key should have one JSON type."},
	"WILDCARD_WITHOUT_LIKE_OPERATOR":                                 {Warning, "Wildcard without like operator", "Equals operators compare * and ? literally: use StringLike or ArnLike."},
	"TYPE_MISMATCH":                                                  {Warning, "Type mismatch", "The operator does not fit the key's type, so the condition does not test what it seems to."},
	"TYPE_MISMATCH_BOOLEAN":                                          {Warning, "Type mismatch Boolean", "Bool and Null take true or false."},
	"TYPE_MISMATCH_DATE":                                             {Warning, "Type mismatch date", "Date operators take ISO 8601 dates (2026-01-31T00:00:00Z) or epoch seconds."},
	"TYPE_MISMATCH_IP_RANGE":                                         {Warning, "Type mismatch IP range", "IP operators take IPv4 or IPv6 addresses or CIDR ranges."},
	"TYPE_MISMATCH_NUMBER":                                           {Warning, "Type mismatch number", "Numeric operators take numbers."},
	"INVALID_DATE_VALUE":                                             {Warning, "Invalid date value", "The value looks like a date but is not a valid one."},
	"IMPROVE_IP_RANGE":                                               {Suggestion, "Improve IP range", "Bits after the prefix length are ignored: write the network address."},
	"PRIVATE_IP_ADDRESS":                                             {Error, "Private IP address", "aws:SourceIp is the public address AWS sees; private addresses never match. Use aws:VpcSourceIp."},
	"PRIVATE_NOTIPADDRESS":                                           {Error, "Private NotIpAddress", "aws:SourceIp is never a private address, so NotIpAddress on private ranges always matches."},
	"PRIVATE_IP_ADDRESS_SUBSET":                                      {Suggestion, "Private IP address subset", "Part of the range is private and has no effect on aws:SourceIp."},
	"PRIVATE_NOTIPADDRESS_SUBSET":                                    {Suggestion, "Private NotIpAddress subset", "Part of the range is private and has no effect on aws:SourceIp."},
	"REDUNDANT_CONDITION_VALUE_NUM":                                  {Suggestion, "Redundant condition value num", "Several values of a less-than or greater-than operator reduce to one."},
	"EMPTY_ARRAY_CONDITION":                                          {Suggestion, "Empty array condition", "A condition with no values never matches."},
	"EMPTY_ARRAY_CONDITION_FORALLVALUES":                             {Suggestion, "Empty array condition ForAllValues", "ForAllValues with no values matches only requests without the key."},
	"EMPTY_ARRAY_CONDITION_FORANYVALUE":                              {Suggestion, "Empty array condition ForAnyValue", "ForAnyValue with no values never matches."},
	"EMPTY_ARRAY_CONDITION_IFEXISTS":                                 {Suggestion, "Empty array condition IfExists", "IfExists with no values matches only requests without the key."},
	"MISSING_TAG_KEY_IN_CONDITION":                                   {Error, "Missing tag key in condition", "Tag keys go after a slash: aws:ResourceTag/team."},
	"INVALID_VPC_FORMAT":                                             {Error, "Invalid vpc format", "aws:SourceVpc takes VPC ids: vpc- and 8 or 17 hex digits."},
	"INVALID_VPCE_FORMAT":                                            {Error, "Invalid vpce format", "aws:SourceVpce takes endpoint ids: vpce- and 8 or 17 hex digits."},
	"INVALID_REGION":                                                 {Error, "Invalid Region", "aws:RequestedRegion takes Region codes such as eu-west-1."},
	"MISSING_PAIRED_CONDITION_KEYS":                                  {SecurityWarning, "Missing paired condition keys", "aws:VpcSourceIp alone matches the address in any VPC, including other customers': pair it with aws:SourceVpc or aws:SourceVpce."},
	"UNSUPPORTED_ACTION_FOR_CONDITION_KEY":                           {Error, "Unsupported action for condition key", "None of the statement's actions supports the key, so the condition never matches (or always does with IfExists)."},
	"ALLOW_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE":           {Suggestion, "Allow with unsupported tag condition key for service", "Some services in the statement do not support the tag key: the Allow does not apply to them."},
	"ALLOW_NOTACTION_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE": {Suggestion, "Allow NotAction with unsupported tag condition key for service", "Many services NotAction covers do not support the tag key: the Allow does not apply to them."},
	"DENY_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE":            {SecurityWarning, "Deny with unsupported tag condition key for service", "Some services in the statement do not support the tag key: the Deny does not protect them."},
	"DENY_NOTACTION_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE":  {SecurityWarning, "Deny NotAction with unsupported tag condition key for service", "Many services NotAction covers do not support the tag key: the Deny does not protect them."},

	// Sizes.
	"POLICY_SIZE_EXCEEDS_IDENTITY_POLICY_QUOTA":   {Warning, "Policy size exceeds identity policy quota", "AWS rejects identity policies over the quota (managed 6,144 characters; inline per user 2,048, group 5,120, role 10,240; whitespace not counted)."},
	"POLICY_SIZE_EXCEEDS_RESOURCE_POLICY_QUOTA":   {Warning, "Policy size exceeds resource policy quota", "The service rejects resource policies over its quota (S3 20 KB, SQS 8 KB, SNS 30 KB, KMS 32 KB, ...)."},
	"POLICY_SIZE_EXCEEDS_ROLE_TRUST_POLICY_QUOTA": {Warning, "Policy size exceeds role trust policy quota", "Trust policies are limited to 2,048 characters by default (4,096 after a quota increase), whitespace not counted."},
	"POLICY_SIZE_EXCEEDS_SCP_QUOTA":               {Error, "Policy size exceeds SCP quota", "Organizations rejects SCPs over 5,120 characters."},
}

// codeOrder gives each code a small number, for de-duplication keys.
var codeOrder = func() map[string]int {
	m := make(map[string]int, len(checks))
	for c := range checks {
		m[c] = len(m) + 1
	}
	return m
}()

func codeIndex(code string) int { return codeOrder[code] }

// Codes returns the implemented issue codes.
func Codes() []string {
	out := make([]string, 0, len(checks))
	for c := range checks {
		out = append(out, c)
	}
	return out
}

// CheckInfo describes an implemented check, for SARIF rules and help.
func CheckInfo(code string) (category Category, title, detail, link string, ok bool) {
	c, ok := checks[code]
	if !ok {
		return 0, "", "", "", false
	}
	return c.Category, c.Title, c.Detail, learnMore(c), true
}

const docBase = "https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html"

// learnMore is AWS's documentation anchor of a check, which is derived from
// its category and title as in the validate-policy output's learnMoreLink.
func learnMore(c check) string {
	cat := "error"
	switch c.Category {
	case SecurityWarning:
		cat = "security-warning"
	case Warning:
		cat = "general-warning"
	case Suggestion:
		cat = "suggestion"
	}
	return docBase + "#access-analyzer-reference-policy-checks-" + cat + "-" +
		strings.ReplaceAll(strings.ToLower(c.Title), " ", "-")
}
