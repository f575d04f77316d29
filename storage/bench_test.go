package storage

import (
	"context"
	"fmt"
	"path/filepath"
	"sync"
	"testing"

	"iamtui/model"
)

// Speed targets (issue 2 and the UI's budget), measured here, never
// asserted in tests:
//   - ReplaceAccount: large account well under 1 s, huge under 4 s;
//   - LoadWorld of the large account ≤ 100 ms (the UI's first frame is due
//     150 ms after start).

var benchAccounts sync.Map // genSize → *model.Account

func benchAccount(b *testing.B, size genSize) *model.Account {
	if a, ok := benchAccounts.Load(size); ok {
		return a.(*model.Account)
	}
	a := genAccount(b, testAccount, size, 1)
	benchAccounts.Store(size, a)
	return a
}

func benchReplace(b *testing.B, size genSize, existing bool) {
	ctx := context.Background()
	a := benchAccount(b, size)
	db, err := Open(filepath.Join(b.TempDir(), "bench.db"), Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	if existing {
		if err := db.ReplaceAccount(ctx, a, "first"); err != nil {
			b.Fatal(err)
		}
	}
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		if !existing && i > 0 {
			b.StopTimer()
			if err := db.DeleteAccount(ctx, a.ID); err != nil {
				b.Fatal(err)
			}
			b.StartTimer()
		}
		if err := db.ReplaceAccount(ctx, a, fmt.Sprint("run ", i)); err != nil {
			b.Fatal(err)
		}
	}
}

// New: the account is not in the file yet (first import).
func BenchmarkReplaceAccountLargeNew(b *testing.B) { benchReplace(b, sizeLarge, false) }

// Existing: re-import over the same account (delete, insert, snapshot).
func BenchmarkReplaceAccountLargeExisting(b *testing.B) { benchReplace(b, sizeLarge, true) }

func BenchmarkReplaceAccountHugeNew(b *testing.B)      { benchReplace(b, sizeHuge, false) }
func BenchmarkReplaceAccountHugeExisting(b *testing.B) { benchReplace(b, sizeHuge, true) }

type loadKind int

const (
	benchAccountOnly loadKind = iota
	benchWorld
	benchForEvaluation
)

func benchLoad(b *testing.B, size genSize, kind loadKind) {
	ctx := context.Background()
	path := filepath.Join(b.TempDir(), "bench.db")
	db, err := Open(path, Options{})
	if err != nil {
		b.Fatal(err)
	}
	if err := db.ReplaceAccount(ctx, benchAccount(b, size), "bench"); err != nil {
		b.Fatal(err)
	}
	db.Close()
	// A fresh handle, as a starting program has.
	db, err = Open(path, Options{ReadOnly: true})
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		switch kind {
		case benchWorld:
			_, err = db.LoadWorld(ctx)
		case benchForEvaluation:
			_, err = db.LoadWorldWith(ctx, LoadOptions{ForEvaluation: true})
		default:
			_, err = db.LoadAccount(ctx, testAccount)
		}
		if err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkLoadWorldLarge(b *testing.B)   { benchLoad(b, sizeLarge, benchWorld) }
func BenchmarkLoadAccountLarge(b *testing.B) { benchLoad(b, sizeLarge, benchAccountOnly) }
func BenchmarkLoadWorldHuge(b *testing.B)    { benchLoad(b, sizeHuge, benchWorld) }

// BenchmarkLoadWorldForEvaluationLarge is the load of 'iamtui eval'
// (LoadOptions.ForEvaluation).
func BenchmarkLoadWorldForEvaluationLarge(b *testing.B) { benchLoad(b, sizeLarge, benchForEvaluation) }

// BenchmarkOpenAndLoadWorldLarge is what a starting program pays: open
// (schema check included) and load everything.
func BenchmarkOpenAndLoadWorldLarge(b *testing.B) {
	ctx := context.Background()
	path := filepath.Join(b.TempDir(), "bench.db")
	db, err := Open(path, Options{})
	if err != nil {
		b.Fatal(err)
	}
	if err := db.ReplaceAccount(ctx, benchAccount(b, sizeLarge), "bench"); err != nil {
		b.Fatal(err)
	}
	db.Close()
	b.ResetTimer()
	for b.Loop() {
		db, err := Open(path, Options{})
		if err != nil {
			b.Fatal(err)
		}
		if _, err := db.LoadWorld(ctx); err != nil {
			b.Fatal(err)
		}
		db.Close()
	}
}

// BenchmarkApplyLarge is one edit (attach a policy to a user) in the large
// account: the account is read and validated in the transaction.
func BenchmarkApplyLarge(b *testing.B) {
	ctx := context.Background()
	a := benchAccount(b, sizeLarge)
	db, err := Open(filepath.Join(b.TempDir(), "bench.db"), Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	if err := db.ReplaceAccount(ctx, a, "bench"); err != nil {
		b.Fatal(err)
	}
	cur := a.Users[0]
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		next := cur.Clone()
		next.Tags = []model.Tag{{Key: "n", Value: fmt.Sprint(i)}}
		if _, err := db.Apply(ctx, model.ChangeSet{Op: "tag-user", Changes: []model.Change{{Account: a.ID, Kind: model.KindUser, Before: cur, After: next}}}); err != nil {
			b.Fatal(err)
		}
		cur = next
	}
}
