package evaluator

import (
	"os"
	"testing"

	"iamtui/model"
	"iamtui/model/gaad"
)

// loadGAAD reads a get-account-authorization-details file into a world, or
// skips the test when the file is absent (../shared and /tmp/acct are not
// part of the repository).
func loadGAAD(tb testing.TB, path string) *model.World {
	tb.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		tb.Skipf("%s: %v", path, err)
	}
	acct, _, err := gaad.Decode(data, gaad.DecodeOptions{Source: path})
	if err != nil {
		tb.Fatalf("decode %s: %v", path, err)
	}
	return &model.World{Accounts: []*model.Account{acct}}
}
