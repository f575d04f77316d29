package storage

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"iamtui/model"
)

const testAccount = "111122223333"

func openTemp(t testing.TB) *DB {
	t.Helper()
	db, err := Open(filepath.Join(t.TempDir(), "iam.db"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// accountJSON is an account's snapshot as text: equal texts mean equal
// accounts, down to the order of every list and the bytes of every
// document.
func accountJSON(t testing.TB, a *model.Account) string {
	t.Helper()
	b, err := json.Marshal(snapOfAccount(a))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// dump prints every row of every table (and the header pragmas) of the
// database, so that two dumps are equal exactly when nothing changed.
func dump(t testing.TB, db *DB) string {
	t.Helper()
	ctx := context.Background()
	var b strings.Builder
	for _, p := range []string{"application_id", "user_version"} {
		var v int64
		if err := db.r.QueryRowContext(ctx, "PRAGMA "+p).Scan(&v); err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&b, "%s=%d\n", p, v)
	}
	rows, err := db.r.QueryContext(ctx, `SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name`)
	if err != nil {
		t.Fatal(err)
	}
	var tables []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			t.Fatal(err)
		}
		tables = append(tables, n)
	}
	rows.Close()
	for _, table := range tables {
		fmt.Fprintf(&b, "== %s\n", table)
		dumpQuery(t, db.r, &b, "SELECT * FROM "+table+" ORDER BY 1, 2")
	}
	return b.String()
}

func dumpQuery(t testing.TB, q *sql.DB, b *strings.Builder, query string) {
	t.Helper()
	rows, err := q.QueryContext(context.Background(), query)
	if err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	vals := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		for i, v := range vals {
			if i > 0 {
				b.WriteByte('|')
			}
			if bs, ok := v.([]byte); ok {
				fmt.Fprintf(b, "%x", bs)
			} else {
				fmt.Fprint(b, v)
			}
		}
		b.WriteByte('\n')
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
}
