package htmltree_test

import (
	"errors"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/wenming-archive/wenming/internal/extract"
	"github.com/wenming-archive/wenming/internal/extract/corpus"
)

// corpusDir is the shared extraction corpus, relative to this package.
const corpusDir = "../../../../shared/corpus/extract"

// decodedPage is one corpus page decoded to UTF-8.
type decodedPage struct {
	corpus, id string
	src        []byte
}

var (
	loadOnce  sync.Once
	loaded    []decodedPage
	loadError error
)

// corpusPages returns the decoded pages of the named corpus, or of all
// corpora when name is "". It skips the test when the corpus is missing.
func corpusPages(tb testing.TB, name string) []decodedPage {
	tb.Helper()
	loadOnce.Do(func() {
		pages, err := corpus.Load(corpusDir)
		if err != nil {
			loadError = err
			return
		}
		for _, p := range pages {
			raw, err := p.Read()
			if err != nil {
				loadError = err
				return
			}
			src, _, err := extract.Decode(raw, "")
			if err != nil {
				loadError = err
				return
			}
			loaded = append(loaded, decodedPage{corpus: p.Corpus, id: p.ID, src: src})
		}
	})
	if errors.Is(loadError, os.ErrNotExist) {
		abs, _ := filepath.Abs(corpusDir)
		tb.Skipf("corpus not found at %s (%v): skipping", abs, loadError)
	}
	if loadError != nil {
		tb.Fatal(loadError)
	}
	if name == "" {
		return loaded
	}
	var out []decodedPage
	for _, p := range loaded {
		if p.corpus == name {
			out = append(out, p)
		}
	}
	if len(out) == 0 {
		tb.Skipf("corpus %s has no pages", name)
	}
	return out
}
