package edit

import (
	"errors"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"iamtui/model"
	"iamtui/model/policy"
)

// opCase is one call of an operation on the fixture: it succeeds with a
// summary containing msg, or fails with code and a message containing msg.
type opCase struct {
	name  string
	setup func(t testing.TB, a *model.Account) // prepares the fixture
	op    func(e *Editor, a *model.Account) (model.ChangeSet, error)
	code  string // "" for success
	msg   string
	check func(t *testing.T, after *model.Account)
}

func runCases(t *testing.T, cases []opCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			a := fixture(t)
			if tc.setup != nil {
				tc.setup(t, a)
				if _, err := model.Validate(a); err != nil {
					t.Fatalf("setup made the fixture invalid: %v", err)
				}
			}
			snap := deepCopy(a)
			cs, err := tc.op(testEditor(), a)
			if !reflect.DeepEqual(a, snap) {
				t.Fatal("the operation modified its input account")
			}
			if tc.code != "" {
				if err == nil {
					t.Fatalf("succeeded (%s), want %s error containing %q", cs.Summary, tc.code, tc.msg)
				}
				if got := CodeOf(err); got != tc.code {
					t.Errorf("code = %q, want %q (%v)", got, tc.code, err)
				}
				if !strings.Contains(err.Error(), tc.msg) {
					t.Errorf("error %q does not contain %q", err, tc.msg)
				}
				if cs.Op != "" || len(cs.Changes) != 0 {
					t.Errorf("refused operation returned a change set: %+v", cs)
				}
				return
			}
			if err != nil {
				t.Fatalf("unexpected error: %v", err)
			}
			if !strings.Contains(cs.Summary, tc.msg) {
				t.Errorf("summary %q does not contain %q", cs.Summary, tc.msg)
			}
			after := checkChangeSet(t, a, cs)
			if tc.check != nil {
				tc.check(t, after)
			}
		})
	}
}

func TestCreateUser(t *testing.T) {
	runCases(t, []opCase{
		{name: "creates with id, ARN, date and tags", op: func(e *Editor, a *model.Account) (model.ChangeSet, error) {
			return e.CreateUser(a, "carol", "/staff/", []model.Tag{{Key: "team", Value: "bar"}})
		}, msg: `created user "carol"`, check: func(t *testing.T, a *model.Account) {
			u := a.User("carol")
			if u.ID != "AIDA00000000000000001" || u.ARN != "arn:aws:iam::111122223333:user/staff/carol" || !u.CreateDate.Equal(testNow) || len(u.Tags) != 1 {
				t.Errorf("created %+v", u)
			}
		}},
		{name: "default path is /", op: func(e *Editor, a *model.Account) (model.ChangeSet, error) {
			return e.CreateUser(a, "carol", "", nil)
		}, msg: "carol", check: func(t *testing.T, a *model.Account) {
			if a.User("carol").Path != "/" {
				t.Error("path")
			}
		}},
		{name: "name taken ignoring case", op: func(e *Editor, a *model.Account) (model.ChangeSet, error) {
			return e.CreateUser(a, "ALICE", "/", nil)
		}, code: CodeEntityAlreadyExists, msg: `a user named "alice" already exists, and names are unique ignoring case`},
		{name: "name taken", op: func(e *Editor, a *model.Account) (model.ChangeSet, error) {
			return e.CreateUser(a, "bob", "/", nil)
		}, code: CodeEntityAlreadyExists, msg: "choose another name"},
		{name: "bad characters", op: func(e *Editor, a *model.Account) (model.ChangeSet, error) {
			return e.CreateUser(a, "car ol", "/", nil)
		}, code: CodeInvalidInput, msg: "may only use"},
		{name: "too long", op: func(e *Editor, a *model.Account) (model.ChangeSet, error) {
			return e.CreateUser(a, strings.Repeat("u", 65), "/", nil)
		}, code: CodeInvalidInput, msg: "at most 64"},
		{name: "bad path", op: func(e *Editor, a *model.Account) (model.ChangeSet, error) {
			return e.CreateUser(a, "carol", "staff", nil)
		}, code: CodeInvalidInput, msg: "must begin and end with /"},
		{name: "bad tags", op: func(e *Editor, a *model.Account) (model.ChangeSet, error) {
			return e.CreateUser(a, "carol", "/", []model.Tag{{Key: "aws:x", Value: "y"}})
		}, code: CodeInvalidInput, msg: "reserved"},
	})
}

func TestRenameUser(t *testing.T) {
	runCases(t, []opCase{
		{name: "keeps id, changes ARN, memberships stay", op: func(e *Editor, a *model.Account) (model.ChangeSet, error) {
			return e.RenameUser(a, "alice", "alicia", "")
		}, msg: `renamed user "alice" to "alicia"`, check: func(t *testing.T, a *model.Account) {
			u := a.User("alicia")
			if u == nil || u.ID != uid(901) || u.ARN != model.UserARN(acctID, "/", "alicia") || len(u.Groups) != 2 || a.User("alice") != nil {
				t.Errorf("renamed %+v", u)
			}
		}},
		{name: "new case only", op: func(e *Editor, a *model.Account) (model.ChangeSet, error) {
			return e.RenameUser(a, "alice", "Alice", "")
		}, msg: `renamed user "alice" to "Alice"`},
		{name: "move only", op: func(e *Editor, a *model.Account) (model.ChangeSet, error) {
			return e.RenameUser(a, "alice", "alice", "/kitchen/")
		}, msg: `moved user "alice" to path "/kitchen/"`, check: func(t *testing.T, a *model.Account) {
			if a.User("alice").ARN != "arn:aws:iam::111122223333:user/kitchen/alice" {
				t.Error(a.User("alice").ARN)
			}
		}},
		{name: "rename and move", op: func(e *Editor, a *model.Account) (model.ChangeSet, error) {
			return e.RenameUser(a, "alice", "al", "/k/")
		}, msg: `renamed user "alice" to "al" and moved it to path "/k/"`},
		{name: "target name taken", op: func(e *Editor, a *model.Account) (model.ChangeSet, error) {
			return e.RenameUser(a, "alice", "Bob", "")
		}, code: CodeEntityAlreadyExists, msg: `"bob"`},
		{name: "missing user", op: func(e *Editor, a *model.Account) (model.ChangeSet, error) {
			return e.RenameUser(a, "zed", "zoe", "")
		}, code: CodeNoSuchEntity, msg: `user "zed" does not exist in account 111122223333`},
		{name: "nothing to change", op: func(e *Editor, a *model.Account) (model.ChangeSet, error) {
			return e.RenameUser(a, "alice", "alice", "/")
		}, code: CodeNoChange, msg: "already has"},
		{name: "bad new name", op: func(e *Editor, a *model.Account) (model.ChangeSet, error) {
			return e.RenameUser(a, "alice", "", "")
		}, code: CodeInvalidInput, msg: "cannot be empty"},
	})
}

func TestDeleteUser(t *testing.T) {
	runCases(t, []opCase{
		{name: "cascades", op: func(e *Editor, a *model.Account) (model.ChangeSet, error) {
			return e.DeleteUser(a, "ALICE")
		}, msg: `deleted user "alice" (with membership in 2 groups; 1 inline policy; 1 attached policy; permissions boundary; 2 tags)`,
			check: func(t *testing.T, a *model.Account) {
				if a.User("alice") != nil || len(a.Users) != 1 {
					t.Error("alice still there")
				}
			}},
		{name: "plain user", op: func(e *Editor, a *model.Account) (model.ChangeSet, error) {
			return e.DeleteUser(a, "bob")
		}, msg: `deleted user "bob"`},
		{name: "missing", op: func(e *Editor, a *model.Account) (model.ChangeSet, error) {
			return e.DeleteUser(a, "zed")
		}, code: CodeNoSuchEntity, msg: "zed"},
	})
}

func TestCreateGroup(t *testing.T) {
	runCases(t, []opCase{
		{name: "creates", op: func(e *Editor, a *model.Account) (model.ChangeSet, error) {
			return e.CreateGroup(a, "bakers", "/kitchen/")
		}, msg: `created group "bakers"`, check: func(t *testing.T, a *model.Account) {
			g := a.Group("bakers")
			if g.ID != "AGPA00000000000000001" || g.ARN != "arn:aws:iam::111122223333:group/kitchen/bakers" {
				t.Errorf("%+v", g)
			}
		}},
		{name: "taken ignoring case", op: func(e *Editor, a *model.Account) (model.ChangeSet, error) {
			return e.CreateGroup(a, "Chefs", "")
		}, code: CodeEntityAlreadyExists, msg: `"chefs"`},
		{name: "long names are fine up to 128", op: func(e *Editor, a *model.Account) (model.ChangeSet, error) {
			return e.CreateGroup(a, strings.Repeat("g", 128), "")
		}, msg: "created group"},
		{name: "too long", op: func(e *Editor, a *model.Account) (model.ChangeSet, error) {
			return e.CreateGroup(a, strings.Repeat("g", 129), "")
		}, code: CodeInvalidInput, msg: "at most 128"},
		{name: "bad path", op: func(e *Editor, a *model.Account) (model.ChangeSet, error) {
			return e.CreateGroup(a, "g", "/a//b/")
		}, code: CodeInvalidInput, msg: "path"},
	})
}

func TestRenameGroup(t *testing.T) {
	runCases(t, []opCase{
		{name: "keeps id, members follow", op: func(e *Editor, a *model.Account) (model.ChangeSet, error) {
			return e.RenameGroup(a, "chefs", "cooks", "")
		}, msg: `renamed group "chefs" to "cooks"`, check: func(t *testing.T, a *model.Account) {
			g := a.Group("cooks")
			if g == nil || g.ID != gid(901) || g.ARN != model.GroupARN(acctID, "/", "cooks") {
				t.Errorf("%+v", g)
			}
			if got := a.User("alice").Groups; !slices.Equal(got, []string{"cooks", "waiters"}) {
				t.Errorf("alice's groups %v", got)
			}
		}},
		{name: "move only leaves members", op: func(e *Editor, a *model.Account) (model.ChangeSet, error) {
			return e.RenameGroup(a, "chefs", "chefs", "/k/")
		}, msg: `moved group "chefs" to path "/k/"`, check: func(t *testing.T, a *model.Account) {
			if a.Group("chefs").ARN != "arn:aws:iam::111122223333:group/k/chefs" {
				t.Error("ARN")
			}
		}},
		{name: "members recorded in another case", setup: func(t testing.TB, a *model.Account) {
			a.Users[0].Groups[0] = "CHEFS"
		}, op: func(e *Editor, a *model.Account) (model.ChangeSet, error) {
			return e.RenameGroup(a, "chefs", "cooks", "")
		}, msg: "cooks", check: func(t *testing.T, a *model.Account) {
			if got := a.User("alice").Groups; got[0] != "cooks" {
				t.Errorf("alice's groups %v", got)
			}
		}},
		{name: "taken", op: func(e *Editor, a *model.Account) (model.ChangeSet, error) {
			return e.RenameGroup(a, "chefs", "Waiters", "")
		}, code: CodeEntityAlreadyExists, msg: `"waiters"`},
		{name: "missing", op: func(e *Editor, a *model.Account) (model.ChangeSet, error) {
			return e.RenameGroup(a, "nope", "x", "")
		}, code: CodeNoSuchEntity, msg: `group "nope" does not exist`},
		{name: "unchanged", op: func(e *Editor, a *model.Account) (model.ChangeSet, error) {
			return e.RenameGroup(a, "chefs", "chefs", "")
		}, code: CodeNoChange, msg: "already"},
	})
}

func TestDeleteGroup(t *testing.T) {
	runCases(t, []opCase{
		{name: "members leave", op: func(e *Editor, a *model.Account) (model.ChangeSet, error) {
			return e.DeleteGroup(a, "chefs")
		}, msg: `deleted group "chefs" (with membership of 1 user; 1 inline policy; 1 attached policy)`, check: func(t *testing.T, a *model.Account) {
			if a.Group("chefs") != nil || !slices.Equal(a.User("alice").Groups, []string{"waiters"}) {
				t.Error("chefs still there")
			}
		}},
		{name: "empty group", op: func(e *Editor, a *model.Account) (model.ChangeSet, error) {
			return e.DeleteGroup(a, "cleaners")
		}, msg: `deleted group "cleaners"`},
		{name: "missing", op: func(e *Editor, a *model.Account) (model.ChangeSet, error) {
			return e.DeleteGroup(a, "nope")
		}, code: CodeNoSuchEntity, msg: "nope"},
	})
}

// tenGroups puts bob in ten groups.
func tenGroups(t testing.TB, a *model.Account) {
	for i := range 10 {
		g := newGroup(10+i, "g"+string(rune('a'+i)))
		a.Groups = append(a.Groups, g)
		a.Users[1].Groups = append(a.Users[1].Groups, g.Name)
	}
}

func TestMembership(t *testing.T) {
	runCases(t, []opCase{
		{name: "add", op: func(e *Editor, a *model.Account) (model.ChangeSet, error) {
			return e.AddUserToGroup(a, "bob", "Chefs")
		}, msg: `added user "bob" to group "chefs"`, check: func(t *testing.T, a *model.Account) {
			if !slices.Equal(a.User("bob").Groups, []string{"chefs"}) {
				t.Error(a.User("bob").Groups)
			}
		}},
		{name: "add: already a member", op: func(e *Editor, a *model.Account) (model.ChangeSet, error) {
			return e.AddUserToGroup(a, "alice", "chefs")
		}, code: CodeNoChange, msg: `user "alice" is already in group "chefs"`},
		{name: "add: eleventh group", setup: tenGroups, op: func(e *Editor, a *model.Account) (model.ChangeSet, error) {
			return e.AddUserToGroup(a, "bob", "chefs")
		}, code: CodeLimitExceeded, msg: `user "bob" is already in 10 groups`},
		{name: "add: no such user", op: func(e *Editor, a *model.Account) (model.ChangeSet, error) {
			return e.AddUserToGroup(a, "zed", "chefs")
		}, code: CodeNoSuchEntity, msg: "zed"},
		{name: "add: no such group", op: func(e *Editor, a *model.Account) (model.ChangeSet, error) {
			return e.AddUserToGroup(a, "bob", "nope")
		}, code: CodeNoSuchEntity, msg: "nope"},
		{name: "remove", op: func(e *Editor, a *model.Account) (model.ChangeSet, error) {
			return e.RemoveUserFromGroup(a, "alice", "chefs")
		}, msg: `removed user "alice" from group "chefs"`, check: func(t *testing.T, a *model.Account) {
			if !slices.Equal(a.User("alice").Groups, []string{"waiters"}) {
				t.Error(a.User("alice").Groups)
			}
		}},
		{name: "remove: from the tenth group", setup: tenGroups, op: func(e *Editor, a *model.Account) (model.ChangeSet, error) {
			return e.RemoveUserFromGroup(a, "bob", "gj")
		}, msg: "removed"},
		{name: "remove: not a member", op: func(e *Editor, a *model.Account) (model.ChangeSet, error) {
			return e.RemoveUserFromGroup(a, "bob", "chefs")
		}, code: CodeNoChange, msg: `user "bob" is not in group "chefs"`},
	})
}

func TestCreateRole(t *testing.T) {
	spec := func(mod func(*RoleSpec)) RoleSpec {
		s := RoleSpec{Name: "waiter", Description: "serves", TrustPolicy: trustAcct, MaxSessionDuration: 7200, Tags: []model.Tag{{Key: "k", Value: "v"}}}
		if mod != nil {
			mod(&s)
		}
		return s
	}
	create := func(mod func(*RoleSpec)) func(e *Editor, a *model.Account) (model.ChangeSet, error) {
		return func(e *Editor, a *model.Account) (model.ChangeSet, error) { return e.CreateRole(a, spec(mod)) }
	}
	runCases(t, []opCase{
		{name: "creates", op: create(nil), msg: `created role "waiter"`, check: func(t *testing.T, a *model.Account) {
			r := a.Role("waiter")
			if r.ID != "AROA00000000000000001" || r.ARN != model.RoleARN(acctID, "/", "waiter") || r.TrustPolicy.Text != trustAcct ||
				r.TrustPolicy.Kind != policy.Trust || r.MaxSessionDuration != 7200 || r.Description != "serves" || len(r.Tags) != 1 {
				t.Errorf("%+v", r)
			}
		}},
		{name: "taken", op: create(func(s *RoleSpec) { s.Name = "COOK" }), code: CodeEntityAlreadyExists, msg: `"cook"`},
		{name: "no trust policy", op: create(func(s *RoleSpec) { s.TrustPolicy = "  " }), code: CodeMalformedPolicyDocument, msg: `the trust policy of role "waiter" is empty`},
		{name: "identity policy as trust policy", op: create(func(s *RoleSpec) { s.TrustPolicy = allowS3 }), code: CodeMalformedPolicyDocument, msg: "trust policy"},
		{name: "trust policy too large", op: create(func(s *RoleSpec) {
			s.TrustPolicy = `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:role/` + strings.Repeat("r", 2100) + `"},"Action":"sts:AssumeRole"}}`
		}), code: CodeLimitExceeded, msg: "AWS's default quota is 2048"},
		{name: "session too long", op: create(func(s *RoleSpec) { s.MaxSessionDuration = 50000 }), code: CodeInvalidInput, msg: "3600 (1 hour) to 43200"},
		{name: "description too long", op: create(func(s *RoleSpec) { s.Description = strings.Repeat("d", 1001) }), code: CodeInvalidInput, msg: "at most 1000"},
		{name: "description with control character", op: create(func(s *RoleSpec) { s.Description = "a\x1b[2Jb" }), code: CodeInvalidInput, msg: "printable"},
		{name: "service path reserved", op: create(func(s *RoleSpec) { s.Path = "/aws-service-role/" }), code: CodeInvalidInput, msg: "reserved"},
		{name: "name too long", op: create(func(s *RoleSpec) { s.Name = strings.Repeat("r", 65) }), code: CodeInvalidInput, msg: "at most 64"},
		{name: "bad tag", op: create(func(s *RoleSpec) { s.Tags = []model.Tag{{Key: "", Value: "v"}} }), code: CodeInvalidInput, msg: "tag key"},
	})
}

func TestRenameRole(t *testing.T) {
	runCases(t, []opCase{
		{name: "re-creates with a new id and moves everything", op: func(e *Editor, a *model.Account) (model.ChangeSet, error) {
			return e.RenameRole(a, "cook", "chef-role", "")
		}, msg: `renamed role "cook" to "chef-role" (AWS cannot rename a role: created role "chef-role" with a new id and ARN, carrying over its trust policy, 1 inline policy, 2 attached policies, permissions boundary, 1 tag, 1 instance profile, and deleted role "cook"`,
			check: func(t *testing.T, a *model.Account) {
				r := a.Role("chef-role")
				if a.Role("cook") != nil || r == nil {
					t.Fatal("not renamed")
				}
				if r.ID == rid(901) || r.ARN != model.RoleARN(acctID, "/", "chef-role") || !r.CreateDate.Equal(testNow) || !r.LastUsed.IsZero() {
					t.Errorf("identity: %s %s %v %v", r.ID, r.ARN, r.CreateDate, r.LastUsed)
				}
				if len(r.AttachedPolicies) != 2 || len(r.InlinePolicies) != 1 || r.PermissionsBoundary == "" || r.Description == "" || r.TrustPolicy == nil {
					t.Errorf("documents not copied: %+v", r)
				}
				if ip := r.InstanceProfiles; len(ip) != 1 || !slices.Equal(ip[0].Roles, []string{"chef-role"}) {
					t.Errorf("instance profile roles %v", ip[0].Roles)
				}
			}},
		{name: "new case: one replacing change", op: func(e *Editor, a *model.Account) (model.ChangeSet, error) {
			return e.RenameRole(a, "cook", "Cook", "")
		}, msg: `renamed role "cook" to "Cook"`, check: func(t *testing.T, a *model.Account) {
			if r := a.Role("cook"); r.Name != "Cook" || r.ID == rid(901) {
				t.Errorf("%s %s", r.Name, r.ID)
			}
		}},
		{name: "new path", op: func(e *Editor, a *model.Account) (model.ChangeSet, error) {
			return e.RenameRole(a, "cook", "cook", "/kitchen/")
		}, msg: `moved role "cook" to path "/kitchen/" (AWS cannot rename a role`},
		{name: "taken", op: func(e *Editor, a *model.Account) (model.ChangeSet, error) {
			return e.RenameRole(a, "cook", "awsserviceroleforx", "")
		}, code: CodeEntityAlreadyExists, msg: `"AWSServiceRoleForX"`},
		{name: "service-linked", op: func(e *Editor, a *model.Account) (model.ChangeSet, error) {
			return e.RenameRole(a, "AWSServiceRoleForX", "y", "")
		}, code: CodeUnmodifiableEntity, msg: "managed by an AWS service"},
		{name: "into the service path", op: func(e *Editor, a *model.Account) (model.ChangeSet, error) {
			return e.RenameRole(a, "cook", "cook", "/aws-reserved/x/")
		}, code: CodeInvalidInput, msg: "reserved"},
		{name: "missing", op: func(e *Editor, a *model.Account) (model.ChangeSet, error) {
			return e.RenameRole(a, "nope", "x", "")
		}, code: CodeNoSuchEntity, msg: `role "nope"`},
		{name: "unchanged", op: func(e *Editor, a *model.Account) (model.ChangeSet, error) {
			return e.RenameRole(a, "cook", "cook", "/")
		}, code: CodeNoChange, msg: "already"},
	})
}

func TestDeleteRole(t *testing.T) {
	runCases(t, []opCase{
		{name: "cascades", op: func(e *Editor, a *model.Account) (model.ChangeSet, error) {
			return e.DeleteRole(a, "cook")
		}, msg: `deleted role "cook" (with 1 inline policy; 2 attached policies; permissions boundary; 1 tag; 1 instance profile)`},
		{name: "service-linked", op: func(e *Editor, a *model.Account) (model.ChangeSet, error) {
			return e.DeleteRole(a, "AWSServiceRoleForX")
		}, code: CodeUnmodifiableEntity, msg: "cannot be deleted here"},
		{name: "missing", op: func(e *Editor, a *model.Account) (model.ChangeSet, error) {
			return e.DeleteRole(a, "nope")
		}, code: CodeNoSuchEntity, msg: "nope"},
	})
}

func TestUpdateTrustPolicy(t *testing.T) {
	runCases(t, []opCase{
		{name: "updates", op: func(e *Editor, a *model.Account) (model.ChangeSet, error) {
			return e.UpdateTrustPolicy(a, "cook", trustAcct)
		}, msg: `updated the trust policy of role "cook"`, check: func(t *testing.T, a *model.Account) {
			if a.Role("cook").TrustPolicy.Text != trustAcct {
				t.Error("not updated")
			}
		}},
		{name: "syntax error keeps its position", op: func(e *Editor, a *model.Account) (model.ChangeSet, error) {
			return e.UpdateTrustPolicy(a, "cook", "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": {\"Effect\": \"Maybe\"}\n}")
		}, code: CodeMalformedPolicyDocument, msg: "line 3"},
		{name: "identity policy refused", op: func(e *Editor, a *model.Account) (model.ChangeSet, error) {
			return e.UpdateTrustPolicy(a, "cook", allowS3)
		}, code: CodeMalformedPolicyDocument, msg: "is not a valid trust policy"},
		{name: "same text", op: func(e *Editor, a *model.Account) (model.ChangeSet, error) {
			return e.UpdateTrustPolicy(a, "cook", trustEC2)
		}, code: CodeNoChange, msg: "already"},
		{name: "service-linked", op: func(e *Editor, a *model.Account) (model.ChangeSet, error) {
			return e.UpdateTrustPolicy(a, "AWSServiceRoleForX", trustAcct)
		}, code: CodeUnmodifiableEntity, msg: "trust policy cannot be changed"},
		{name: "missing", op: func(e *Editor, a *model.Account) (model.ChangeSet, error) {
			return e.UpdateTrustPolicy(a, "nope", trustAcct)
		}, code: CodeNoSuchEntity, msg: "nope"},
	})
}

func TestMalformedDocumentWrapsSyntaxError(t *testing.T) {
	a := fixture(t)
	_, err := testEditor().PutInlinePolicy(a, model.KindUser, "bob", "P", "{\n \"Version\": \"2012-10-17\",\n \"Statement\": [{\"Effect\": \"Allow\", \"Action\": 3}]}")
	var se *policy.SyntaxError
	if !errors.As(err, &se) || se.Pos.Line != 3 {
		t.Fatalf("err = %v, want a *policy.SyntaxError on line 3", err)
	}
	if !strings.Contains(err.Error(), `inline policy "P" of user "bob" is not a valid identity policy: line 3`) {
		t.Errorf("message %q", err)
	}
}

// tenAttached attaches ten policies to bob, chefs and cook.
func tenAttached(t testing.TB, a *model.Account) {
	var arns []string
	for i := range 10 {
		p := newPolicy(t, 10+i, "Extra"+string(rune('A'+i)), allowS3)
		a.Policies = append(a.Policies, p)
		arns = append(arns, p.ARN)
	}
	a.Users[1].AttachedPolicies = slices.Clone(arns)
	a.Groups[0].AttachedPolicies = slices.Clone(arns)
	a.Roles[0].AttachedPolicies = slices.Clone(arns)
}

func TestAttachDetach(t *testing.T) {
	attach := func(kind model.EntityKind, name, ref string) func(e *Editor, a *model.Account) (model.ChangeSet, error) {
		return func(e *Editor, a *model.Account) (model.ChangeSet, error) { return e.AttachPolicy(a, kind, name, ref) }
	}
	detach := func(kind model.EntityKind, name, ref string) func(e *Editor, a *model.Account) (model.ChangeSet, error) {
		return func(e *Editor, a *model.Account) (model.ChangeSet, error) { return e.DetachPolicy(a, kind, name, ref) }
	}
	kitchen := model.PolicyARN(acctID, "/", "KitchenRead")
	runCases(t, []opCase{
		{name: "attach to user by name", op: attach(model.KindUser, "bob", "KitchenRead"), msg: `attached policy "KitchenRead" to user "bob"`,
			check: func(t *testing.T, a *model.Account) {
				if !slices.Equal(a.User("bob").AttachedPolicies, []string{kitchen}) {
					t.Error(a.User("bob").AttachedPolicies)
				}
			}},
		{name: "attach AWS-managed to group by ARN", op: attach(model.KindGroup, "waiters", "arn:aws:iam::aws:policy/ReadOnlyAccess"), msg: `attached AWS-managed policy "ReadOnlyAccess" to group "waiters"`},
		{name: "attach to role", op: attach(model.KindRole, "cook", "Spare"), msg: `attached policy "Spare" to role "cook"`, check: func(t *testing.T, a *model.Account) {
			if got := a.Role("cook").AttachedPolicies; len(got) != 3 || got[2] != model.PolicyARN(acctID, "/", "Spare") {
				t.Error(got)
			}
		}},
		{name: "already attached", op: attach(model.KindUser, "alice", kitchen), code: CodeNoChange, msg: `policy "KitchenRead" is already attached to user "alice"`},
		{name: "eleventh to user", setup: tenAttached, op: attach(model.KindUser, "bob", "KitchenRead"), code: CodeLimitExceeded, msg: `user "bob" already has 10 managed policies attached, AWS's default quota (LimitExceeded: PoliciesPerUser): detach one first`},
		{name: "eleventh to group", setup: tenAttached, op: attach(model.KindGroup, "chefs", "Spare"), code: CodeLimitExceeded, msg: "PoliciesPerGroup"},
		{name: "eleventh to role", setup: tenAttached, op: attach(model.KindRole, "cook", "Spare"), code: CodeLimitExceeded, msg: "PoliciesPerRole"},
		{name: "no such policy", op: attach(model.KindUser, "bob", "Nope"), code: CodeNoSuchEntity, msg: `managed policy "Nope" does not exist in account 111122223333: create it first`},
		{name: "no such principal", op: attach(model.KindRole, "nope", "Spare"), code: CodeNoSuchEntity, msg: `role "nope"`},
		{name: "not a principal kind", op: attach(model.KindPolicy, "Spare", "Spare"), code: CodeInvalidInput, msg: "is not a user, group or role"},
		{name: "not attachable", setup: func(t testing.TB, a *model.Account) { a.Policies[3].IsAttachable = false },
			op: attach(model.KindUser, "bob", "ReadOnlyAccess"), code: CodePolicyNotAttachable, msg: "not attachable"},
		{name: "service-linked role", op: attach(model.KindRole, "AWSServiceRoleForX", "Spare"), code: CodeUnmodifiableEntity, msg: "AWS service"},
		{name: "detach from user", op: detach(model.KindUser, "alice", "KitchenRead"), msg: `detached policy "KitchenRead" from user "alice"`},
		{name: "detach from group", op: detach(model.KindGroup, "chefs", kitchen), msg: `from group "chefs"`},
		{name: "detach from role keeps order", op: detach(model.KindRole, "cook", "KitchenRead"), msg: "role", check: func(t *testing.T, a *model.Account) {
			if got := a.Role("cook").AttachedPolicies; !slices.Equal(got, []string{"arn:aws:iam::aws:policy/ReadOnlyAccess"}) {
				t.Error(got)
			}
		}},
		{name: "detach: not attached", op: detach(model.KindUser, "bob", "KitchenRead"), code: CodeNoSuchEntity, msg: `policy "KitchenRead" is not attached to user "bob"`},
	})
}

func TestBoundary(t *testing.T) {
	runCases(t, []opCase{
		{name: "set on user", op: func(e *Editor, a *model.Account) (model.ChangeSet, error) {
			return e.SetBoundary(a, model.KindUser, "bob", "Boundary")
		}, msg: `set the permissions boundary of user "bob" to policy "Boundary"`, check: func(t *testing.T, a *model.Account) {
			if a.User("bob").PermissionsBoundary != model.PolicyARN(acctID, "/", "Boundary") {
				t.Error("not set")
			}
		}},
		{name: "replace on role with an AWS-managed policy", op: func(e *Editor, a *model.Account) (model.ChangeSet, error) {
			return e.SetBoundary(a, model.KindRole, "cook", "arn:aws:iam::aws:policy/ReadOnlyAccess")
		}, msg: `to AWS-managed policy "ReadOnlyAccess"`},
		{name: "boundary does not count toward the attachment quota", setup: tenAttached, op: func(e *Editor, a *model.Account) (model.ChangeSet, error) {
			return e.SetBoundary(a, model.KindUser, "bob", "Boundary")
		}, msg: "set the permissions boundary"},
		{name: "not in the account", op: func(e *Editor, a *model.Account) (model.ChangeSet, error) {
			return e.SetBoundary(a, model.KindUser, "bob", "arn:aws:iam::444455556666:policy/Elsewhere")
		}, code: CodeNoSuchEntity, msg: "a permissions boundary must be a managed policy of account 111122223333"},
		{name: "groups have none", op: func(e *Editor, a *model.Account) (model.ChangeSet, error) {
			return e.SetBoundary(a, model.KindGroup, "chefs", "Boundary")
		}, code: CodeInvalidInput, msg: "users and roles only"},
		{name: "same boundary", op: func(e *Editor, a *model.Account) (model.ChangeSet, error) {
			return e.SetBoundary(a, model.KindUser, "alice", "Boundary")
		}, code: CodeNoChange, msg: "already the permissions boundary"},
		{name: "service-linked", op: func(e *Editor, a *model.Account) (model.ChangeSet, error) {
			return e.SetBoundary(a, model.KindRole, "AWSServiceRoleForX", "Boundary")
		}, code: CodeUnmodifiableEntity, msg: "AWS service"},
		{name: "clear on user", op: func(e *Editor, a *model.Account) (model.ChangeSet, error) {
			return e.ClearBoundary(a, model.KindUser, "alice")
		}, msg: `removed the permissions boundary (policy "Boundary") from user "alice"`, check: func(t *testing.T, a *model.Account) {
			if a.User("alice").PermissionsBoundary != "" {
				t.Error("not cleared")
			}
		}},
		{name: "clear on role", op: func(e *Editor, a *model.Account) (model.ChangeSet, error) {
			return e.ClearBoundary(a, model.KindRole, "cook")
		}, msg: `from role "cook"`},
		{name: "clear: none", op: func(e *Editor, a *model.Account) (model.ChangeSet, error) {
			return e.ClearBoundary(a, model.KindUser, "bob")
		}, code: CodeNoChange, msg: `user "bob" has no permissions boundary`},
		{name: "clear: group", op: func(e *Editor, a *model.Account) (model.ChangeSet, error) {
			return e.ClearBoundary(a, model.KindGroup, "chefs")
		}, code: CodeInvalidInput, msg: "users and roles only"},
	})
}

func TestInlinePolicies(t *testing.T) {
	put := func(kind model.EntityKind, name, pol, text string) func(e *Editor, a *model.Account) (model.ChangeSet, error) {
		return func(e *Editor, a *model.Account) (model.ChangeSet, error) {
			return e.PutInlinePolicy(a, kind, name, pol, text)
		}
	}
	del := func(kind model.EntityKind, name, pol string) func(e *Editor, a *model.Account) (model.ChangeSet, error) {
		return func(e *Editor, a *model.Account) (model.ChangeSet, error) {
			return e.DeleteInlinePolicy(a, kind, name, pol)
		}
	}
	// The fixture's alice already has Notes (allowS3List).
	notes := model.PolicyChars(allowS3List)
	runCases(t, []opCase{
		{name: "create on user", op: put(model.KindUser, "bob", "Extra", allowS3), msg: `created inline policy "Extra" of user "bob"`, check: func(t *testing.T, a *model.Account) {
			ip := a.User("bob").InlinePolicies
			if len(ip) != 1 || ip[0].Document.Text != allowS3 || ip[0].Document.Kind != policy.Identity {
				t.Errorf("%+v", ip)
			}
		}},
		{name: "replace keeps the place", op: put(model.KindUser, "alice", "notes", denyAll), msg: `updated inline policy "notes" of user "alice"`, check: func(t *testing.T, a *model.Account) {
			ip := a.User("alice").InlinePolicies
			if len(ip) != 1 || ip[0].Name != "notes" || ip[0].Document.Text != denyAll {
				t.Errorf("%+v", ip)
			}
		}},
		{name: "group", op: put(model.KindGroup, "waiters", "W", allowS3), msg: `of group "waiters"`},
		{name: "role", op: put(model.KindRole, "cook", "W", allowS3), msg: `of role "cook"`},
		{name: "user quota: exactly 2048", op: put(model.KindUser, "alice", "Big", bigDoc(model.MaxUserInlineChars-notes)), msg: "created"},
		{name: "user quota: 2049", op: put(model.KindUser, "alice", "Big", bigDoc(model.MaxUserInlineChars-notes+1)), code: CodeLimitExceeded,
			msg: `the inline policies of user "alice" would total 2049 characters (whitespace not counted); AWS allows 2048 for a user`},
		{name: "replacing frees the old size", op: put(model.KindUser, "alice", "Notes", bigDoc(model.MaxUserInlineChars)), msg: "updated"},
		{name: "whitespace is not counted", op: put(model.KindUser, "bob", "Spaced", strings.Replace(bigDoc(model.MaxUserInlineChars), ",", ",\n    ", -1)), msg: "created"},
		{name: "group quota", op: put(model.KindGroup, "waiters", "Big", bigDoc(model.MaxGroupInlineChars+1)), code: CodeLimitExceeded, msg: "5120 for a group"},
		{name: "role quota", op: put(model.KindRole, "bob", "Big", bigDoc(model.MaxRoleInlineChars+1)), code: CodeNoSuchEntity, msg: `role "bob"`},
		{name: "role quota exceeded", op: put(model.KindRole, "cook", "Big", bigDoc(model.MaxRoleInlineChars)), code: CodeLimitExceeded, msg: "10240 for a role"},
		{name: "trust policy as inline policy", op: put(model.KindUser, "bob", "T", trustEC2), code: CodeMalformedPolicyDocument, msg: "identity policy"},
		{name: "empty document", op: put(model.KindUser, "bob", "T", ""), code: CodeMalformedPolicyDocument, msg: "is empty"},
		{name: "bad policy name", op: put(model.KindUser, "bob", "a b", allowS3), code: CodeInvalidInput, msg: "policy name"},
		{name: "same document", op: put(model.KindUser, "alice", "Notes", allowS3List), code: CodeNoChange, msg: "already has this document"},
		{name: "service-linked", op: put(model.KindRole, "AWSServiceRoleForX", "P", allowS3), code: CodeUnmodifiableEntity, msg: "AWS service"},
		{name: "delete", op: del(model.KindUser, "alice", "NOTES"), msg: `deleted inline policy "Notes" of user "alice"`, check: func(t *testing.T, a *model.Account) {
			if len(a.User("alice").InlinePolicies) != 0 {
				t.Error("still there")
			}
		}},
		{name: "delete from group", op: del(model.KindGroup, "chefs", "ChefExtra"), msg: "deleted"},
		{name: "delete: missing", op: del(model.KindRole, "cook", "Nope"), code: CodeNoSuchEntity, msg: `role "cook" has no inline policy named "Nope"`},
	})
}

func TestTags(t *testing.T) {
	set := func(kind model.EntityKind, name string, tags ...model.Tag) func(e *Editor, a *model.Account) (model.ChangeSet, error) {
		return func(e *Editor, a *model.Account) (model.ChangeSet, error) { return e.SetTags(a, kind, name, tags) }
	}
	runCases(t, []opCase{
		{name: "set on user", op: set(model.KindUser, "alice", model.Tag{Key: "team", Value: "bar"}, model.Tag{Key: "new", Value: ""}),
			msg: `updated the tags of user "alice" (1 added, 1 changed, 1 removed)`, check: func(t *testing.T, a *model.Account) {
				if got := a.User("alice").Tags; len(got) != 2 || got[0].Value != "bar" {
					t.Error(got)
				}
			}},
		{name: "set on role", op: set(model.KindRole, "cook"), msg: `updated the tags of role "cook" (1 removed)`},
		{name: "set on policy by ARN", op: set(model.KindPolicy, model.PolicyARN(acctID, "/", "Spare"), model.Tag{Key: "k", Value: "v"}), msg: `of policy "Spare" (1 added)`},
		{name: "AWS-managed policy", op: set(model.KindPolicy, "ReadOnlyAccess", model.Tag{Key: "k", Value: "v"}), code: CodeUnmodifiableEntity, msg: `AWS-managed policy "ReadOnlyAccess" belongs to AWS and cannot be tagged`},
		{name: "group", op: set(model.KindGroup, "chefs", model.Tag{Key: "k", Value: "v"}), code: CodeInvalidInput, msg: "AWS does not support tags on groups"},
		{name: "invalid", op: set(model.KindUser, "bob", model.Tag{Key: "k", Value: "v"}, model.Tag{Key: "K", Value: "w"}), code: CodeInvalidInput, msg: "appears twice"},
		{name: "unchanged", op: set(model.KindUser, "alice", model.Tag{Key: "shift", Value: "day"}, model.Tag{Key: "team", Value: "kitchen"}), code: CodeNoChange, msg: "already"},
		{name: "service-linked roles can be tagged", op: set(model.KindRole, "AWSServiceRoleForX", model.Tag{Key: "k", Value: "v"}), msg: "1 added"},
		{name: "tag merges", op: func(e *Editor, a *model.Account) (model.ChangeSet, error) {
			return e.Tag(a, model.KindUser, "alice", []model.Tag{{Key: "TEAM", Value: "bar"}, {Key: "x", Value: "y"}})
		}, msg: "(1 added, 1 changed)", check: func(t *testing.T, a *model.Account) {
			want := []model.Tag{{Key: "TEAM", Value: "bar"}, {Key: "shift", Value: "day"}, {Key: "x", Value: "y"}}
			if got := a.User("alice").Tags; !reflect.DeepEqual(got, want) {
				t.Error(got)
			}
		}},
		{name: "tag beyond 50", setup: func(t testing.TB, a *model.Account) {
			for i := range 50 {
				a.Users[1].Tags = append(a.Users[1].Tags, model.Tag{Key: "k" + strings.Repeat("x", i), Value: "v"})
			}
		}, op: func(e *Editor, a *model.Account) (model.ChangeSet, error) {
			return e.Tag(a, model.KindUser, "bob", []model.Tag{{Key: "one-more", Value: "v"}})
		}, code: CodeInvalidInput, msg: "at most 50"},
		{name: "untag", op: func(e *Editor, a *model.Account) (model.ChangeSet, error) {
			return e.Untag(a, model.KindUser, "alice", []string{"TEAM", "absent"})
		}, msg: "(1 removed)"},
		{name: "untag: nothing", op: func(e *Editor, a *model.Account) (model.ChangeSet, error) {
			return e.Untag(a, model.KindUser, "alice", []string{"absent"})
		}, code: CodeNoChange, msg: "already"},
		{name: "untag: everything", op: func(e *Editor, a *model.Account) (model.ChangeSet, error) {
			return e.Untag(a, model.KindPolicy, "Spare", []string{"x"})
		}, code: CodeNoChange, msg: "already"},
	})
}

func TestCreatePolicy(t *testing.T) {
	create := func(s PolicySpec) func(e *Editor, a *model.Account) (model.ChangeSet, error) {
		return func(e *Editor, a *model.Account) (model.ChangeSet, error) { return e.CreatePolicy(a, s) }
	}
	runCases(t, []opCase{
		{name: "creates v1 as default", op: create(PolicySpec{Name: "Bar", Path: "/kitchen/", Description: "drinks", Document: allowS3, Tags: []model.Tag{{Key: "k", Value: "v"}}}),
			msg: `created policy "Bar"`, check: func(t *testing.T, a *model.Account) {
				p := a.Policy("arn:aws:iam::111122223333:policy/kitchen/Bar")
				if p == nil || p.ID != "ANPA00000000000000001" || p.DefaultVersionID != "v1" || len(p.Versions) != 1 || !p.Versions[0].IsDefault ||
					!p.IsAttachable || p.Description != "drinks" || !p.CreateDate.Equal(testNow) {
					t.Errorf("%+v", p)
				}
			}},
		{name: "same name as an AWS-managed policy is fine", op: create(PolicySpec{Name: "ReadOnlyAccess", Document: allowS3}), msg: "created"},
		{name: "taken ignoring case, even on another path", op: create(PolicySpec{Name: "kitchenread", Path: "/x/", Document: allowS3}), code: CodeEntityAlreadyExists, msg: `"KitchenRead"`},
		{name: "too large", op: create(PolicySpec{Name: "Big", Document: bigDoc(model.MaxManagedPolicyChars + 1)}), code: CodeLimitExceeded, msg: "6144 for a managed policy"},
		{name: "exactly the maximum", op: create(PolicySpec{Name: "Big", Document: bigDoc(model.MaxManagedPolicyChars)}), msg: "created"},
		{name: "not a policy", op: create(PolicySpec{Name: "Bad", Document: `{"Statement": []}`}), code: CodeMalformedPolicyDocument, msg: "line 1"},
		{name: "principal in identity policy", op: create(PolicySpec{Name: "Bad", Document: trustEC2}), code: CodeMalformedPolicyDocument, msg: "identity policy"},
		{name: "bad name", op: create(PolicySpec{Name: "a/b", Document: allowS3}), code: CodeInvalidInput, msg: "may only use"},
		{name: "bad description", op: create(PolicySpec{Name: "D", Description: strings.Repeat("x", 1001), Document: allowS3}), code: CodeInvalidInput, msg: "at most 1000"},
	})
}

func TestRenamePolicy(t *testing.T) {
	newARN := model.PolicyARN(acctID, "/", "PantryRead")
	runCases(t, []opCase{
		{name: "re-creates and moves every use", op: func(e *Editor, a *model.Account) (model.ChangeSet, error) {
			return e.RenamePolicy(a, "KitchenRead", "PantryRead", "")
		}, msg: `renamed policy "KitchenRead" to "PantryRead" (AWS cannot rename a managed policy: created policy "PantryRead" with a new id and ARN and its 2 versions, moved 3 attachments, and deleted policy "KitchenRead")`,
			check: func(t *testing.T, a *model.Account) {
				p := a.Policy(newARN)
				if p == nil || a.PolicyByName("KitchenRead") != nil || p.ID == pid(901) || len(p.Versions) != 2 || p.DefaultVersionID != "v2" {
					t.Fatalf("%+v", p)
				}
				if a.User("alice").AttachedPolicies[0] != newARN || a.Group("chefs").AttachedPolicies[0] != newARN || a.Role("cook").AttachedPolicies[0] != newARN {
					t.Error("attachments not moved in place")
				}
			}},
		{name: "moves boundaries and renumbers versions", setup: func(t testing.TB, a *model.Account) {
			p := a.Policies[1] // Boundary: v1 only; give it v3 and v5, v3 default
			p.Versions = []*model.PolicyVersion{
				{ID: "v5", CreateDate: testNow, Document: p.Versions[0].Document},
				{ID: "v3", IsDefault: true, CreateDate: testNow, Document: p.Versions[0].Document},
			}
			p.DefaultVersionID = "v3"
		}, op: func(e *Editor, a *model.Account) (model.ChangeSet, error) {
			return e.RenamePolicy(a, model.PolicyARN(acctID, "/", "Boundary"), "Fence", "/limits/")
		}, msg: `2 versions (default v3 is now v1), moved 2 permissions boundary uses`, check: func(t *testing.T, a *model.Account) {
			arn := model.PolicyARN(acctID, "/limits/", "Fence")
			if a.User("alice").PermissionsBoundary != arn || a.Role("cook").PermissionsBoundary != arn {
				t.Error("boundaries not moved")
			}
			p := a.Policy(arn)
			if p.Versions[0].ID != "v1" || !p.Versions[0].IsDefault || p.Versions[1].ID != "v2" || p.DefaultVersionID != "v1" {
				t.Errorf("versions %+v %+v", *p.Versions[0], *p.Versions[1])
			}
		}},
		{name: "new case only", op: func(e *Editor, a *model.Account) (model.ChangeSet, error) {
			return e.RenamePolicy(a, "Spare", "SPARE", "")
		}, msg: `renamed policy "Spare" to "SPARE"`},
		{name: "AWS-managed", op: func(e *Editor, a *model.Account) (model.ChangeSet, error) {
			return e.RenamePolicy(a, "ReadOnlyAccess", "Mine", "")
		}, code: CodeUnmodifiableEntity, msg: "cannot be renamed"},
		{name: "taken", op: func(e *Editor, a *model.Account) (model.ChangeSet, error) {
			return e.RenamePolicy(a, "Spare", "boundary", "")
		}, code: CodeEntityAlreadyExists, msg: `"Boundary"`},
		{name: "unchanged", op: func(e *Editor, a *model.Account) (model.ChangeSet, error) {
			return e.RenamePolicy(a, "Spare", "Spare", "/")
		}, code: CodeNoChange, msg: "already"},
		{name: "missing", op: func(e *Editor, a *model.Account) (model.ChangeSet, error) {
			return e.RenamePolicy(a, "Nope", "X", "")
		}, code: CodeNoSuchEntity, msg: "Nope"},
	})
}

func TestDeletePolicy(t *testing.T) {
	runCases(t, []opCase{
		{name: "unused policy with its versions", op: func(e *Editor, a *model.Account) (model.ChangeSet, error) {
			return e.DeletePolicy(a, "Spare")
		}, msg: `deleted policy "Spare" (with 5 versions)`},
		{name: "attached", op: func(e *Editor, a *model.Account) (model.ChangeSet, error) {
			return e.DeletePolicy(a, "KitchenRead")
		}, code: CodeDeleteConflict, msg: `policy "KitchenRead" is still attached to user "alice", group "chefs", role "cook" (DeleteConflict): detach it first`},
		{name: "boundary", op: func(e *Editor, a *model.Account) (model.ChangeSet, error) {
			return e.DeletePolicy(a, "Boundary")
		}, code: CodeDeleteConflict, msg: `policy "Boundary" is still the permissions boundary of user "alice", role "cook" (DeleteConflict): remove it as a boundary first`},
		{name: "both", setup: func(t testing.TB, a *model.Account) { a.Users[1].AttachedPolicies = []string{a.Policies[1].ARN} }, op: func(e *Editor, a *model.Account) (model.ChangeSet, error) {
			return e.DeletePolicy(a, "Boundary")
		}, code: CodeDeleteConflict, msg: `is still attached to user "bob", and the permissions boundary of user "alice", role "cook" (DeleteConflict): detach it and remove it as a boundary first`},
		{name: "AWS-managed", op: func(e *Editor, a *model.Account) (model.ChangeSet, error) {
			return e.DeletePolicy(a, "arn:aws:iam::aws:policy/ReadOnlyAccess")
		}, code: CodeUnmodifiableEntity, msg: "cannot be deleted"},
		{name: "missing", op: func(e *Editor, a *model.Account) (model.ChangeSet, error) {
			return e.DeletePolicy(a, "arn:aws:iam::111122223333:policy/Nope")
		}, code: CodeNoSuchEntity, msg: "Nope"},
	})
}

func TestPolicyVersions(t *testing.T) {
	spare := model.PolicyARN(acctID, "/", "Spare")
	runCases(t, []opCase{
		{name: "new version, not default", op: func(e *Editor, a *model.Account) (model.ChangeSet, error) {
			return e.CreatePolicyVersion(a, "KitchenRead", denyAll, VersionOptions{})
		}, msg: `created version v3 of policy "KitchenRead"`, check: func(t *testing.T, a *model.Account) {
			p := a.PolicyByName("KitchenRead")
			if len(p.Versions) != 3 || p.Versions[2].ID != "v3" || p.Versions[2].IsDefault || p.Default().ID != "v2" || !p.UpdateDate.Equal(testNow) {
				t.Errorf("%+v", p)
			}
		}},
		{name: "new default version", op: func(e *Editor, a *model.Account) (model.ChangeSet, error) {
			return e.CreatePolicyVersion(a, "KitchenRead", denyAll, VersionOptions{SetAsDefault: true})
		}, msg: `created version v3 of policy "KitchenRead" and set it as default`, check: func(t *testing.T, a *model.Account) {
			p := a.PolicyByName("KitchenRead")
			if p.Default().ID != "v3" || p.DefaultVersionID != "v3" {
				t.Errorf("default %s / %s", p.Default().ID, p.DefaultVersionID)
			}
		}},
		{name: "sixth version refused", op: func(e *Editor, a *model.Account) (model.ChangeSet, error) {
			return e.CreatePolicyVersion(a, spare, denyAll, VersionOptions{SetAsDefault: true})
		}, code: CodeLimitExceeded, msg: `policy "Spare" already has 5 versions, AWS's limit (LimitExceeded: PolicyVersionsPerPolicy): delete a version you no longer need, or save again choosing to delete the oldest non-default version (v1)`},
		{name: "sixth version deletes the oldest non-default", op: func(e *Editor, a *model.Account) (model.ChangeSet, error) {
			return e.CreatePolicyVersion(a, spare, denyAll, VersionOptions{SetAsDefault: true, DeleteOldest: true})
		}, msg: `created version v6 of policy "Spare" and set it as default (deleted the oldest non-default version, v1, to stay within AWS's 5)`,
			check: func(t *testing.T, a *model.Account) {
				var ids []string
				for _, v := range a.Policy(spare).Versions {
					ids = append(ids, v.ID)
				}
				if !slices.Equal(ids, []string{"v2", "v3", "v4", "v5", "v6"}) {
					t.Error(ids)
				}
			}},
		{name: "oldest is by date, and never the default", setup: func(t testing.TB, a *model.Account) {
			vs := a.Policies[2].Versions
			vs[4].IsDefault, vs[0].IsDefault = false, true // v1 default
			a.Policies[2].DefaultVersionID = "v1"
			vs[3].CreateDate = testNow.Add(-24 * time.Hour) // v4 oldest
		}, op: func(e *Editor, a *model.Account) (model.ChangeSet, error) {
			return e.CreatePolicyVersion(a, spare, denyAll, VersionOptions{DeleteOldest: true})
		}, msg: "deleted the oldest non-default version, v4"},
		{name: "too large", op: func(e *Editor, a *model.Account) (model.ChangeSet, error) {
			return e.CreatePolicyVersion(a, "KitchenRead", bigDoc(7000), VersionOptions{})
		}, code: CodeLimitExceeded, msg: `version v3 of policy "KitchenRead" is 7000 characters`},
		{name: "malformed", op: func(e *Editor, a *model.Account) (model.ChangeSet, error) {
			return e.CreatePolicyVersion(a, "KitchenRead", `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:*"}}`, VersionOptions{})
		}, code: CodeMalformedPolicyDocument, msg: "version v3 of policy"},
		{name: "AWS-managed", op: func(e *Editor, a *model.Account) (model.ChangeSet, error) {
			return e.CreatePolicyVersion(a, "ReadOnlyAccess", allowS3, VersionOptions{})
		}, code: CodeUnmodifiableEntity, msg: "belongs to AWS"},
		{name: "set default", op: func(e *Editor, a *model.Account) (model.ChangeSet, error) {
			return e.SetDefaultPolicyVersion(a, "KitchenRead", "v1")
		}, msg: `set version v1 as the default version of policy "KitchenRead"`, check: func(t *testing.T, a *model.Account) {
			p := a.PolicyByName("KitchenRead")
			if p.Default().ID != "v1" || p.DefaultVersionID != "v1" || p.Versions[1].IsDefault {
				t.Error("default not moved")
			}
		}},
		{name: "set default: already", op: func(e *Editor, a *model.Account) (model.ChangeSet, error) {
			return e.SetDefaultPolicyVersion(a, "KitchenRead", "v2")
		}, code: CodeNoChange, msg: "already the default"},
		{name: "set default: no such version", op: func(e *Editor, a *model.Account) (model.ChangeSet, error) {
			return e.SetDefaultPolicyVersion(a, "KitchenRead", "v9")
		}, code: CodeNoSuchEntity, msg: `policy "KitchenRead" has no version "v9" (it has v1, v2)`},
		{name: "set default: AWS-managed", op: func(e *Editor, a *model.Account) (model.ChangeSet, error) {
			return e.SetDefaultPolicyVersion(a, "ReadOnlyAccess", "v7")
		}, code: CodeUnmodifiableEntity, msg: "belongs to AWS"},
		{name: "delete version", op: func(e *Editor, a *model.Account) (model.ChangeSet, error) {
			return e.DeletePolicyVersion(a, "KitchenRead", "v1")
		}, msg: `deleted version v1 of policy "KitchenRead"`},
		{name: "delete the default version", op: func(e *Editor, a *model.Account) (model.ChangeSet, error) {
			return e.DeletePolicyVersion(a, "KitchenRead", "v2")
		}, code: CodeDeleteConflict, msg: "set another version as default first"},
		{name: "delete: no such version", op: func(e *Editor, a *model.Account) (model.ChangeSet, error) {
			return e.DeletePolicyVersion(a, "KitchenRead", "v3")
		}, code: CodeNoSuchEntity, msg: "no version"},
		{name: "delete: AWS-managed", op: func(e *Editor, a *model.Account) (model.ChangeSet, error) {
			return e.DeletePolicyVersion(a, "ReadOnlyAccess", "v7")
		}, code: CodeUnmodifiableEntity, msg: "belongs to AWS"},
	})
}

func TestVersionLimitErrorIsRecognisable(t *testing.T) {
	_, err := testEditor().CreatePolicyVersion(fixture(t), "Spare", allowS3, VersionOptions{})
	if !errors.Is(err, ErrVersionLimit) {
		t.Fatalf("err = %v, want one wrapping ErrVersionLimit", err)
	}
}

func TestGenericRenameAndDelete(t *testing.T) {
	runCases(t, []opCase{
		{name: "rename user", op: func(e *Editor, a *model.Account) (model.ChangeSet, error) {
			return e.Rename(a, model.KindUser, "bob", "robert", "")
		}, msg: "rename"},
		{name: "rename group", op: func(e *Editor, a *model.Account) (model.ChangeSet, error) {
			return e.Rename(a, model.KindGroup, "waiters", "servers", "")
		}, msg: "renamed group"},
		{name: "rename role", op: func(e *Editor, a *model.Account) (model.ChangeSet, error) {
			return e.Rename(a, model.KindRole, "cook", "baker", "")
		}, msg: "renamed role"},
		{name: "rename policy", op: func(e *Editor, a *model.Account) (model.ChangeSet, error) {
			return e.Rename(a, model.KindPolicy, "Spare", "Extra", "")
		}, msg: "renamed policy"},
		{name: "rename instance profile", op: func(e *Editor, a *model.Account) (model.ChangeSet, error) {
			return e.Rename(a, model.KindInstanceProfile, "cook-profile", "x", "")
		}, code: CodeInvalidInput, msg: "cannot rename"},
		{name: "delete user", op: func(e *Editor, a *model.Account) (model.ChangeSet, error) {
			return e.Delete(a, model.KindUser, "bob")
		}, msg: "deleted user"},
		{name: "delete group", op: func(e *Editor, a *model.Account) (model.ChangeSet, error) {
			return e.Delete(a, model.KindGroup, "waiters")
		}, msg: "deleted group"},
		{name: "delete role", op: func(e *Editor, a *model.Account) (model.ChangeSet, error) {
			return e.Delete(a, model.KindRole, "cook")
		}, msg: "deleted role"},
		{name: "delete policy", op: func(e *Editor, a *model.Account) (model.ChangeSet, error) {
			return e.Delete(a, model.KindPolicy, "Spare")
		}, msg: "deleted policy"},
		{name: "delete instance profile", op: func(e *Editor, a *model.Account) (model.ChangeSet, error) {
			return e.Delete(a, model.KindInstanceProfile, "x")
		}, code: CodeInvalidInput, msg: "cannot delete"},
		{name: "nil account", op: func(e *Editor, _ *model.Account) (model.ChangeSet, error) {
			return e.CreateUser(nil, "x", "", nil)
		}, code: CodeInvalidInput, msg: "no account"},
	})
}

func TestLoss(t *testing.T) {
	a := fixture(t)
	snap := deepCopy(a)
	tests := []struct {
		kind model.EntityKind
		name string
		want []string
	}{
		{model.KindUser, "Alice", []string{"membership in 2 groups: chefs, waiters", "1 inline policy: Notes", "attached policies: KitchenRead", "permissions boundary: Boundary", "2 tags: team, shift"}},
		{model.KindUser, "bob", nil},
		{model.KindGroup, "chefs", []string{"membership of 1 user: alice", "1 inline policy: ChefExtra", "attached policies: KitchenRead"}},
		{model.KindGroup, "cleaners", nil},
		{model.KindRole, "cook", []string{"1 inline policy: Pantry", "attached policies: KitchenRead, ReadOnlyAccess", "permissions boundary: Boundary", "1 tag: shift", "1 instance profile: cook-profile"}},
		{model.KindPolicy, "KitchenRead", []string{"2 versions: v1, v2 (default)"}},
		{model.KindPolicy, "arn:aws:iam::111122223333:policy/Spare", []string{"5 versions: v1, v2, v3, v4, v5 (default)"}},
		{model.KindUser, "nobody", nil},
		{model.KindInstanceProfile, "cook-profile", nil},
	}
	for _, tt := range tests {
		if got := Loss(a, tt.kind, tt.name); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Loss(%s %s) = %q, want %q", tt.kind, tt.name, got, tt.want)
		}
	}
	if Loss(nil, model.KindUser, "x") != nil {
		t.Error("Loss on a nil account")
	}
	if !reflect.DeepEqual(a, snap) {
		t.Error("Loss modified the account")
	}
}

func TestLossElidesLongLists(t *testing.T) {
	a := fixture(t)
	for i := range 25 {
		u := newUser(100+i, "u"+strings.Repeat("x", i))
		u.Groups = []string{"cleaners"}
		a.Users = append(a.Users, u)
	}
	got := Loss(a, model.KindGroup, "cleaners")
	if len(got) != 1 || !strings.HasPrefix(got[0], "membership of 25 users: u, ux, uxx") || !strings.HasSuffix(got[0], " and 5 more") {
		t.Errorf("%q", got)
	}
}

func TestRandomID(t *testing.T) {
	seen := map[string]bool{}
	for _, prefix := range []string{model.PrefixUser, model.PrefixGroup, model.PrefixRole, model.PrefixPolicy} {
		for range 100 {
			id := RandomID(prefix)
			if len(id) != 21 {
				t.Fatalf("%q: length %d, want 21", id, len(id))
			}
			if err := model.ValidateID(prefix, id); err != nil {
				t.Fatal(err)
			}
			if seen[id] {
				t.Fatalf("%q twice", id)
			}
			seen[id] = true
		}
	}
}

func TestZeroEditorWorks(t *testing.T) {
	a := fixture(t)
	var e Editor
	cs, err := e.CreateUser(a, "carol", "", nil)
	if err != nil {
		t.Fatal(err)
	}
	u := cs.Changes[0].After.(*model.User)
	if model.ValidateID(model.PrefixUser, u.ID) != nil || time.Since(u.CreateDate) > time.Minute || u.CreateDate.Location() != time.UTC {
		t.Errorf("%+v", u)
	}
	checkChangeSet(t, a, cs)
}

func TestBrokenIDGenerators(t *testing.T) {
	a := fixture(t)
	e := &Editor{NewID: func(string) string { return "nope" }}
	if _, err := e.CreateUser(a, "carol", "", nil); err == nil || !strings.Contains(err.Error(), "id generator") {
		t.Errorf("bad ids: %v", err)
	}
	e = &Editor{NewID: func(p string) string { return uid(901) }} // alice's id
	if _, err := e.CreateUser(a, "carol", "", nil); err == nil || !strings.Contains(err.Error(), "already in use") {
		t.Errorf("repeated ids: %v", err)
	}
}
