package gaad

import (
	"bytes"
	"errors"
	"fmt"
	"net/url"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"

	"iamtui/model/policy"
)

// docForm is how a policy document was written in the file.
type docForm uint8

const (
	formObject     docForm = iota // a JSON object (the AWS CLI's form)
	formURLEncoded                // a URL-encoded string (the raw API's form)
	formString                    // a plain JSON string holding the text
)

func (f docForm) String() string {
	switch f {
	case formURLEncoded:
		return "URL-encoded"
	case formString:
		return "JSON"
	}
	return ""
}

// part says which document of an entity a job is.
type part uint8

const (
	partInline part = iota
	partTrust
	partVersion
)

// docJob is one policy document to parse once the whole file has been read:
// parsing is most of the work, and it runs in parallel.
type docJob struct {
	dst        **policy.Document
	kind       policy.Kind
	form       docForm
	start, end int    // the value's first and last byte in the file
	raw        string // the string's decoded value, for the string forms
	entityKind string // "user", "group", "role", "policy"
	entityName string
	entityOff  int
	part       part
	partName   string // inline policy name or version id
}

// rawDoc is a document value as read, before it belongs to a job.
type rawDoc struct {
	present    bool
	form       docForm
	start, end int
	raw        string
}

// docValue reads a policy document value: an object (recorded by its span,
// checked to be well-formed JSON) or a string. null means no document.
func (r *reader) docValue() (rawDoc, error) {
	if r.isNull() {
		return rawDoc{}, nil
	}
	start := r.off
	switch r.peek() {
	case '{':
		if err := r.skip(); err != nil {
			return rawDoc{}, err
		}
		return rawDoc{present: true, form: formObject, start: start, end: r.off - 1}, nil
	case '"':
		b, err := r.strBytes()
		if err != nil {
			return rawDoc{}, err
		}
		s := string(b)
		form := formURLEncoded
		if t := strings.TrimLeft(strings.TrimPrefix(strings.TrimLeft(s, " \t\r\n"), "\uFEFF"), " \t\r\n"); strings.HasPrefix(t, "{") {
			form = formString
		}
		return rawDoc{present: true, form: form, start: start, end: r.off - 1, raw: s}, nil
	}
	return rawDoc{}, r.errAt(r.off, "a policy document must be a JSON object or a string, found %s", r.found())
}

// dedent returns a document embedded in the file as the standalone text the
// AWS CLI prints for get-policy-version: the indentation of the line holding
// the closing brace is removed from every following line, so that line and
// column positions later reported are positions in a document the user can
// see. Lines that do not carry that indentation lose what they share of it.
func dedent(raw []byte) string {
	last := bytes.LastIndexByte(raw, '\n')
	if last < 0 {
		return string(raw)
	}
	prefix := raw[last+1 : len(raw)-1]
	if len(prefix) == 0 || len(bytes.Trim(prefix, " \t")) != 0 {
		return string(raw)
	}
	var b strings.Builder
	b.Grow(len(raw))
	first := bytes.IndexByte(raw, '\n')
	b.Write(raw[:first+1])
	for rest := raw[first+1:]; len(rest) > 0; {
		line := rest
		if i := bytes.IndexByte(rest, '\n'); i >= 0 {
			line = rest[:i+1]
		}
		rest = rest[len(line):]
		b.Write(line[stripped(line, prefix):])
	}
	return b.String()
}

// stripped is how many leading bytes of line dedent removes.
func stripped(line, prefix []byte) int {
	n := 0
	for n < len(prefix) && n < len(line) && line[n] == prefix[n] {
		n++
	}
	return n
}

// fileOffset maps a byte offset in the dedented text of an embedded
// document back to the file.
func fileOffset(data []byte, start, end, docOff int) int {
	raw := data[start : end+1]
	last := bytes.LastIndexByte(raw, '\n')
	if last < 0 {
		return start + docOff
	}
	prefix := raw[last+1 : len(raw)-1]
	if len(prefix) == 0 || len(bytes.Trim(prefix, " \t")) != 0 {
		return start + docOff
	}
	first := bytes.IndexByte(raw, '\n')
	if docOff <= first {
		return start + docOff
	}
	rawOff, textOff := first+1, first+1
	for rawOff < len(raw) {
		line := raw[rawOff:]
		if i := bytes.IndexByte(line, '\n'); i >= 0 {
			line = line[:i+1]
		}
		cut := stripped(line, prefix)
		kept := len(line) - cut
		if docOff < textOff+kept || rawOff+len(line) >= len(raw) {
			return start + rawOff + cut + (docOff - textOff)
		}
		rawOff += len(line)
		textOff += kept
	}
	return start + docOff
}

// text returns the job's document text.
func (j *docJob) text(data []byte) (string, error) {
	switch j.form {
	case formObject:
		return dedent(data[j.start : j.end+1]), nil
	case formURLEncoded:
		// PathUnescape, not QueryUnescape: the raw API leaves '+' as is.
		t, err := url.PathUnescape(j.raw)
		if err != nil {
			return "", fmt.Errorf("the document is neither JSON nor URL-encoded JSON: %w", err)
		}
		return t, nil
	}
	return j.raw, nil
}

func (j *docJob) parse(data []byte) (*policy.Document, error) {
	text, err := j.text(data)
	if err != nil {
		return nil, err
	}
	return policy.Parse(text, j.kind)
}

// describe names the job's entity and part as model errors do.
func (j *docJob) describe() (entity, partName string) {
	entity = fmt.Sprintf("%s %q", j.entityKind, j.entityName)
	switch j.part {
	case partTrust:
		partName = "trust policy"
	case partVersion:
		partName = "version " + j.partName
	default:
		partName = fmt.Sprintf("inline policy %q", j.partName)
	}
	return entity, partName
}

// jobError turns a parse failure into an Error with both positions.
func jobError(data []byte, src string, j *docJob, err error) error {
	entity, partName := j.describe()
	e := &Error{Source: src, Entity: entity, Part: partName, DocForm: j.form.String(), Err: err}
	e.EntityLine, _ = lineCol(data, j.entityOff)
	var se *policy.SyntaxError
	if errors.As(err, &se) {
		pos := se.Pos
		e.Doc = &pos
		off := j.start
		if j.form == formObject {
			off = fileOffset(data, j.start, j.end, pos.Offset)
		}
		e.Line, e.Column = lineCol(data, off)
	} else {
		e.Line, e.Column = lineCol(data, j.start)
	}
	return e
}

// parseDocs parses every job's document on all cores. When several
// documents are bad, the error is the first one in the file, whatever the
// scheduling, so the same file always gets the same message.
func parseDocs(data []byte, src string, jobs []docJob) error {
	const chunk = 32
	workers := runtime.GOMAXPROCS(0)
	if n := (len(jobs) + chunk - 1) / chunk; n < workers {
		workers = n
	}
	var (
		next    atomic.Int64
		failed  atomic.Bool
		wg      sync.WaitGroup
		mu      sync.Mutex
		firstAt = -1
		first   error
	)
	work := func() {
		defer wg.Done()
		for !failed.Load() {
			lo := int(next.Add(chunk)) - chunk
			if lo >= len(jobs) {
				return
			}
			hi := min(lo+chunk, len(jobs))
			for i := lo; i < hi; i++ {
				doc, err := jobs[i].parse(data)
				if err != nil {
					// Chunks are handed out in file order, so every job
					// before this one has been or is being parsed: the
					// others may stop after their current chunk.
					failed.Store(true)
					mu.Lock()
					if firstAt < 0 || i < firstAt {
						firstAt, first = i, err
					}
					mu.Unlock()
					break
				}
				*jobs[i].dst = doc
			}
		}
	}
	wg.Add(workers)
	for range workers {
		go work()
	}
	wg.Wait()
	if firstAt >= 0 {
		return jobError(data, src, &jobs[firstAt], first)
	}
	return nil
}
