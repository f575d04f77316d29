package gaad

import (
	"bytes"
	"errors"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"iamtui/model"
)

// FuzzDecode: Decode never panics; it either refuses with an *Error naming
// the source, or returns an account that validates, re-encodes, and reads
// back to the same export.
func FuzzDecode(f *testing.F) {
	f.Add([]byte(build("", "", "", "")))
	f.Add([]byte(build(`"`+url.PathEscape(policyText)+`"`, jsonStr(trustText), `{"Statement":{"Effect":"Allow","Action":"*","Resource":"*"}}`, "2024-01-02 03:04:05Z")))
	f.Add([]byte(`{"UserDetailList":[{"UserName":"a","Path":"/","UserId":"AIDAQAAAAAAAAAAAAAAA1","Arn":"arn:aws:iam::111122223333:user/a","Tags":[{"Key":"k","Value":"\u00e9"}]}],"IsTruncated":true}`))
	f.Add([]byte(`{"RoleDetailList":[{"RoleName":"r","Path":"/","RoleId":"AROAQAAAAAAAAAAAAAAA1","Arn":"arn:aws:iam::111122223333:role/r","MaxSessionDuration":3600,"AssumeRolePolicyDocument":"{\n \"Statement\": {\"Effect\": \"Allow\", \"Principal\": \"*\", \"Action\": \"sts:AssumeRole\"}\n }\n"}]}`))
	f.Add([]byte(""))
	f.Add([]byte("{"))
	f.Add([]byte(`{"Policies": [null, 1]}`))
	if p, err := filepath.Glob(filepath.Join("..", "..", "..", "shared", "samples", "sample-gaad*.json")); err == nil {
		for _, name := range p {
			if data, err := os.ReadFile(name); err == nil {
				f.Add(data)
			}
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		a, _, err := Decode(data, DecodeOptions{Source: "fuzz.json"})
		if err != nil {
			var ge *Error
			if !errors.As(err, &ge) || !strings.HasPrefix(err.Error(), "fuzz.json: ") {
				t.Fatalf("error %T %q does not name the source", err, err)
			}
			if ge.Line < 0 || ge.Column < 0 || (ge.Line > 0 && ge.Column < 1) {
				t.Fatalf("bad position in %v", err)
			}
			return
		}
		if _, err := model.Validate(a); err != nil {
			t.Fatalf("a decoded account does not validate: %v", err)
		}
		var first, second bytes.Buffer
		if err := Encode(&first, a); err != nil {
			t.Fatalf("Encode: %v", err)
		}
		b, _, err := Decode(first.Bytes(), DecodeOptions{Source: "again.json", AccountID: a.ID})
		if err != nil {
			t.Fatalf("the export does not decode: %v\n%s", err, first.Bytes())
		}
		if err := Encode(&second, b); err != nil {
			t.Fatalf("Encode again: %v", err)
		}
		if !bytes.Equal(first.Bytes(), second.Bytes()) {
			t.Fatalf("export → import → export differs:\n%s", firstDiff(second.String(), first.String()))
		}
	})
}
