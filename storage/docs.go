package storage

import (
	"fmt"
	"runtime"
	"sync"

	"iamtui/model/policy"
)

// docSet parses the policy documents of a load on every core while the
// loader is still reading rows. Identical texts of the same kind are parsed
// once and share one *policy.Document (documents are immutable): real
// accounts repeat inline policies and trust policies a lot.
type docSet struct {
	// stub skips parsing: the documents get only their Text and Kind. Apply
	// uses it to validate an account (model.Validate reads only the text)
	// without paying for a parse of every policy in it.
	stub bool

	byKey   map[docKey]*docEntry
	entries []*docEntry
	jobs    chan *docEntry
	wg      sync.WaitGroup
}

type docKey struct {
	text string
	kind policy.Kind
}

type docEntry struct {
	key   docKey
	where docWhere // the first place the text was found, for errors
	doc   *policy.Document
	err   error
	dsts  []func(*policy.Document)
}

// docWhere names a document's place for an error message; it is formatted
// only when the document fails to parse.
type docWhere struct {
	account, entity, name string
	part, partName        string // e.g. "inline policy", "Policy1"
}

func (w docWhere) String() string {
	s := fmt.Sprintf("%s %q", w.entity, w.name)
	if w.account != "" {
		s = "account " + w.account + ": " + s
	}
	if w.part != "" {
		s += ": " + w.part
	}
	if w.partName != "" {
		s += fmt.Sprintf(" %q", w.partName)
	}
	return s
}

// parallelMin is the number of documents below which a load parses them
// in the calling goroutine: starting workers costs more than a few parses.
const parallelMin = 64

func newDocSet(stub bool) *docSet {
	return &docSet{stub: stub, byKey: make(map[docKey]*docEntry)}
}

// add records that set must receive the parsed text. set runs in wait,
// after every row has been read, so it may index slices that were still
// growing when add was called. The workers start with the first document of
// a large load.
func (s *docSet) add(text string, kind policy.Kind, where docWhere, set func(*policy.Document)) {
	if s.stub {
		set(&policy.Document{Text: text, Kind: kind})
		return
	}
	k := docKey{text, kind}
	if e := s.byKey[k]; e != nil {
		e.dsts = append(e.dsts, set)
		return
	}
	e := &docEntry{key: k, where: where, dsts: []func(*policy.Document){set}}
	s.byKey[k] = e
	s.entries = append(s.entries, e)
	if s.jobs == nil && len(s.entries) == parallelMin {
		s.start()
		for _, early := range s.entries {
			s.jobs <- early
		}
		return
	}
	if s.jobs != nil {
		s.jobs <- e
	}
}

// start leaves one core to the goroutine reading rows, which joins the
// workers in wait once the rows are read.
func (s *docSet) start() {
	n := max(1, runtime.GOMAXPROCS(0)-1)
	s.jobs = make(chan *docEntry, 1<<14)
	s.wg.Add(n)
	for range n {
		go func() {
			defer s.wg.Done()
			parseAll(s.jobs)
		}()
	}
}

func parseAll(jobs <-chan *docEntry) {
	for e := range jobs {
		e.doc, e.err = policy.Parse(e.key.text, e.key.kind)
	}
}

// wait finishes the parses and fills every destination. It reports the
// first failing document in load order.
func (s *docSet) wait() error {
	if s.stub {
		return nil
	}
	if s.jobs != nil {
		close(s.jobs)
		parseAll(s.jobs)
		s.wg.Wait()
	} else {
		for _, e := range s.entries {
			e.doc, e.err = policy.Parse(e.key.text, e.key.kind)
		}
	}
	for _, e := range s.entries {
		if e.err != nil {
			return fmt.Errorf("%s: stored %s no longer parses: %w", e.where, e.key.kind, e.err)
		}
		for _, set := range e.dsts {
			set(e.doc)
		}
	}
	return nil
}

// abandon stops the workers after a failed load.
func (s *docSet) abandon() {
	if s.jobs != nil {
		close(s.jobs)
		s.wg.Wait()
		s.jobs = nil
	}
	s.entries = nil
}
