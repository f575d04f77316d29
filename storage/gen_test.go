package storage

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"iamtui/model"
	"iamtui/model/policy"
)

// A generator of synthetic accounts shaped like
// ../shared/tools/gen-account.py's (the shape of /tmp/acct/large.json):
// 20% of users with an inline policy, 0-5 groups and 0-3 attached
// policies each, 10% with a boundary; 30% of groups and 40% of roles with
// an inline policy; 1-3 versions per customer policy; five AWS-managed
// policies. Built in Go so that the storage tests need neither the shared
// directory nor the GAAD importer. Deterministic for a seed.

type genSize struct{ users, groups, roles, policies int }

var (
	sizeSmall = genSize{200, 20, 60, 80}
	sizeLarge = genSize{5000, 300, 1000, 1500}
	sizeHuge  = genSize{20000, 1000, 5000, 5000}
)

var (
	genTeams   = []string{"blue", "red", "green", "data", "platform", "web", "ml", "sec", "ops", "finance"}
	genRegions = []string{"us-east-1", "us-east-2", "us-west-2", "eu-west-1", "eu-central-1", "ap-southeast-2"}
	genActions = map[string][]string{
		"s3":       {"GetObject", "PutObject", "DeleteObject", "ListBucket", "GetBucketPolicy", "PutBucketPolicy", "GetObjectTagging"},
		"ec2":      {"DescribeInstances", "RunInstances", "TerminateInstances", "StartInstances", "StopInstances", "DescribeVpcs"},
		"iam":      {"GetUser", "ListUsers", "CreateUser", "PassRole", "CreatePolicyVersion", "CreateAccessKey", "ListRoles"},
		"dynamodb": {"GetItem", "PutItem", "Query", "Scan", "UpdateItem", "DeleteItem", "DescribeTable"},
		"sqs":      {"SendMessage", "ReceiveMessage", "DeleteMessage", "GetQueueAttributes", "CreateQueue"},
		"sts":      {"AssumeRole", "GetCallerIdentity", "GetSessionToken"},
		"lambda":   {"InvokeFunction", "CreateFunction", "UpdateFunctionCode", "GetFunction", "ListFunctions", "DeleteFunction", "AddPermission"},
		"sns":      {"Publish", "Subscribe", "CreateTopic", "DeleteTopic", "ListTopics", "SetTopicAttributes"},
		"kms":      {"Decrypt", "Encrypt", "GenerateDataKey", "DescribeKey", "CreateGrant", "ScheduleKeyDeletion"},
		"logs":     {"CreateLogGroup", "CreateLogStream", "PutLogEvents", "DescribeLogGroups", "GetLogEvents", "DeleteLogGroup"},
	}
	genServices = []string{"s3", "ec2", "iam", "dynamodb", "sqs", "sts", "lambda", "sns", "kms", "logs"}
	genAWS      = map[string]string{
		"AdministratorAccess":    `{"Effect": "Allow", "Action": "*", "Resource": "*"}`,
		"ReadOnlyAccess":         `{"Effect": "Allow", "Action": ["s3:Get*", "s3:List*", "ec2:Describe*", "iam:Get*", "iam:List*"], "Resource": "*"}`,
		"AmazonS3ReadOnlyAccess": `{"Effect": "Allow", "Action": ["s3:Get*", "s3:List*"], "Resource": "*"}`,
		"AmazonEC2FullAccess":    `{"Action": "ec2:*", "Effect": "Allow", "Resource": "*"}`,
		"PowerUserAccess":        `{"Effect": "Allow", "NotAction": ["iam:*", "organizations:*", "account:*"], "Resource": "*"}`,
	}
)

type gen struct {
	t       testing.TB
	rng     *rand.Rand
	account string
	n       int
}

func (g *gen) pick(xs []string) string { return xs[g.rng.IntN(len(xs))] }

func (g *gen) id(prefix string) string {
	g.n++
	var b strings.Builder
	b.WriteString(prefix)
	const chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
	for range 17 {
		b.WriteByte(chars[g.rng.IntN(len(chars))])
	}
	return b.String()
}

func (g *gen) date() time.Time {
	return time.Date(2016+g.rng.IntN(10), time.Month(1+g.rng.IntN(12)), 1+g.rng.IntN(28), g.rng.IntN(24), g.rng.IntN(60), 0, 0, time.UTC)
}

func (g *gen) parse(text string, kind policy.Kind) *policy.Document {
	d, err := policy.Parse(text, kind)
	if err != nil {
		g.t.Fatalf("generated %s does not parse: %v\n%s", kind, err, text)
	}
	return d
}

// indent lays a document out as the GAAD importer keeps a document of
// /tmp/acct/large.json (written with indent=1, then dedented).
func indent(compact string) string {
	var v any
	if err := json.Unmarshal([]byte(compact), &v); err != nil {
		panic(err)
	}
	b, err := json.MarshalIndent(v, "", " ")
	if err != nil {
		panic(err)
	}
	return string(b)
}

func (g *gen) resource(svc string) string {
	switch svc {
	case "s3":
		return fmt.Sprintf("arn:aws:s3:::corp-%s-%d/*", g.pick(genTeams), g.rng.IntN(6))
	case "dynamodb":
		return fmt.Sprintf("arn:aws:dynamodb:%s:%s:table/%s-table-%d", g.pick(genRegions), g.account, g.pick(genTeams), g.rng.IntN(4))
	case "sqs":
		return fmt.Sprintf("arn:aws:sqs:*:%s:%s-queue-%d", g.account, g.pick(genTeams), g.rng.IntN(3))
	case "iam":
		return fmt.Sprintf("arn:aws:iam::%s:user/${aws:username}", g.account)
	case "lambda":
		return fmt.Sprintf("arn:aws:lambda:%s:%s:function:%s-*", g.pick(genRegions), g.account, g.pick(genTeams))
	case "logs":
		return fmt.Sprintf("arn:aws:logs:*:%s:log-group:/%s/*", g.account, g.pick(genTeams))
	}
	return "*"
}

func (g *gen) statement(deny bool) string {
	svc := g.pick(genServices)
	var parts []string
	parts = append(parts, fmt.Sprintf(`"Effect": %q`, map[bool]string{true: "Deny", false: "Allow"}[deny]))
	if g.rng.IntN(10) < 3 {
		parts = append(parts, fmt.Sprintf(`"Sid": "S%d"`, g.rng.IntN(99999)))
	}
	acts := genActions[svc]
	switch r := g.rng.IntN(100); {
	case r < 15:
		parts = append(parts, fmt.Sprintf(`"Action": "%s:*"`, svc))
	case r < 35:
		parts = append(parts, fmt.Sprintf(`"Action": "%s:%s*"`, svc, g.pick([]string{"Get", "List", "Describe", "Put", "Delete"})))
	case r < 42 && deny:
		parts = append(parts, fmt.Sprintf(`"NotAction": ["%s:%s", "%s:%s"]`, svc, acts[0], svc, acts[1]))
	default:
		n := 1 + g.rng.IntN(min(8, len(acts)))
		var q []string
		for _, i := range g.rng.Perm(len(acts))[:n] {
			q = append(q, fmt.Sprintf(`"%s:%s"`, svc, acts[i]))
		}
		parts = append(parts, `"Action": [`+strings.Join(q, ", ")+`]`)
	}
	if g.rng.IntN(10) == 0 {
		parts = append(parts, fmt.Sprintf(`"NotResource": %q`, g.resource(svc)))
	} else {
		var rs []string
		for range 1 + g.rng.IntN(3) {
			rs = append(rs, fmt.Sprintf("%q", g.resource(svc)))
		}
		parts = append(parts, `"Resource": [`+strings.Join(rs, ", ")+`]`)
	}
	if g.rng.IntN(10) < map[bool]int{true: 6, false: 3}[deny] {
		parts = append(parts, `"Condition": `+g.pick([]string{
			`{"StringEquals": {"aws:RequestedRegion": ["us-east-1", "eu-west-1"]}}`,
			`{"IpAddress": {"aws:SourceIp": ["10.1.0.0/16", "203.0.113.0/24"]}}`,
			`{"Bool": {"aws:MultiFactorAuthPresent": "true"}}`,
			`{"StringLike": {"s3:prefix": ["home/${aws:username}/*", "public/*"]}}`,
			fmt.Sprintf(`{"StringEquals": {"aws:PrincipalTag/team": %q}}`, g.pick(genTeams)),
			`{"DateLessThan": {"aws:CurrentTime": "2027-01-01T00:00:00Z"}}`,
			`{"NumericLessThanEquals": {"aws:MultiFactorAuthAge": "3600"}}`,
			`{"StringEqualsIfExists": {"aws:ResourceTag/team": "${aws:PrincipalTag/team}"}}`,
		}))
	}
	return "{" + strings.Join(parts, ", ") + "}"
}

func (g *gen) document(nmin, nmax int) *policy.Document {
	n := nmin + g.rng.IntN(nmax-nmin+1)
	st := make([]string, n)
	for i := range st {
		st[i] = g.statement(g.rng.IntN(100) < 15)
	}
	return g.parse(indent(`{"Version": "2012-10-17", "Statement": [`+strings.Join(st, ", ")+`]}`), policy.Identity)
}

func (g *gen) trust() *policy.Document {
	var text string
	switch g.rng.IntN(4) {
	case 0, 1:
		text = fmt.Sprintf(`{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": %q}, "Action": "sts:AssumeRole"}]}`,
			g.pick([]string{"ec2.amazonaws.com", "lambda.amazonaws.com", "ecs-tasks.amazonaws.com"}))
	case 2:
		text = fmt.Sprintf(`{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::%d:root"}, "Action": "sts:AssumeRole", "Condition": {"StringEquals": {"sts:ExternalId": "ext-%d"}}}]}`,
			100000000000+g.rng.Int64N(899999999999), 1000+g.rng.IntN(9000))
	default:
		text = fmt.Sprintf(`{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::%s:root"}, "Action": "sts:AssumeRole", "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "true"}}}]}`, g.account)
	}
	return g.parse(indent(text), policy.Trust)
}

// genAccount builds a valid account of the given size.
func genAccount(t testing.TB, account string, size genSize, seed uint64) *model.Account {
	t.Helper()
	g := &gen{t: t, rng: rand.New(rand.NewPCG(seed, 0x1a2b)), account: account}
	a := &model.Account{ID: account, Alias: fmt.Sprintf("corp-%d", seed)}
	var arns, customer []string
	for _, name := range []string{"AdministratorAccess", "ReadOnlyAccess", "AmazonS3ReadOnlyAccess", "AmazonEC2FullAccess", "PowerUserAccess"} {
		arn := "arn:aws:iam::aws:policy/" + name
		d := time.Date(2015, 2, 6, 18, 39, 46, 0, time.UTC)
		a.Policies = append(a.Policies, &model.ManagedPolicy{
			Name: name, Path: "/", ID: g.id(model.PrefixPolicy), ARN: arn, CreateDate: d, UpdateDate: d,
			DefaultVersionID: "v1", IsAttachable: true,
			Versions: []*model.PolicyVersion{{ID: "v1", IsDefault: true, CreateDate: d,
				Document: g.parse(indent(`{"Version": "2012-10-17", "Statement": [`+genAWS[name]+`]}`), policy.Identity)}},
		})
		arns = append(arns, arn)
	}
	for i := range size.policies {
		name := fmt.Sprintf("%s-%s-%d", g.pick(genTeams), g.pick([]string{"read", "write", "admin", "deploy", "audit", "ops"}), i)
		p := &model.ManagedPolicy{
			Name: name, Path: "/", ID: g.id(model.PrefixPolicy), ARN: model.PolicyARN(account, "/", name),
			CreateDate: g.date(), UpdateDate: g.date(), IsAttachable: true,
		}
		nv := []int{1, 1, 1, 2, 3}[g.rng.IntN(5)]
		def := 1 + g.rng.IntN(nv)
		for v := 1; v <= nv; v++ {
			p.Versions = append(p.Versions, &model.PolicyVersion{ID: fmt.Sprintf("v%d", v), IsDefault: v == def, CreateDate: g.date(), Document: g.document(1, 6)})
		}
		p.DefaultVersionID = fmt.Sprintf("v%d", def)
		if g.rng.IntN(10) == 0 {
			p.Tags = []model.Tag{{Key: "owner", Value: g.pick(genTeams)}}
		}
		a.Policies = append(a.Policies, p)
		arns = append(arns, p.ARN)
		customer = append(customer, p.ARN)
	}
	attach := func(max int) []string {
		n := g.rng.IntN(max + 1)
		var out []string
		for _, i := range g.rng.Perm(len(arns))[:n] {
			out = append(out, arns[i])
		}
		return out
	}
	boundary := func() string {
		if g.rng.IntN(10) == 0 {
			return g.pick(customer)
		}
		return ""
	}
	for i := range size.groups {
		name := fmt.Sprintf("%s-%s-%d", g.pick(genTeams), g.pick([]string{"devs", "admins", "readers", "oncall", "analysts"}), i)
		gr := &model.Group{Name: name, Path: "/", ID: g.id(model.PrefixGroup), ARN: model.GroupARN(account, "/", name), CreateDate: g.date()}
		if g.rng.IntN(10) < 3 {
			gr.InlinePolicies = []model.InlinePolicy{{Name: name + "-inline", Document: g.document(1, 6)}}
		}
		gr.AttachedPolicies = attach(4)
		a.Groups = append(a.Groups, gr)
	}
	for i := range size.users {
		team := g.pick(genTeams)
		name := fmt.Sprintf("user%05d.%s", i, team)
		u := &model.User{Name: name, Path: "/", ID: g.id(model.PrefixUser), ARN: model.UserARN(account, "/", name), CreateDate: g.date()}
		if g.rng.IntN(10) < 2 {
			u.InlinePolicies = []model.InlinePolicy{{Name: name + "-inline", Document: g.document(1, 3)}}
		}
		if g.rng.IntN(3) == 0 {
			u.PasswordLastUsed = g.date()
		}
		for _, j := range g.rng.Perm(len(a.Groups))[:g.rng.IntN(min(5, len(a.Groups))+1)] {
			u.Groups = append(u.Groups, a.Groups[j].Name)
		}
		u.AttachedPolicies = attach(3)
		u.PermissionsBoundary = boundary()
		u.Tags = []model.Tag{{Key: "team", Value: team}}
		a.Users = append(a.Users, u)
	}
	for i := range size.roles {
		kind := g.pick([]string{"service", "service", "cross", "human"})
		team := g.pick(genTeams)
		name := fmt.Sprintf("%s-%s-role-%d", team, kind, i)
		r := &model.Role{
			Name: name, Path: "/", ID: g.id(model.PrefixRole), ARN: model.RoleARN(account, "/", name), CreateDate: g.date(),
			TrustPolicy: g.trust(), Tags: []model.Tag{{Key: "team", Value: team}},
		}
		if g.rng.IntN(10) < 4 {
			r.InlinePolicies = []model.InlinePolicy{{Name: name + "-inline", Document: g.document(1, 6)}}
		}
		r.AttachedPolicies = attach(4)
		r.PermissionsBoundary = boundary()
		if kind == "service" && g.rng.IntN(5) == 0 {
			r.InstanceProfiles = []*model.InstanceProfile{{
				Name: name, Path: "/", ID: g.id(model.PrefixInstanceProfile), ARN: model.InstanceProfileARN(account, "/", name),
				CreateDate: g.date(), Roles: []string{name},
			}}
		}
		if g.rng.IntN(4) == 0 {
			r.MaxSessionDuration = 7200
			r.Description = "role for " + team
			r.LastUsed, r.LastUsedRegion = g.date(), g.pick(genRegions)
		}
		a.Roles = append(a.Roles, r)
	}
	for i := range max(1, size.roles/100) {
		name := fmt.Sprintf("spare-profile-%d", i)
		a.InstanceProfiles = append(a.InstanceProfiles, &model.InstanceProfile{
			Name: name, Path: "/", ID: g.id(model.PrefixInstanceProfile), ARN: model.InstanceProfileARN(account, "/", name),
			CreateDate: g.date(), Tags: []model.Tag{{Key: "spare", Value: "yes"}},
		})
	}
	if _, err := model.Validate(a); err != nil {
		t.Fatalf("generated account is invalid: %v", err)
	}
	return a
}

func TestGenAccountIsValidAndDeterministic(t *testing.T) {
	a := genAccount(t, "123456789012", sizeSmall, 7)
	b := genAccount(t, "123456789012", sizeSmall, 7)
	ja, _ := json.Marshal(snapOfAccount(a))
	jb, _ := json.Marshal(snapOfAccount(b))
	if string(ja) != string(jb) {
		t.Fatal("the generator is not deterministic")
	}
}
