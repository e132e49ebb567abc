package index

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/util"
	bolt "go.etcd.io/bbolt"
)

// restEvents is the scorch event callback of the indexes made by
// watchRest.
const restEvents = "wenming_test_rest"

// restWatchers are the functions watchRest's indexes call with each of
// their events, by index; what they return is the callback's answer
// (false to a purge check: no purge).
var restWatchers sync.Map

// restAny, when set, is called with the events of the indexes made with
// restEvents that are not in restWatchers (a sharded index's shards).
var restAny atomic.Pointer[func(scorch.EventKind) bool]

func init() {
	scorch.RegistryEventCallbacks[restEvents] = func(e scorch.Event) bool {
		if f, ok := restWatchers.Load(e.Scorch); ok {
			return f.(func(scorch.EventKind) bool)(e.Kind)
		}
		if f := restAny.Load(); f != nil {
			return (*f)(e.Kind)
		}
		return true
	}
}

// watchRest returns a new index at path, as Open creates it, that calls
// watch with each of scorch's events.
func watchRest(t *testing.T, path string, watch func(scorch.EventKind) bool) *Index {
	t.Helper()
	return createWatched(t, path, restEvents, &restWatchers, watch)
}

// restYear is the year putBatches's documents were published: a sharded
// index keeps them in its shard of that year.
const restYear = 2023

var restPublished = time.Date(restYear, 5, 1, 0, 0, 0, 0, time.UTC)

// putBatches puts n batches of a few documents each into ix: a segment
// each, more than a tier's ten, so that scorch merges them.
func putBatches(t *testing.T, ix *Index, n, perBatch int) {
	t.Helper()
	body := strings.Repeat("文明实践活动", 40)
	for b := range n {
		var docs []Document
		for i := range perBatch {
			docs = append(docs, Document{ID: fmt.Sprintf("http://x.invalid/%d/%d", b, i), URL: "http://x.invalid/", Title: fmt.Sprint("标题", b), Body: body, Published: restPublished})
		}
		if err := ix.Put(docs...); err != nil {
			t.Fatal(err)
		}
	}
}

// checkAtRest fails unless the closed index at path holds one snapshot
// and the segment files it names, no other, then that the index opened
// again holds docs documents.
func checkAtRest(t *testing.T, path string, docs uint64) {
	t.Helper()
	snapshots, named, files := storeFiles(t, path)
	if snapshots != 1 {
		t.Errorf("%d snapshots left in root.bolt, want 1", snapshots)
	}
	for _, f := range files {
		if !named[filepath.Base(f)] {
			fi, _ := os.Stat(f)
			t.Errorf("%s (%d bytes) left in the store, not in the latest snapshot", filepath.Base(f), fi.Size())
		}
	}
	ix, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if n, err := ix.Count(); err != nil || n != docs {
		t.Fatalf("opened again: %d documents (%v), want %d", n, err, docs)
	}
}

// mergeCut holds the first merge scorch has written until the index is
// closing, so that closing cuts it short between its file written and
// its introduction.
type mergeCut struct {
	held, closing chan struct{}
	once          sync.Once
}

func (c *mergeCut) event(kind scorch.EventKind) {
	switch kind {
	case scorch.EventKindMergeTaskIntroductionStart:
		first := false
		c.once.Do(func() { first = true })
		if !first {
			return
		}
		close(c.held)
		<-c.closing
		// Close closes scorch's close channel right after this event,
		// and its introducer stops on it: the merge then finds the
		// index closed.
		time.Sleep(200 * time.Millisecond)
	case scorch.EventKindCloseStart:
		select {
		case <-c.closing:
		default:
			close(c.closing)
		}
	}
}

// storeFiles are the snapshots in the root.bolt of the closed index at
// path, the segment files its latest snapshot names, and the segment
// files in its store.
func storeFiles(t *testing.T, path string) (snapshots int, named map[string]bool, files []string) {
	t.Helper()
	dir := filepath.Join(path, storeDir)
	db, err := bolt.Open(filepath.Join(dir, "root.bolt"), 0o600, &bolt.Options{ReadOnly: true, Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	err = db.View(func(tx *bolt.Tx) error {
		b := tx.Bucket(util.BoltSnapshotsBucket)
		// Epochs ascending: the last one read is the latest.
		return b.ForEachBucket(func(k []byte) error {
			snapshots++
			s := b.Bucket(k)
			named = map[string]bool{}
			return s.ForEachBucket(func(k []byte) error {
				if p := s.Bucket(k).Get(util.BoltPathKey); p != nil {
					named[string(p)] = true
				}
				return nil
			})
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	if files, err = filepath.Glob(filepath.Join(dir, "*.zap")); err != nil {
		t.Fatal(err)
	}
	return snapshots, named, files
}

// TestCloseLeavesNoCutMerge: an index closed while a merge it has
// written waits to be introduced keeps no file of that merge.
func TestCloseLeavesNoCutMerge(t *testing.T) {
	path := filepath.Join(t.TempDir(), "idx")
	c := &mergeCut{held: make(chan struct{}), closing: make(chan struct{})}
	ix := watchRest(t, path, func(kind scorch.EventKind) bool {
		c.event(kind)
		return true
	})
	putBatches(t, ix, 24, 5)
	select {
	case <-c.held:
	case <-time.After(20 * time.Second):
		t.Fatal("no merge in 20 s")
	}
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	checkAtRest(t, path, 24*5)
}

// TestCloseLeavesOneSnapshot: an index closed before scorch removed the
// snapshots its merges replaced, and their files (here never: its purges
// are turned off), is left with its latest snapshot and that snapshot's
// files alone; so is each shard of an index split by year.
func TestCloseLeavesOneSnapshot(t *testing.T) {
	for _, sharded := range []bool{false, true} {
		t.Run(fmt.Sprint("sharded=", sharded), func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "idx")
			merged := make(chan struct{}, 1)
			watch := func(kind scorch.EventKind) bool {
				switch kind {
				case scorch.EventKindPurgerCheck:
					return false
				case scorch.EventKindMergeTaskIntroduction:
					select {
					case merged <- struct{}{}:
					default:
					}
				}
				return true
			}
			var ix *Index
			segments := path // where the documents' segments are
			if sharded {
				var err error
				if ix, err = openSharded(path, false, true, openTimeout); err != nil {
					t.Fatal(err)
				}
				// The year shards made from here on call watch.
				ix.shards.cfg["eventCallbackName"] = restEvents
				restAny.Store(&watch)
				t.Cleanup(func() { restAny.Store(nil) })
				segments = filepath.Join(path, shardName(restPublished))
			} else {
				ix = watchRest(t, path, watch)
			}
			putBatches(t, ix, 24, 5)
			select {
			case <-merged:
			case <-time.After(20 * time.Second):
				t.Fatal("no merge in 20 s")
			}
			putBatches(t, ix, 1, 5) // a snapshot after the merge's
			if err := ix.Close(); err != nil {
				t.Fatal(err)
			}
			checkAtRest(t, segments, 24*5)
		})
	}
}
