package catfmt

import (
	"testing"
)

func TestRoundTripSharesRepeatedStrings(t *testing.T) {
	w := NewWriter()
	w.String("s3")
	w.Uint(300)
	w.Bool(true)
	w.Strings([]string{"a", "s3", ""})
	data := w.Bytes()

	r, err := NewReader(data)
	if err != nil {
		t.Fatal(err)
	}
	if got := r.String(); got != "s3" {
		t.Errorf("String = %q", got)
	}
	if got := r.Uint(); got != 300 {
		t.Errorf("Uint = %d", got)
	}
	if !r.Bool() {
		t.Error("Bool = false")
	}
	n := r.Count()
	var got []string
	for range n {
		got = append(got, r.String())
	}
	if len(got) != 3 || got[0] != "a" || got[1] != "s3" || got[2] != "" {
		t.Errorf("Strings = %q", got)
	}
	if err := r.Done(); err != nil {
		t.Errorf("Done: %v", err)
	}
	if len(r.strings) != 3 {
		t.Errorf("string table has %d entries, want 3 (s3 stored once)", len(r.strings))
	}
}

func TestReaderRejectsCorruptInput(t *testing.T) {
	w := NewWriter()
	w.String("hello")
	w.Uint(7)
	good := w.Bytes()
	for name, data := range map[string][]byte{
		"empty":          nil,
		"bad magic":      append([]byte("XXXXXXX\n"), good[len(Magic):]...),
		"truncated body": good[:len(good)-1],
		"cut strings":    good[:len(Magic)+3],
	} {
		t.Run(name, func(t *testing.T) {
			r, err := NewReader(data)
			if err != nil {
				return
			}
			_ = r.String()
			r.Uint()
			if r.Done() == nil {
				t.Error("corrupt input accepted")
			}
		})
	}
	r, err := NewReader(good)
	if err != nil {
		t.Fatal(err)
	}
	_ = r.String()
	r.Uint()
	r.Uint() // past the end
	if r.Err() == nil {
		t.Error("reading past the end gave no error")
	}
}
