package index

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2/index/scorch"
)

// fillBatch adds documents prefix0, prefix1 … to w until it has handed
// a batch over to be written in the background, and returns how many it
// added.
func fillBatch(t *testing.T, w *Writer, prefix, body string) int {
	t.Helper()
	for i := 0; ; i++ {
		if err := w.Add(Document{ID: fmt.Sprint(prefix, i), URL: "http://x.invalid/", Title: prefix, Body: body}); err != nil {
			t.Fatal(err)
		}
		if len(w.writing) > 0 {
			return i + 1
		}
	}
}

// TestWriteBehindKeepsOrder: a document added again in the next batch,
// or deleted in it, while the batch before is written in the background,
// ends as the later call says.
func TestWriteBehindKeepsOrder(t *testing.T) {
	ix := openTestIndex(t)
	w := ix.NewWriter()
	body := strings.Repeat("文明实践", 500)
	n := fillBatch(t, w, "a", body) // a0 … a(n-2) handed over, a(n-1) pending
	if n < 3 {
		t.Fatalf("a batch of %d documents", n)
	}
	if err := w.Add(Document{ID: "a0", URL: "http://x.invalid/", Title: "后来的标题", Body: body}); err != nil {
		t.Fatal(err)
	}
	if err := w.Delete("a1"); err != nil {
		t.Fatal(err)
	}
	fillBatch(t, w, "b", body)
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	res, err := ix.Search(context.Background(), Query{Text: "后来的标题"})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Hits) != 1 || res.Hits[0].ID != "a0" {
		t.Errorf("the later title: hits %v, want a0", res.Hits)
	}
	if res, err = ix.Search(context.Background(), Query{Text: "a", Size: 1000}); err != nil {
		t.Fatal(err)
	}
	for _, h := range res.Hits {
		if h.ID == "a1" {
			t.Errorf("a1, deleted after it was added, is found")
		}
		if h.ID == "a0" {
			t.Errorf("a0 found by its first title")
		}
	}
}

// TestWriteBehindError: a batch that fails in the background fails the
// Writer's next call, with the index named.
func TestWriteBehindError(t *testing.T) {
	ix, err := Open(t.TempDir() + "/idx")
	if err != nil {
		t.Fatal(err)
	}
	w := ix.NewWriter()
	body := strings.Repeat("文明实践", 500)
	// The bleve index closed under the Writer (and so not closed again):
	// its next batch fails.
	if err := ix.b.Close(); err != nil {
		t.Fatal(err)
	}
	defer ix.writing.Wait()
	for i := 0; i < 10*putBatchSize; i++ {
		if err = w.Add(Document{ID: fmt.Sprint(i), Body: body}); err != nil {
			break
		}
	}
	if err == nil {
		err = w.Flush()
	}
	if err == nil || !strings.Contains(err.Error(), ix.path) {
		t.Fatalf("writing into a closed index: %v, want an error naming %s", err, ix.path)
	}
}

// TestCloseWaitsForWriteBehind: closing the index with a batch still
// being written in the background (its Writer never flushed) keeps the
// batch.
func TestCloseWaitsForWriteBehind(t *testing.T) {
	path := t.TempDir() + "/idx"
	ix, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	w := ix.NewWriter()
	n := fillBatch(t, w, "a", strings.Repeat("文明实践", 500))
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	ix, err = Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if got, err := ix.Count(); err != nil || got != uint64(n-1) {
		t.Errorf("count after close %d (%v), want the %d documents handed over", got, err, n-1)
	}
}

// overlapEvents is the scorch event callback of the indexes whose
// batches a batchOverlap watches (see watchBatches).
const overlapEvents = "wenming_test_batch_overlap"

// batchOverlaps are the batchOverlaps by the scorch index they watch.
var batchOverlaps sync.Map

func init() {
	scorch.RegistryEventCallbacks[overlapEvents] = func(e scorch.Event) bool {
		if o, ok := batchOverlaps.Load(e.Scorch); ok {
			o.(*batchOverlap).event(e.Kind)
		}
		return true
	}
}

// batchOverlap counts the batches scorch writes at once into one index.
// The first batch waits, up to hold, for a second to begin: two batches
// that a Writer hands over one after the other are seen at once
// whenever the Writer writes them at once.
type batchOverlap struct {
	hold time.Duration
	// whileHeld, when set, is called once a batch begun after the first
	// is written, with the first held before it has begun to build.
	whileHeld func()

	mu         sync.Mutex
	batches    int // begun
	now, max   int // being written
	introduced int // written
}

func (o *batchOverlap) event(kind scorch.EventKind) {
	switch kind {
	case scorch.EventKindBatchIntroductionStart:
		o.mu.Lock()
		o.now++
		o.max = max(o.max, o.now)
		o.batches++
		first := o.batches == 1
		o.mu.Unlock()
		for end := time.Now().Add(o.hold); first && time.Now().Before(end); time.Sleep(time.Millisecond) {
			o.mu.Lock()
			n := o.now
			o.mu.Unlock()
			if n > 1 {
				o.callWhileHeld(end)
				break
			}
		}
	case scorch.EventKindBatchIntroduction:
		o.mu.Lock()
		o.now--
		o.introduced++
		o.mu.Unlock()
	}
}

// waitBegun waits until a batch has begun.
func (o *batchOverlap) waitBegun(t *testing.T) {
	t.Helper()
	for end := time.Now().Add(10 * time.Second); ; time.Sleep(time.Millisecond) {
		o.mu.Lock()
		n := o.batches
		o.mu.Unlock()
		if n > 0 {
			return
		}
		if time.Now().After(end) {
			t.Fatal("no batch began in 10 s")
		}
	}
}

// callWhileHeld waits until a batch is written, or until end, then
// calls o.whileHeld.
func (o *batchOverlap) callWhileHeld(end time.Time) {
	if o.whileHeld == nil {
		return
	}
	for ; time.Now().Before(end); time.Sleep(time.Millisecond) {
		o.mu.Lock()
		n := o.introduced
		o.mu.Unlock()
		if n > 0 {
			break
		}
	}
	o.whileHeld()
}

// watchBatches returns a new index at path, as Open creates it, whose
// batches o watches.
func watchBatches(t *testing.T, path string, o *batchOverlap) *Index {
	t.Helper()
	return createWatched(t, path, overlapEvents, &batchOverlaps, o)
}

// createWatched returns a new index at path, as Open creates it, whose
// scorch calls the event callback registered as callback, with v kept in
// watchers under that scorch index for the callback to find while the
// test runs.
func createWatched(t *testing.T, path, callback string, watchers *sync.Map, v any) *Index {
	t.Helper()
	cfg := scorchConfig(openTimeout)
	cfg["eventCallbackName"] = callback
	ix, err := create(path, cfg)
	if err != nil {
		t.Fatal(err)
	}
	adv, err := ix.b.Advanced()
	if err != nil {
		t.Fatal(err)
	}
	sc := adv.(*scorch.Scorch)
	watchers.Store(sc, v)
	t.Cleanup(func() { watchers.Delete(sc) })
	return ix
}

// TestWriterWritesBatchesAtOnce: a Writer writes a batch beside the one
// before it when they share no ID, else after it; either way the index
// ends as the calls say, a mark is not saved before the documents added
// ahead of it (the later batch, written while the first is held, does
// not carry it), and scorch keeps each batch's segment as it is (no
// merge of the two in memory before they are saved).
func TestWriterWritesBatchesAtOnce(t *testing.T) {
	body := strings.Repeat("文明实践", 500)
	for _, c := range []struct {
		name string
		// then adds to the second batch, after its first document
		// a(n).
		then    func(w *Writer) error
		atOnce  bool
		hold    time.Duration
		missing string // an ID then deletes
		title   string // a title then gives a0
		mark    string // the mark then sets
	}{
		{name: "other IDs", then: func(*Writer) error { return nil }, atOnce: true, hold: 10 * time.Second},
		{name: "an ID again", then: func(w *Writer) error {
			return w.Add(Document{ID: "a0", URL: "http://x.invalid/", Title: "后来的标题", Body: body})
		}, title: "后来的标题", hold: time.Second},
		{name: "a deletion", then: func(w *Writer) error { return w.Delete("a1") }, missing: "a1", hold: time.Second},
		{name: "a mark", then: func(w *Writer) error { return w.SetMark("m", []byte("1")) }, mark: "1", atOnce: true, hold: 10 * time.Second},
	} {
		t.Run(c.name, func(t *testing.T) {
			o := &batchOverlap{hold: c.hold}
			ix := watchBatches(t, filepath.Join(t.TempDir(), "idx"), o)
			defer ix.Close()
			var early []byte
			o.whileHeld = func() {
				var err error
				if early, err = ix.Mark("m"); err != nil {
					t.Error(err)
				}
			}
			w := ix.NewWriter()
			w.maxWriting = 2                    // whatever GOMAXPROCS says
			n := fillBatch(t, w, "a", body) - 1 // a0 … a(n-1) handed over, held
			o.waitBegun(t)                      // the first to begin, and so the one held
			if err := c.then(w); err != nil {
				t.Fatal(err)
			}
			if err := w.Add(Document{ID: "b", URL: "http://x.invalid/", Title: "b", Body: body}); err != nil {
				t.Fatal(err)
			}
			// The second batch, a(n), then's and b, goes beside the
			// first or after it.
			if err := w.Flush(); err != nil {
				t.Fatal(err)
			}
			want := 1
			if c.atOnce {
				want = 2
			}
			if o.max != want {
				t.Errorf("%d batches written at once, want %d", o.max, want)
			}
			wantDocs := n + 2 // a(n) and b
			if c.missing != "" {
				wantDocs--
			}
			if got, err := ix.Count(); err != nil || got != uint64(wantDocs) {
				t.Errorf("count %d (%v), want %d", got, err, wantDocs)
			}
			if c.title != "" {
				res, err := ix.Search(context.Background(), Query{Text: c.title})
				if err != nil {
					t.Fatal(err)
				}
				if len(res.Hits) != 1 || res.Hits[0].ID != "a0" {
					t.Errorf("the later title: hits %v, want a0", res.Hits)
				}
			}
			if c.mark != "" {
				if v, err := ix.Mark("m"); err != nil || string(v) != c.mark {
					t.Errorf("mark %q (%v), want %q", v, err, c.mark)
				}
			}
			if early != nil {
				t.Errorf("mark %q saved while the documents added before it were held unwritten", early)
			}
			stats, _ := ix.b.StatsMap()["index"].(map[string]interface{})
			if merged, ok := stats["TotMemMergeBeg"].(uint64); !ok || merged != 0 {
				t.Errorf("%v merges of segments in memory (scorch's TotMemMergeBeg), want none", stats["TotMemMergeBeg"])
			}
		})
	}
}
