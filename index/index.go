package index

import (
	"cmp"
	"errors"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/document"
	"github.com/blevesearch/bleve/v2/index/scorch"
	bolterrors "go.etcd.io/bbolt/errors"
)

// Document is one article as the index sees it.
type Document struct {
	ID        string // canonical URL; the key for Put and Delete
	URL       string
	Title     string
	Body      string
	Site      string // host of the publishing site
	SiteName  string
	Level     string
	Column    string
	Source    string
	Author    string
	Lineage   []string  // names and hosts of every site from national down to the publishing site
	Published time.Time // zero = unknown
	Views     *int64    // nil = unknown

	// Province, City and County name the sites of those levels in the
	// lineage ("" where the lineage has none); they are the facets of the
	// same names. A document's own site counts at its own Level, so a
	// province site's article with Province "" gets SiteName.
	Province, City, County string
	// Fetched is when the article was archived (zero = unknown); Stats
	// reports the newest.
	Fetched time.Time
	// Removed is when the article was first found removed from its
	// site (zero while the site serves it): such a document matches
	// removed:yes, and its hits carry the time.
	Removed time.Time

	// bodyChars is the length in characters of a body that Writer.Add
	// cut to MaxBodyChars; 0 when the body is whole.
	bodyChars int
}

// Index is a bleve (scorch) index on disk. Its methods are safe for
// concurrent use; only one process may open the index at a time.
type Index struct {
	path          string
	b             bleve.Index
	queryAnalyzer analysis.Analyzer // analyzes query terms; see phrase
	readOnly      bool
	// shards are the shards of a sharded index (see shard.go), b their
	// alias; nil for one index.
	shards *shardSet
	// sorts holds the values of the sort fields by segment (see
	// sortCache).
	sorts sortCache
	// writing counts the batches Writers are writing in the background;
	// Close waits for them.
	writing sync.WaitGroup
	// failed is the first write that failed, after which the index takes
	// no more (see writefail.go).
	failed writeFailure
	// released counts the text written since the segments' maps were
	// last released (see release.go).
	released releaseCounter
	// segFiles are the segment files the releases have seen (see
	// release.go).
	segFiles segmentFiles
	// bodies is the caller's source of bodies for snippets (see
	// SetBodies); nil until one is set.
	bodies atomic.Pointer[Bodies]
}

// Errors returned by Open.
var (
	// ErrNotIndex means the path exists but holds something other than an
	// index written by this package.
	ErrNotIndex = errors.New("not a wenming index")
	// ErrVersion means the index was written with another mapping version
	// and must be rebuilt.
	ErrVersion = errors.New("index format version mismatch")
	// ErrLocked means another process has the index open.
	ErrLocked = errors.New("index is in use by another process")
	// ErrReadOnly means a write to an index opened with OpenReadOnly.
	ErrReadOnly = errors.New("index is open read-only")
)

// formatVersion is stored in the index and checked by Open. Bump it whenever
// the mapping or the analysis changes in a way that needs a rebuild.
const formatVersion = "9" // 3: body_chars of a body cut to MaxBodyChars; 4: letters and digits as characters and pairs; 5: traditional characters folded to simplified; 6: unigrams inside runs only in title_uni and body_uni, without positions; no byte offsets; 7: the body not stored (snippets get it from Bodies); 8: the published date's term of full precision only (see sortField); 9: removed (removed:yes) and removed_since

var versionKey = []byte("wenming.index.version")

// Batch limits. bleve analyses a whole batch in memory before it writes it,
// and holds every unigram and bigram with its position: several hundred
// bytes per byte of text (1.8 GB for one 7.5 MB body before the limits).
// So a batch is closed by the text it holds as well as by its count, and a
// body is indexed only up to MaxBodyChars: together they bound the memory
// of indexing by a batch, whatever the size of one document.
const (
	putBatchSize  = 500
	putBatchBytes = 256 << 10 // title and body bytes, after the cuts below
)

// MaxBodyChars is how much of a body is indexed: its first MaxBodyChars
// characters (runes). Words in the rest of a longer body are not found by a
// search and never shown in a snippet; [Hit].BodyChars tells such a hit.
// It is some ten times the longest real article (a congress report runs to
// 30,000 characters), and the whole body stays with the caller (the
// archived record and its exports).
const MaxBodyChars = 100_000

// maxTitleChars and maxKeywordBytes cut the other fields of a document
// that only an odd record (an imported line, say) makes long: a real title
// is under a few hundred characters, a site, column, source or author name
// under a few dozen.
const (
	maxTitleChars   = 1_000
	maxKeywordBytes = 1_000
)

// openTimeout bounds the wait for the index lock held by another process.
const openTimeout = 2 * time.Second

// lockProbe is how long OpenIfFree waits for the lock: long enough for
// bbolt to try it once.
const lockProbe = 100 * time.Millisecond

// mergeFloorDocs is the merge planner's floor segment size, in documents:
// smaller segments are planned as if they were this big. bleve's default,
// 2,000, is above what ten of our batches (a few hundred KB of text, some
// 140 articles of the simulation) merge into, so the planner kept merging
// a segment of ~1,400 documents again with each set of fresh small ones,
// rewriting the same documents over and over. At 1,000 that segment
// leaves the floor tier: indexing 20,000 sitesim articles took 20% less
// CPU (25.8-27.1 s against 31.5-34.6 s, two runs each on a loaded
// machine) and left 11 segments against 8-12.
const mergeFloorDocs = 1000

// scorchConfig is the scorch configuration an index is created and
// opened with.
func scorchConfig(wait time.Duration) map[string]interface{} {
	return map[string]interface{}{
		"bolt_timeout":           wait.String(),
		"scorchMergePlanOptions": map[string]interface{}{"FloorSegmentSize": mergeFloorDocs},
		// Segments not yet saved are saved as they are, never merged
		// in memory first (scorch merges them when it finds more than
		// one, as it does when a Writer writes two batches at once:
		// a merge more of every document): scorch merges in memory
		// only while fewer of its event callbacks than this threshold
		// are running, so at 0 never.
		"scorchPersisterOptions": map[string]interface{}{"MemoryPressurePauseThreshold": 0},
	}
}

// Open opens the index at path, or creates it with this package's mapping if
// path does not exist or is an empty directory.
func Open(path string) (_ *Index, err error) {
	return openWaiting(path, openTimeout)
}

// OpenIfFree opens the index at path as Open does, but fails with
// ErrLocked at once, instead of after waiting up to two seconds, when
// another process has it open: for a reader that would rather share an
// index another reader holds (OpenReadOnly) than wait for it.
func OpenIfFree(path string) (*Index, error) {
	return openWaiting(path, lockProbe)
}

// openWaiting opens the index at path for writing, waiting up to wait for
// another process's lock.
func openWaiting(path string, wait time.Duration) (_ *Index, err error) {
	defer recoverDamaged(path, &err)
	ix, err := open(path, wait)
	if err != nil {
		return nil, fmt.Errorf("open index %s: %w", path, err)
	}
	return ix, nil
}

// OpenReadOnly opens the existing index at path for searching only: its
// files are not written (no merges, no lock file), so that an archive on a
// read-only mount or in a directory the user may not write can be
// searched. Put and Delete fail.
func OpenReadOnly(path string) (_ *Index, err error) {
	defer recoverDamaged(path, &err)
	if isSharded(path) {
		ix, err := openSharded(path, true, false, openTimeout)
		if err != nil {
			return nil, fmt.Errorf("open index %s read-only: %w", path, err)
		}
		return ix, nil
	}
	if _, err := os.Stat(filepath.Join(path, "index_meta.json")); err != nil {
		return nil, fmt.Errorf("open index %s read-only: %w", path, err)
	}
	if err := checkBeforeOpen(path); err != nil {
		return nil, err
	}
	b, err := bleve.OpenUsing(path, readOnlyConfig())
	if err == nil {
		err = checkVersion(b)
	}
	if err != nil {
		return nil, fmt.Errorf("open index %s read-only: %w", path, lockedErr(err, openTimeout))
	}
	ix := newIndex(path, b)
	ix.readOnly = true
	return ix, nil
}

// ReadOnly reports whether the index was opened with OpenReadOnly.
func (ix *Index) ReadOnly() bool { return ix.readOnly }

// readOnlyConfig is the scorch configuration an index is opened with
// read-only.
func readOnlyConfig() map[string]interface{} {
	return map[string]interface{}{"bolt_timeout": openTimeout.String(), "read_only": true}
}

func open(path string, wait time.Duration) (*Index, error) {
	cfg := scorchConfig(wait)
	fi, err := os.Stat(path)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return create(path, cfg)
	case err != nil:
		return nil, err
	case !fi.IsDir():
		return nil, fmt.Errorf("%w: is a file, not a directory", ErrNotIndex)
	case isSharded(path):
		return openSharded(path, false, false, wait)
	}
	if _, err := os.Stat(filepath.Join(path, "index_meta.json")); err != nil {
		if !errors.Is(err, os.ErrNotExist) {
			return nil, err
		}
		empty, err := isEmptyDir(path)
		if err != nil {
			return nil, err
		}
		if !empty {
			return nil, fmt.Errorf("%w: directory holds other files and no index_meta.json", ErrNotIndex)
		}
		return create(path, cfg)
	}
	if err := checkBeforeOpen(path); err != nil {
		return nil, err
	}
	b, err := bleve.OpenUsing(path, cfg)
	if err != nil {
		return nil, lockedErr(err, wait)
	}
	if err := checkVersion(b); err != nil {
		return nil, err
	}
	return newIndex(path, b), nil
}

// lockedErr is ErrLocked for the error of an open that timed out waiting
// for another process's lock.
func lockedErr(err error, waited time.Duration) error {
	if errors.Is(err, bolterrors.ErrTimeout) {
		return fmt.Errorf("%w (waited %s)", ErrLocked, waited)
	}
	return err
}

// checkVersion closes b and fails unless it is an index of this format.
func checkVersion(b bleve.Index) error {
	v, err := b.GetInternal(versionKey)
	if err == nil {
		switch {
		case v == nil:
			err = fmt.Errorf("%w: bleve index without a wenming version", ErrNotIndex)
		case string(v) != formatVersion:
			err = fmt.Errorf("%w: index has version %s, this program writes %s; rebuild the index", ErrVersion, v, formatVersion)
		}
	}
	if err != nil {
		_ = b.Close()
	}
	return err
}

func newIndex(path string, b bleve.Index) *Index {
	return &Index{path: path, b: b, queryAnalyzer: b.Mapping().AnalyzerNamed(queryAnalyzerName)}
}

func create(path string, cfg map[string]interface{}) (*Index, error) {
	m, err := newMapping()
	if err != nil {
		return nil, err
	}
	b, err := bleve.NewUsing(path, m, scorch.Name, scorch.Name, cfg)
	if err != nil {
		return nil, err
	}
	if err := b.SetInternal(versionKey, []byte(formatVersion)); err != nil {
		_ = b.Close()
		return nil, err
	}
	return newIndex(path, b), nil
}

func isEmptyDir(path string) (bool, error) {
	f, err := os.Open(path)
	if err != nil {
		return false, err
	}
	defer f.Close()
	_, err = f.Readdirnames(1)
	if errors.Is(err, io.EOF) {
		return true, nil
	}
	return false, err
}

// Path returns the directory the index lives in.
func (ix *Index) Path() string { return ix.path }

// Close closes the index, once the batches being written are written,
// and leaves its directory at rest: its latest snapshot's segment files
// only, without those scorch had not yet removed (see leaveAtRest).
func (ix *Index) Close() error {
	ix.writing.Wait()
	if ix.shards != nil {
		ix.b.Close()
		if err := ix.shards.close(); err != nil {
			return fmt.Errorf("close index %s: %w", ix.path, err)
		}
		return nil
	}
	if err := ix.b.Close(); err != nil {
		return fmt.Errorf("close index %s: %w", ix.path, err)
	}
	if !ix.readOnly {
		if err := leaveAtRest(ix.path); err != nil {
			return fmt.Errorf("close index %s: %w", ix.path, err)
		}
	}
	return nil
}

// Put adds or replaces documents by ID. Documents are written in batches
// (see [Writer]); if Put fails, earlier batches stay written.
func (ix *Index) Put(docs ...Document) error {
	if ix.readOnly {
		// scorch would take the batch and wait for ever for the
		// goroutine that applies it, which read-only mode does not run.
		return fmt.Errorf("put into index %s: %w", ix.path, ErrReadOnly)
	}
	w := ix.NewWriter()
	for i := range docs {
		if err := w.Add(docs[i]); err != nil {
			return err
		}
	}
	return w.Flush()
}

// Writer adds documents to an index in batches bounded by count and by the
// bytes of text they hold, so that adding documents one at a time (from a
// walk over the archive, or an import) holds memory for a few batches
// only: a full batch is written in the background while the next is
// filled and its text analyzed, and on a machine of two cores or more two
// batches may be written at once (see overlaps). Batches are applied as if
// written one after the other, in the order they were filled; an error
// writing one is returned by a later Add or Delete, or by Flush. Call Flush
// after the last Add. A Writer is not safe for concurrent use.
//
// Why batches behind: scorch's Batch analyzes the documents, builds their
// segment, then waits for it to be synced to disk. Filling and analyzing
// the next batch meanwhile took the indexing after a 20,000-article crawl
// from 1,626-1,649 to 1,916-1,969 articles/s on a quiet machine
// (1,753-1,795 with the analysis left to Batch's workers), at 15 MB more
// memory. Building a batch's segment is half the indexing's CPU, done by
// one goroutine, and with one batch written at a time one of two cores
// sat idle for a third of the indexing (a runtime trace: the filling
// goroutine waiting for the batch before it, the merger idle); two
// batches built at once leave it idle for a twentieth, and took
// BenchmarkIndexing from 1,699 to 2,023 articles/s (medians of seven
// alternated runs each, load about 2) at 4% more CPU. Two batches
// written at once had been tried before and cost CPU: scorch's persister
// merged the two unsynced segments in memory before it wrote them, which
// the index's persister options now turn off (scorchConfig)
// (docs/benchmark-history.md).
type Writer struct {
	ix      *Index
	batch   *bleve.Batch
	docs    int // in batch
	bytes   int // of title and body in batch
	others  int // deletions and marks in batch
	written int // documents in batches written

	// A sharded index's: a batch per shard.
	batches map[string]*bleve.Batch
	// marks are those set since the pending batch began (a sharded
	// index writes them to its meta shard after the shards' batches);
	// ready, of one index, are the marks whose documents are all
	// written and that no batch written has carried yet (see take).
	marks map[string][]byte
	ready map[string][]byte

	an *textAnalysis // the analyzers of the index's mapping
	// padded holds the pending batches whose first document carries
	// every field.
	padded map[*bleve.Batch]bool

	// writing are the batches being written in the background, oldest
	// first: at most maxWriting.
	writing    []*batchWrite
	maxWriting int
	// ids are the IDs the pending batch adds or deletes: what decides
	// whether it may be written beside the batches being written (see
	// overlaps).
	ids map[string]struct{}
}

// maxWriting is how many batches a Writer of one index writes at once,
// given the cores to build their segments on.
func maxWriting() int { return min(2, runtime.GOMAXPROCS(0)) }

// batchWrite is a batch written in the background: done is closed when
// it is written, or failed with err.
type batchWrite struct {
	done chan struct{}
	err  error
	docs int
	ids  map[string]struct{} // as Writer.ids; nil for a sharded index's
	// marks are those set with the batch, and with the batches after
	// it that were written before it, that it could not carry: written
	// beside batches before it, it may be applied before them (see take).
	marks map[string][]byte
}

// NewWriter returns a Writer for ix.
func (ix *Index) NewWriter() *Writer {
	if ix.shards != nil {
		return &Writer{ix: ix, batches: map[string]*bleve.Batch{}, marks: map[string][]byte{}, padded: map[*bleve.Batch]bool{}, maxWriting: 1}
	}
	return &Writer{ix: ix, batch: ix.b.NewBatch(), padded: map[*bleve.Batch]bool{}, ids: map[string]struct{}{}, marks: map[string][]byte{}, ready: map[string][]byte{}, maxWriting: maxWriting()}
}

// shardBatch is the pending batch of the shard name of a sharded index.
func (w *Writer) shardBatch(name string) (*bleve.Batch, error) {
	if b := w.batches[name]; b != nil {
		return b, nil
	}
	s, err := w.ix.shards.shard(name)
	if err != nil {
		return nil, err
	}
	b := s.NewBatch()
	w.batches[name] = b
	return b, nil
}

// index adds d to the pending batch: of its shard, for a sharded index,
// deleting it from the others (it may have moved).
func (w *Writer) index(d *Document) error {
	if w.ix.shards == nil {
		doc, err := w.document(d, w.ix.b, w.batch)
		if err != nil {
			return err
		}
		w.ids[d.ID] = struct{}{}
		return w.batch.IndexAdvanced(doc)
	}
	home := shardName(d.Published)
	b, err := w.shardBatch(home)
	if err != nil {
		return err
	}
	s, err := w.ix.shards.shard(home)
	if err != nil {
		return err
	}
	doc, err := w.document(d, s, b)
	if err != nil {
		return err
	}
	if err := b.IndexAdvanced(doc); err != nil {
		return err
	}
	for name := range w.ix.shards.list() {
		if name == home {
			continue
		}
		ob, err := w.shardBatch(name)
		if err != nil {
			return err
		}
		ob.Delete(d.ID)
	}
	return nil
}

// document is the bleve document of d for the index b (see
// Document.document).
func (w *Writer) document(d *Document, b bleve.Index, batch *bleve.Batch) (*document.Document, error) {
	m := b.Mapping()
	if w.an == nil {
		w.an = newTextAnalysis(m)
	}
	doc, err := d.document(m, w.an)
	if err != nil {
		return nil, err
	}
	if !w.padded[batch] {
		// The first document of a batch carries every field, so that
		// every segment has the same (see fieldset.go).
		addAbsent(doc, w.an.shapes)
		w.padded[batch] = true
	}
	// Its title and body are analyzed here, while the batch before is
	// being written (see Writer), not by scorch's workers when this
	// batch is: those would wait for each other.
	for _, f := range doc.Fields {
		if tf, ok := f.(*textField); ok {
			tf.Analyze()
		}
	}
	return doc, nil
}

// Add adds or replaces d (by ID), writing the pending batch first when d
// would take it over its count or size. A body longer than MaxBodyChars is
// cut (see MaxBodyChars), as are absurdly long titles and names. The batch
// keeps its own copy of what it indexes, never d's strings, so a caller's
// large body can be freed as soon as Add returns.
func (w *Writer) Add(d Document) error {
	if w.ix.readOnly {
		return fmt.Errorf("put into index %s: %w", w.ix.path, ErrReadOnly)
	}
	if d.ID == "" {
		return fmt.Errorf("put into index %s: document %q has no ID", w.ix.path, cutRunes(d.Title, 80))
	}
	d.cut()
	size := len(d.Title) + len(d.Body)
	if w.docs > 0 && (w.docs >= putBatchSize || w.bytes+size > putBatchBytes) {
		if err := w.writeBehind(); err != nil {
			return err
		}
	}
	if err := w.index(&d); err != nil {
		return fmt.Errorf("put into index %s: %s: %w", w.ix.path, d.ID, err)
	}
	w.docs++
	w.bytes += size
	return nil
}

// Delete removes the document id (an unknown one is ignored) with the
// pending batch.
func (w *Writer) Delete(id string) error {
	if w.ix.readOnly {
		return fmt.Errorf("delete from index %s: %w", w.ix.path, ErrReadOnly)
	}
	if w.docs+w.others >= putBatchSize {
		if err := w.writeBehind(); err != nil {
			return err
		}
	}
	if w.ix.shards == nil {
		w.batch.Delete(id)
		w.ids[id] = struct{}{}
	} else {
		for name := range w.ix.shards.list() {
			b, err := w.shardBatch(name)
			if err != nil {
				return err
			}
			b.Delete(id)
		}
	}
	w.others++
	return nil
}

// SetMark stores val under key, never ahead of the documents added
// before it: written with them, or after them (with a later batch, or
// by Flush), and not at all when one of them fails. A caller that feeds
// the index from a log of changes keeps there how far it has read (see
// [Index.Mark]); after a crash it reads on from a mark at most a Flush
// old. Keys are the caller's; they do not meet the index's own.
func (w *Writer) SetMark(key string, val []byte) error {
	if w.ix.readOnly {
		return fmt.Errorf("mark index %s: %w", w.ix.path, ErrReadOnly)
	}
	w.marks[key] = val
	w.others++
	return nil
}

// Flush writes the pending batch, and waits for the batches being written
// in the background: when it returns, every document added and every
// mark set is written.
func (w *Writer) Flush() error {
	if err := w.writeBehind(); err != nil {
		return err
	}
	if err := w.waitAll(); err != nil {
		return err
	}
	if len(w.ready) == 0 {
		return nil
	}
	// The marks of batches written beside those before them.
	b := w.ix.b.NewBatch()
	setMarks(b, w.ready)
	clear(w.ready)
	if err := w.ix.failed.apply(w.ix.b, b); err != nil {
		return fmt.Errorf("mark index %s: %w", w.ix.path, err)
	}
	return nil
}

// setMarks sets marks in b.
func setMarks(b *bleve.Batch, marks map[string][]byte) {
	for k, v := range marks {
		b.SetInternal(markKey(k), v)
	}
}

// waitAll waits until the batches being written in the background are
// written, and returns the error that failed one.
func (w *Writer) waitAll() error {
	for len(w.writing) > 0 {
		if err := w.waitOldest(); err != nil {
			return err
		}
	}
	return nil
}

// writeBehind starts writing the pending batch in the background, beside
// the batches being written when it may be (see overlaps), else once
// they are written.
func (w *Writer) writeBehind() error {
	if err := w.reap(); err != nil {
		return err
	}
	if w.docs == 0 && w.others == 0 {
		return nil
	}
	for len(w.writing) >= w.maxWriting || len(w.writing) > 0 && w.overlaps() {
		if err := w.waitOldest(); err != nil {
			return err
		}
	}
	bw := &batchWrite{done: make(chan struct{})}
	var write func() error
	bw.docs, bw.ids, bw.marks, write = w.take()
	w.ix.writing.Add(1)
	go func() {
		defer w.ix.writing.Done()
		defer close(bw.done)
		bw.err = write()
	}()
	w.writing = append(w.writing, bw)
	return nil
}

// overlaps reports whether the pending batch must wait for the batches
// being written: scorch applies batches written at once in the order
// they are built, so a batch goes beside others only when the order
// cannot matter — one index (a sharded index writes its shards' batches
// one after the other) and no ID added or deleted by both. (A mark waits
// instead: see take.)
func (w *Writer) overlaps() bool {
	if w.ix.shards != nil {
		return true
	}
	for _, bw := range w.writing {
		small, large := w.ids, bw.ids
		if len(large) < len(small) {
			small, large = large, small
		}
		for id := range small {
			if _, ok := large[id]; ok {
				return true
			}
		}
	}
	return false
}

// reap takes the batches written in the background that are done, and
// returns the error that failed one.
func (w *Writer) reap() error {
	for i := 0; i < len(w.writing); {
		select {
		case <-w.writing[i].done:
			bw := w.writing[i]
			w.writing = append(w.writing[:i], w.writing[i+1:]...)
			if bw.err != nil {
				return bw.err
			}
			w.written += bw.docs
			// Its marks wait for the batches before it.
			if i == 0 {
				maps.Copy(w.ready, bw.marks)
			} else {
				maps.Copy(w.writing[i-1].marks, bw.marks)
			}
		default:
			i++
		}
	}
	return nil
}

// waitOldest waits until the oldest batch being written in the
// background is written, and returns the error that failed it.
func (w *Writer) waitOldest() error {
	bw := w.writing[0]
	<-bw.done
	w.writing = w.writing[1:]
	if bw.err != nil {
		return bw.err
	}
	w.written += bw.docs
	maps.Copy(w.ready, bw.marks)
	return nil
}

// take hands the pending batch to write, which writes it, and starts a
// new one: the documents it holds, the marks it leaves for later, and
// what writes it.
//
// Marks: scorch applies a batch written beside others when its segment
// is built, which may be before theirs, so a batch written beside
// batches before it carries only the marks whose documents are all
// written (ready); its own wait for it and for every batch before it
// (reap, waitOldest), then ride with a later batch or Flush's. A crash
// then leaves a mark that is older, never one ahead of its documents.
func (w *Writer) take() (docs int, ids map[string]struct{}, later map[string][]byte, write func() error) {
	ix, bytes := w.ix, w.bytes
	docs = w.docs
	w.docs, w.bytes, w.others = 0, 0, 0
	clear(w.padded)
	if ix.shards != nil {
		batches, marks := w.batches, w.marks
		w.batches, w.marks = map[string]*bleve.Batch{}, map[string][]byte{}
		return docs, nil, nil, func() error {
			if err := flushShards(ix, batches, marks); err != nil {
				return fmt.Errorf("put into index %s: %w", ix.path, err)
			}
			ix.releaseAfter(bytes)
			return nil
		}
	}
	// A new batch, not the old one reset: scorch may still read a batch
	// of deletions only after Batch returns.
	batch := w.batch
	w.batch = ix.b.NewBatch()
	ids, w.ids = w.ids, make(map[string]struct{}, len(w.ids))
	if len(w.writing) == 0 {
		maps.Copy(w.ready, w.marks)
		clear(w.marks)
	} else if len(w.marks) > 0 {
		later, w.marks = w.marks, map[string][]byte{}
	}
	setMarks(batch, w.ready)
	clear(w.ready)
	return docs, ids, later, func() error {
		if err := ix.failed.apply(ix.b, batch); err != nil {
			return fmt.Errorf("put into index %s: %w", ix.path, err)
		}
		ix.releaseAfter(bytes)
		return nil
	}
}

// releaseAfter releases the segments' maps when the text written since
// they were last released, bytes more now, calls for it.
func (ix *Index) releaseAfter(bytes int) {
	if ix.released.due(bytes) {
		ix.releaseMaps()
	}
}

// flushShards writes the batches of the shards of ix, then the marks: a
// mark is never ahead of the documents set before it (the shards are
// written one after the other, not at once).
func flushShards(ix *Index, batches map[string]*bleve.Batch, marks map[string][]byte) error {
	shards := ix.shards.list()
	for name, b := range batches {
		if b.Size() == 0 {
			continue
		}
		if err := ix.failed.apply(shards[name], b); err != nil {
			return fmt.Errorf("shard %s: %w", name, err)
		}
	}
	if len(marks) > 0 {
		b := ix.shards.meta().NewBatch()
		setMarks(b, marks)
		if err := ix.failed.apply(ix.shards.meta(), b); err != nil {
			return fmt.Errorf("marks: %w", err)
		}
	}
	return nil
}

// markKey is where a caller's mark is kept among bleve's internal values.
func markKey(key string) []byte { return []byte("wenming.mark." + key) }

// Mark returns the value a Writer stored under key (see
// [Writer.SetMark]), nil when there is none.
func (ix *Index) Mark(key string) (_ []byte, err error) {
	defer recoverDamaged(ix.path, &err)
	b := ix.b
	if ix.shards != nil {
		b = ix.shards.meta()
	}
	v, err := b.GetInternal(markKey(key))
	if err != nil {
		return nil, fmt.Errorf("read mark %s of index %s: %w", key, ix.path, err)
	}
	return v, nil
}

// Written returns the number of documents in the batches written so far.
func (w *Writer) Written() int { return w.written }

// cut applies MaxBodyChars, maxTitleChars and maxKeywordBytes to d,
// noting the whole body's length in bodyChars when it cuts the body.
func (d *Document) cut() {
	if len(d.Body) > MaxBodyChars { // bytes ≥ runes: shorter bodies are whole
		if cut := cutRunes(d.Body, MaxBodyChars); len(cut) < len(d.Body) {
			d.bodyChars = utf8.RuneCountInString(d.Body)
			d.Body = cut
		}
	}
	d.Title = cutRunes(d.Title, maxTitleChars)
	for _, s := range []*string{&d.Site, &d.SiteName, &d.Level, &d.Column, &d.Source, &d.Author, &d.Province, &d.City, &d.County} {
		*s = cutBytes(*s, maxKeywordBytes)
	}
	if len(d.Lineage) > 0 {
		lin := make([]string, len(d.Lineage))
		for i, s := range d.Lineage {
			lin[i] = cutBytes(s, maxKeywordBytes)
		}
		d.Lineage = lin
	}
}

// cutRunes returns the first n runes of s.
func cutRunes(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for i := range s {
		if n == 0 {
			return s[:i]
		}
		n--
	}
	return s
}

// cutBytes returns the longest prefix of s of at most n bytes that does not
// split a UTF-8 sequence.
func cutBytes(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// Delete removes documents by ID. Unknown IDs are ignored.
func (ix *Index) Delete(ids ...string) error {
	if ix.readOnly {
		return fmt.Errorf("delete from index %s: %w", ix.path, ErrReadOnly)
	}
	w := ix.NewWriter()
	for _, id := range ids {
		if err := w.Delete(id); err != nil {
			return err
		}
	}
	return w.Flush()
}

// Count returns the number of documents in the index.
func (ix *Index) Count() (_ uint64, err error) {
	defer recoverDamaged(ix.path, &err)
	n, err := ix.b.DocCount()
	if err != nil {
		return 0, fmt.Errorf("count index %s: %w", ix.path, err)
	}
	return n, nil
}

// fields is the document bleve indexes. Unknown values are left out, so that
// they match no filter and sort last.
func (d *Document) fields() map[string]interface{} {
	f := map[string]interface{}{
		fieldTitle:    d.Title,
		fieldBody:     d.Body,
		fieldTitleUni: d.Title,
		fieldBodyUni:  d.Body,
		fieldURL:      d.URL,
	}
	if d.bodyChars > 0 {
		f[fieldBodyChars] = float64(d.bodyChars)
	}
	set := func(name, v string) {
		if v != "" {
			f[name] = v
		}
	}
	set(fieldSite, d.Site)
	set(fieldSiteName, d.SiteName)
	set(fieldLevel, d.Level)
	set(fieldColumn, d.Column)
	set(fieldSource, d.Source)
	set(fieldAuthor, d.Author)
	if lin := lineage(d); len(lin) > 0 {
		f[fieldLineage] = lin
	}
	province, city, county := d.Province, d.City, d.County
	switch d.Level {
	case "province":
		province = cmp.Or(province, d.SiteName)
	case "city":
		city = cmp.Or(city, d.SiteName)
	case "county":
		county = cmp.Or(county, d.SiteName)
	}
	set(fieldProvince, province)
	set(fieldCity, city)
	set(fieldCounty, county)
	if !d.Published.IsZero() {
		f[fieldPublished] = d.Published
		f[fieldPublishedAt] = d.Published.Format(time.RFC3339Nano)
		f[fieldYear] = strconv.Itoa(d.Published.Year())
	}
	if d.Views != nil {
		f[fieldViews] = float64(*d.Views)
	}
	for _, sv := range d.sortValues() {
		f[sv.name] = sv.value
	}
	if !d.Fetched.IsZero() {
		f[fieldFetched] = d.Fetched
	}
	if !d.Removed.IsZero() {
		f[fieldRemoved] = "yes"
		f[fieldRemovedAt] = d.Removed.Format(time.RFC3339Nano)
	}
	return f
}

// sortValue is the value of a sort field of a document.
type sortValue struct {
	name  string
	value float64
}

// sortValues returns the values of the sort fields of d: every document
// has one in each (see fieldSortPublishedAsc).
func (d *Document) sortValues() []sortValue {
	pubAsc, pubDesc := sortSentinel, -sortSentinel
	if !d.Published.IsZero() {
		pubAsc = float64(d.Published.UnixMilli())
		pubDesc = pubAsc
	}
	viewsAsc, viewsDesc := sortSentinel, -sortSentinel
	if d.Views != nil {
		viewsAsc = float64(*d.Views)
		viewsDesc = viewsAsc
	}
	return []sortValue{{fieldSortPublishedAsc, pubAsc}, {fieldSortPublishedDesc, pubDesc},
		{fieldSortViewsAsc, viewsAsc}, {fieldSortViewsDesc, viewsDesc}}
}

// lineage returns the document's lineage plus its own site and name, without
// empty or repeated values.
func lineage(d *Document) []string {
	seen := make(map[string]bool, len(d.Lineage)+2)
	var rv []string
	for _, s := range append(append([]string{}, d.Lineage...), d.Site, d.SiteName) {
		s = strings.ToLower(strings.TrimSpace(s))
		if s != "" && !seen[s] {
			seen[s] = true
			rv = append(rv, s)
		}
	}
	return rv
}
