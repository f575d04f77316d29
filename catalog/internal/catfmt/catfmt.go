// Package catfmt is the on-disk form of the embedded action catalog, shared by
// the generator (which writes it) and the catalog package (which reads it), so
// the two can never drift apart.
//
// The file is gzip over this layout, every integer an unsigned varint:
//
//	magic "IAMCAT1\n"
//	string table: count, count lengths, then all bytes back to back
//	body: integers, strings written as string-table indexes
//
// A string table lets the reader turn the whole blob into one Go string and
// hand out substrings of it: ~60,000 strings cost one allocation instead of
// 60,000, which is most of what keeps Load fast. The body's shape is defined by
// the order of calls in the generator and in catalog/decode.go, which mirror
// each other.
package catfmt

import (
	"encoding/binary"
	"errors"
	"fmt"
)

// Magic starts every catalog file; bump its digit when the body changes shape.
const Magic = "IAMCAT1\n"

// Writer accumulates a body and its string table.
type Writer struct {
	body    []byte
	index   map[string]uint64
	strings []string
}

// NewWriter returns an empty writer.
func NewWriter() *Writer {
	return &Writer{index: map[string]uint64{}}
}

// Uint appends an integer.
func (w *Writer) Uint(v uint64) {
	w.body = binary.AppendUvarint(w.body, v)
}

// Bool appends a boolean as 0 or 1.
func (w *Writer) Bool(b bool) {
	if b {
		w.Uint(1)
	} else {
		w.Uint(0)
	}
}

// String appends a reference to s, adding s to the table on first use; the
// table's order is therefore the order of first use, which is deterministic as
// long as the caller's is.
func (w *Writer) String(s string) {
	id, ok := w.index[s]
	if !ok {
		id = uint64(len(w.strings))
		w.index[s] = id
		w.strings = append(w.strings, s)
	}
	w.Uint(id)
}

// Strings appends a count and then each string.
func (w *Writer) Strings(ss []string) {
	w.Uint(uint64(len(ss)))
	for _, s := range ss {
		w.String(s)
	}
}

// Bytes returns magic, string table and body: the uncompressed file.
func (w *Writer) Bytes() []byte {
	out := []byte(Magic)
	out = binary.AppendUvarint(out, uint64(len(w.strings)))
	for _, s := range w.strings {
		out = binary.AppendUvarint(out, uint64(len(s)))
	}
	for _, s := range w.strings {
		out = append(out, s...)
	}
	return append(out, w.body...)
}

// Reader walks a body written by Writer. Errors are sticky: after the first,
// every call returns zero values and Err reports it, so decoding code can read
// a whole record and check once.
type Reader struct {
	data    []byte
	pos     int
	strings []string
	err     error
}

// NewReader parses the magic and string table of an uncompressed file.
func NewReader(data []byte) (*Reader, error) {
	if len(data) < len(Magic) || string(data[:len(Magic)]) != Magic {
		return nil, errors.New("not a catalog file (bad magic)")
	}
	r := &Reader{data: data, pos: len(Magic)}
	n := r.Uint()
	if r.err != nil || n > uint64(len(data)) {
		return nil, fmt.Errorf("string table: bad count %d", n)
	}
	lengths := make([]int, n)
	total := 0
	for i := range lengths {
		l := r.Uint()
		if l > uint64(len(data)) {
			return nil, fmt.Errorf("string table: entry %d: bad length %d", i, l)
		}
		lengths[i] = int(l)
		total += int(l)
	}
	if r.err != nil {
		return nil, fmt.Errorf("string table: %w", r.err)
	}
	if total > len(data)-r.pos {
		return nil, fmt.Errorf("string table: %d bytes of strings but only %d left", total, len(data)-r.pos)
	}
	// One conversion, then substrings share its memory.
	blob := string(data[r.pos : r.pos+total])
	r.pos += total
	r.strings = make([]string, n)
	off := 0
	for i, l := range lengths {
		r.strings[i] = blob[off : off+l]
		off += l
	}
	return r, nil
}

// Uint reads an integer.
func (r *Reader) Uint() uint64 {
	if r.err != nil {
		return 0
	}
	v, n := binary.Uvarint(r.data[r.pos:])
	if n <= 0 {
		r.err = fmt.Errorf("truncated or bad integer at byte %d", r.pos)
		return 0
	}
	r.pos += n
	return v
}

// Count reads an integer used as a length and bounds it by the bytes left, so
// a corrupt file cannot make the decoder allocate gigabytes.
func (r *Reader) Count() int {
	v := r.Uint()
	if v > uint64(len(r.data)-r.pos) {
		if r.err == nil {
			r.err = fmt.Errorf("count %d at byte %d exceeds the %d bytes left", v, r.pos, len(r.data)-r.pos)
		}
		return 0
	}
	return int(v)
}

// Bool reads a boolean.
func (r *Reader) Bool() bool {
	return r.Uint() != 0
}

// String reads a string-table reference.
func (r *Reader) String() string {
	id := r.Uint()
	if r.err != nil {
		return ""
	}
	if id >= uint64(len(r.strings)) {
		r.err = fmt.Errorf("string index %d out of range (%d strings) at byte %d", id, len(r.strings), r.pos)
		return ""
	}
	return r.strings[id]
}

// Err is the first error met, if any.
func (r *Reader) Err() error {
	return r.err
}

// Done reports an error unless the whole body was consumed, which catches a
// reader and writer that disagree on the layout.
func (r *Reader) Done() error {
	if r.err != nil {
		return r.err
	}
	if r.pos != len(r.data) {
		return fmt.Errorf("%d trailing bytes after the catalog body", len(r.data)-r.pos)
	}
	return nil
}
