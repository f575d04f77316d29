package policy

import (
	"errors"
	"strings"
	"testing"
)

func TestParseAcceptsWhatAWSAccepts(t *testing.T) {
	tests := []struct {
		name  string
		kind  Kind
		text  string
		check func(t *testing.T, d *Document)
	}{
		{"statement as an object", Identity,
			`{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}}`,
			func(t *testing.T, d *Document) {
				if d.StatementArray || len(d.Statements) != 1 {
					t.Fatalf("want one statement written as an object, got array=%v n=%d", d.StatementArray, len(d.Statements))
				}
			}},
		{"statement as an array", Identity,
			`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"},{"Effect":"Deny","Action":"s3:PutObject","Resource":"*"}]}`,
			func(t *testing.T, d *Document) {
				if !d.StatementArray || len(d.Statements) != 2 || d.Statements[1].Effect != Deny || d.Statements[1].Index != 1 {
					t.Fatalf("bad statements: %+v", d.Statements)
				}
			}},
		{"action and resource as arrays", Identity,
			`{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":["s3:GetObject","s3:ListBucket"],"Resource":["arn:aws:s3:::b","arn:aws:s3:::b/*"]}}`,
			func(t *testing.T, d *Document) {
				s := d.Statements[0]
				if got := strings.Join(s.Action.Strings(), ","); got != "s3:GetObject,s3:ListBucket" || !s.Action.Array {
					t.Fatalf("actions %q", got)
				}
				if len(s.Resource.Values) != 2 {
					t.Fatalf("resources %v", s.Resource.Strings())
				}
			}},
		{"not action and not resource", Identity,
			`{"Version":"2012-10-17","Statement":{"Effect":"Deny","NotAction":"iam:*","NotResource":"arn:aws:s3:::b"}}`,
			func(t *testing.T, d *Document) {
				s := d.Statements[0]
				if s.NotAction == nil || s.NotResource == nil || s.Action != nil || s.Resource != nil {
					t.Fatal("NotAction/NotResource not recorded")
				}
			}},
		{"sid and id", Identity,
			`{"Version":"2012-10-17","Id":"doc-1","Statement":{"Sid":"ReadOnly","Effect":"Allow","Action":"s3:Get*","Resource":"*"}}`,
			func(t *testing.T, d *Document) {
				if d.ID != "doc-1" || d.Statements[0].Sid != "ReadOnly" || !d.Statements[0].HasSid {
					t.Fatalf("id %q sid %q", d.ID, d.Statements[0].Sid)
				}
			}},
		{"version 2008 and no version", Identity,
			`{"Version":"2008-10-17","Statement":{"Effect":"Allow","Action":"s3:*","Resource":"*"}}`,
			func(t *testing.T, d *Document) {
				if d.Version != Version2008 || d.VariablesEnabled() {
					t.Fatal("2008-10-17 must not enable variables")
				}
			}},
		{"missing version", Identity,
			`{"Statement":{"Effect":"Allow","Action":"s3:*","Resource":"*"}}`,
			func(t *testing.T, d *Document) {
				if d.Version != "" || d.VariablesEnabled() {
					t.Fatal("no Version must mean no variables")
				}
			}},
		{"principal star", Resource,
			`{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}}`,
			func(t *testing.T, d *Document) {
				if !d.Statements[0].Principal.Wildcard {
					t.Fatal("want wildcard principal")
				}
			}},
		{"principal map of every type", Resource,
			`{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":{"AWS":["111122223333","arn:aws:iam::111122223333:root"],"Service":"ec2.amazonaws.com","Federated":"cognito-identity.amazonaws.com","CanonicalUser":"79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be"},"Action":"s3:GetObject","Resource":"*"}}`,
			func(t *testing.T, d *Document) {
				p := d.Statements[0].Principal
				if len(p.AWS.Values) != 2 || p.Service.Values[0].S != "ec2.amazonaws.com" || p.Federated == nil || p.CanonicalUser == nil {
					t.Fatalf("principal %+v", p)
				}
			}},
		{"not principal with deny", Resource,
			`{"Version":"2012-10-17","Statement":{"Effect":"Deny","NotPrincipal":{"AWS":"arn:aws:iam::111122223333:user/a"},"Action":"s3:*","Resource":"*"}}`,
			func(t *testing.T, d *Document) {
				if d.Statements[0].NotPrincipal == nil {
					t.Fatal("want NotPrincipal")
				}
			}},
		{"trust policy without resource", Trust,
			`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}`,
			func(t *testing.T, d *Document) {}},
		{"condition values as string, array, number and boolean", Identity,
			`{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"StringEquals":{"aws:username":["a","b"],"s3:prefix":"x"},"NumericLessThan":{"aws:MultiFactorAuthAge":3600},"Bool":{"aws:SecureTransport":true}}}}`,
			func(t *testing.T, d *Document) {
				cs := d.Statements[0].Conditions
				if len(cs) != 4 {
					t.Fatalf("want 4 operator/key pairs, got %d", len(cs))
				}
				if cs[0].Key != "aws:username" || len(cs[0].Values) != 2 || !cs[0].Array {
					t.Fatalf("first condition %+v", cs[0])
				}
				if cs[2].Values[0].S != "3600" || cs[3].Values[0].S != "true" {
					t.Fatalf("number and bool kept as text: %q %q", cs[2].Values[0].S, cs[3].Values[0].S)
				}
			}},
		{"qualified operators", Identity,
			`{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"ForAllValues:StringLikeIfExists":{"aws:TagKeys":["a*"]},"ForAnyValue:StringEquals":{"aws:CalledVia":"x"},"Null":{"aws:SourceIp":"true"}}}}`,
			func(t *testing.T, d *Document) {
				cs := d.Statements[0].Conditions
				if cs[0].Base != "StringLike" || cs[0].Set != ForAllValues || !cs[0].IfExists {
					t.Fatalf("ForAllValues:StringLikeIfExists parsed as %+v", cs[0])
				}
				if cs[1].Set != ForAnyValue || cs[1].Base != "StringEquals" {
					t.Fatalf("ForAnyValue parsed as %+v", cs[1])
				}
				if cs[2].Base != "Null" {
					t.Fatalf("Null parsed as %+v", cs[2])
				}
			}},
		{"escapes and unicode in strings", Identity,
			`{"Version":"2012-10-17","Statement":{"Sid":"caf\u00e9","Effect":"Allow","Action":"s3:*","Resource":"arn:aws:s3:::b/\u00e9t\u00e9\/x"}}`,
			func(t *testing.T, d *Document) {
				if d.Statements[0].Sid != "café" || d.Statements[0].Resource.Values[0].S != "arn:aws:s3:::b/été/x" {
					t.Fatalf("escapes: %q %q", d.Statements[0].Sid, d.Statements[0].Resource.Values[0].S)
				}
			}},
		{"byte order mark", Identity,
			"\uFEFF" + `{"Statement":{"Effect":"Allow","Action":"s3:*","Resource":"*"}}`,
			func(t *testing.T, d *Document) {}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := Parse(tt.text, tt.kind)
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			if d.Text != tt.text {
				t.Fatal("the original text must be kept byte for byte")
			}
			tt.check(t, d)
		})
	}
}

func TestParseRejectsWithPosition(t *testing.T) {
	tests := []struct {
		name       string
		kind       Kind
		text       string
		line, col  int
		msgContain string
	}{
		{"empty text", Identity, "", 1, 1, "empty"},
		{"only spaces", Identity, "  \n ", 2, 2, "empty"},
		{"truncated json", Identity, "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [{\"Effect\": \"Allow\"", 3, 35, "truncated"},
		{"not an object", Identity, `["Statement"]`, 1, 1, "must be a JSON object"},
		{"effect maybe", Identity, "{\"Statement\": {\n  \"Effect\": \"Maybe\",\n  \"Action\": \"s3:*\", \"Resource\": \"*\"}}", 2, 13, `found "Maybe"`},
		{"effect lower case", Identity, `{"Statement":{"Effect":"allow","Action":"s3:*","Resource":"*"}}`, 1, 24, "Effect must be"},
		{"unknown top-level element", Identity, `{"Versoin":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:*","Resource":"*"}}`, 1, 2, `unknown policy element "Versoin"`},
		{"unknown statement element", Identity, `{"Statement":{"Effect":"Allow","Actions":"s3:*","Resource":"*"}}`, 1, 32, `unknown statement element "Actions"`},
		{"bad version", Identity, `{"Version":"2012-10-18","Statement":{"Effect":"Allow","Action":"s3:*","Resource":"*"}}`, 1, 12, "Version must be"},
		{"no statement", Identity, `{"Version":"2012-10-17"}`, 1, 1, "no Statement"},
		{"empty statement array", Identity, `{"Statement":[]}`, 1, 14, "empty array"},
		{"statement is a string", Identity, `{"Statement":"x"}`, 1, 14, "object or an array"},
		{"no effect", Identity, `{"Statement":{"Action":"s3:*","Resource":"*"}}`, 1, 14, "no Effect"},
		{"no action", Identity, `{"Statement":{"Effect":"Allow","Resource":"*"}}`, 1, 14, "neither Action nor NotAction"},
		{"action and not action", Identity, `{"Statement":{"Effect":"Allow","Action":"a:b","NotAction":"c:d","Resource":"*"}}`, 1, 47, "both Action and NotAction"},
		{"resource and not resource", Identity, `{"Statement":{"Effect":"Allow","Action":"a:b","Resource":"*","NotResource":"x"}}`, 1, 62, "both Resource and NotResource"},
		{"identity policy without resource", Identity, `{"Statement":{"Effect":"Allow","Action":"a:b"}}`, 1, 14, "neither Resource nor NotResource"},
		{"identity policy with principal", Identity, `{"Statement":{"Effect":"Allow","Principal":"*","Action":"a:b","Resource":"*"}}`, 1, 32, "cannot have a Principal"},
		{"resource policy without principal", Resource, `{"Statement":{"Effect":"Allow","Action":"a:b","Resource":"*"}}`, 1, 14, "needs a Principal"},
		{"trust policy with resource", Trust, `{"Statement":{"Effect":"Allow","Principal":"*","Action":"sts:AssumeRole","Resource":"*"}}`, 1, 74, "cannot have a Resource"},
		{"not principal with allow", Resource, `{"Statement":{"Effect":"Allow","NotPrincipal":{"AWS":"1"},"Action":"a:b","Resource":"*"}}`, 1, 32, "NotPrincipal cannot be used"},
		{"principal string not star", Resource, `{"Statement":{"Effect":"Allow","Principal":"alice","Action":"a:b","Resource":"*"}}`, 1, 44, `found "alice"`},
		{"unknown principal type", Resource, `{"Statement":{"Effect":"Allow","Principal":{"Aws":"1"},"Action":"a:b","Resource":"*"}}`, 1, 45, `unknown principal type "Aws"`},
		{"action a number", Identity, `{"Statement":{"Effect":"Allow","Action":3,"Resource":"*"}}`, 1, 41, "string or an array of strings"},
		{"action array with a number", Identity, `{"Statement":{"Effect":"Allow","Action":["a:b",3],"Resource":"*"}}`, 1, 48, "each Action must be a string"},
		{"empty action array", Identity, `{"Statement":{"Effect":"Allow","Action":[],"Resource":"*"}}`, 1, 41, "empty array"},
		{"unknown condition operator", Identity, `{"Statement":{"Effect":"Allow","Action":"a:b","Resource":"*","Condition":{"StringEqualz":{"k":"v"}}}}`, 1, 75, `unknown condition operator "StringEqualz"`},
		{"null with if exists", Identity, `{"Statement":{"Effect":"Allow","Action":"a:b","Resource":"*","Condition":{"NullIfExists":{"k":"true"}}}}`, 1, 75, "unknown condition operator"},
		{"condition value an object", Identity, `{"Statement":{"Effect":"Allow","Action":"a:b","Resource":"*","Condition":{"StringEquals":{"k":{}}}}}`, 1, 95, "must be a string, number, boolean"},
		{"condition value null", Identity, `{"Statement":{"Effect":"Allow","Action":"a:b","Resource":"*","Condition":{"StringEquals":{"k":[null]}}}}`, 1, 96, "strings, numbers or booleans"},
		{"duplicate key", Identity, `{"Statement":{"Effect":"Allow","Effect":"Deny","Action":"a:b","Resource":"*"}}`, 1, 32, "duplicate key"},
		{"trailing text", Identity, `{"Statement":{"Effect":"Allow","Action":"a:b","Resource":"*"}} x`, 1, 64, "after the end"},
		{"trailing comma", Identity, `{"Statement":{"Effect":"Allow","Action":"a:b","Resource":"*",}}`, 1, 62, "expected a quoted key"},
		{"single quotes", Identity, `{'Statement':1}`, 1, 2, "expected a quoted key"},
		{"bad escape", Identity, `{"Statement":{"Sid":"a\qb"}}`, 1, 23, "invalid escape"},
		{"raw newline in string", Identity, "{\"Statement\":{\"Sid\":\"a\nb\"}}", 1, 21, "unterminated string"},
		{"position counts characters not bytes", Identity, `{"Statement":{"Sid":"été","Effect":"Nope","Action":"a:b","Resource":"*"}}`, 1, 36, "Effect must be"},
		{"deep nesting", Identity, strings.Repeat("[", 100), 1, 65, "nesting deeper"},
		{"leading zero number", Identity, `{"Statement":{"Effect":"Allow","Action":"a:b","Resource":"*","Condition":{"NumericEquals":{"k":01}}}}`, 1, 96, "leading zero"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse(tt.text, tt.kind)
			var se *SyntaxError
			if !errors.As(err, &se) {
				t.Fatalf("want a SyntaxError, got %v", err)
			}
			if se.Pos.Line != tt.line || se.Pos.Column != tt.col {
				t.Errorf("position: got line %d, column %d; want line %d, column %d (%v)", se.Pos.Line, se.Pos.Column, tt.line, tt.col, err)
			}
			if !strings.Contains(err.Error(), tt.msgContain) {
				t.Errorf("message %q does not contain %q", err, tt.msgContain)
			}
		})
	}
}

func TestStatementPositionsPointAtBraces(t *testing.T) {
	text := "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    {\n      \"Sid\": \"A\",\n      \"Effect\": \"Allow\",\n      \"Action\": \"s3:*\",\n      \"Resource\": \"*\"\n    },\n    {\"Effect\": \"Deny\", \"Action\": \"s3:Delete*\", \"Resource\": \"*\"}\n  ]\n}"
	d, err := Parse(text, Identity)
	if err != nil {
		t.Fatal(err)
	}
	s0, s1 := d.Statements[0], d.Statements[1]
	if s0.Start.Line != 4 || s0.Start.Column != 5 || s0.End.Line != 9 || s0.End.Column != 5 {
		t.Errorf("statement 0 at %v..%v, want 4:5..9:5", s0.Start, s0.End)
	}
	if s1.Start.Line != 10 || s1.Start.Column != 5 || s1.End.Line != 10 || s1.End.Column != 63 {
		t.Errorf("statement 1 at %v..%v, want 10:5..10:63", s1.Start, s1.End)
	}
	if src := s1.Source(d); !strings.HasPrefix(src, "{") || !strings.HasSuffix(src, "}") {
		t.Errorf("Source = %q", src)
	}
	if s0.Action.Values[0].Pos.Line != 7 || s0.Action.Values[0].Pos.Column != 17 {
		t.Errorf("action value at %v, want 7:17", s0.Action.Values[0].Pos)
	}
	if s0.EffectPos.Line != 6 {
		t.Errorf("Effect at %v", s0.EffectPos)
	}
}

func TestParseOperator(t *testing.T) {
	tests := []struct {
		op       string
		base     string
		set      SetOperator
		ifExists bool
		ok       bool
	}{
		{"StringEquals", "StringEquals", SingleValue, false, true},
		{"stringequals", "StringEquals", SingleValue, false, true},
		{"StringNotLikeIfExists", "StringNotLike", SingleValue, true, true},
		{"ForAllValues:ArnLike", "ArnLike", ForAllValues, false, true},
		{"ForAnyValue:IpAddressIfExists", "IpAddress", ForAnyValue, true, true},
		{"Null", "Null", SingleValue, false, true},
		{"NullIfExists", "", 0, false, false},
		{"ForSomeValues:StringEquals", "", 0, false, false},
		{"IfExists", "", 0, false, false},
	}
	for _, tt := range tests {
		base, set, ifExists, ok := ParseOperator(tt.op)
		if base != tt.base || set != tt.set || ifExists != tt.ifExists || ok != tt.ok {
			t.Errorf("ParseOperator(%q) = %q %v %v %v", tt.op, base, set, ifExists, ok)
		}
	}
}

func TestResourceControlPolicies(t *testing.T) {
	tests := []struct {
		name, text, wantErr string
	}{
		{"principal star", `{"Version":"2012-10-17","Statement":{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"*","Condition":{"BoolIfExists":{"aws:SecureTransport":"false"}}}}`, ""},
		{"no principal", `{"Version":"2012-10-17","Statement":{"Effect":"Deny","Action":"s3:*","Resource":"*"}}`, `must have "Principal": "*"`},
		{"named principal", `{"Version":"2012-10-17","Statement":{"Effect":"Deny","Principal":{"AWS":"111122223333"},"Action":"s3:*","Resource":"*"}}`, `line 1, column 54: a resource control policy`},
		{"no resource", `{"Version":"2012-10-17","Statement":{"Effect":"Deny","Principal":"*","Action":"s3:*"}}`, "neither Resource nor NotResource"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse(tt.text, ResourceControl)
			if (err == nil) != (tt.wantErr == "") || (err != nil && !strings.Contains(err.Error(), tt.wantErr)) {
				t.Fatalf("err = %v, want %q", err, tt.wantErr)
			}
		})
	}
}
