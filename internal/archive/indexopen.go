package archive

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"syscall"
	"time"

	"github.com/wenming-archive/wenming/index"
	"github.com/wenming-archive/wenming/internal/article"
	"github.com/wenming-archive/wenming/internal/pgstore"
	"github.com/wenming-archive/wenming/internal/store"
)

// The search index is derived data: whatever happens to it, the records
// can make it again. OpenIndex makes sure a command does not answer from
// an index that is damaged or behind the records without saying so, and
// mends what it can on the way: a damaged index is rebuilt, records an
// interrupted import or crawl stored but did not index are indexed.

// IndexState says what OpenIndex found and did.
type IndexState struct {
	ReadOnly bool // opened read-only (the archive is not writable): nothing was mended
	Rebuilt  bool // the index was damaged or unreadable and was rebuilt from the records
	Indexed  int  // documents (re)indexed to mend the index
	Missing  int  // records the index lacks, left so because it is read-only
	// Notes tell the user what was found and done, one sentence each.
	Notes []string
}

// ErrIndexStale means an index that cannot be mended (read-only) differs
// from the records; searches still work, but miss or misreport articles.
var ErrIndexStale = errors.New("search index differs from the records")

// PendingPath is the marker of an index that may lack records: a command
// that stores records before indexing them (import) writes it first and
// removes it once they are indexed. A kill in between leaves it, and the
// next OpenIndex indexes every record again.
func PendingPath(indexPath string) string { return indexPath + ".pending" }

// MarkIndexPending writes the marker (see PendingPath) of the index at
// indexPath, saying why.
func MarkIndexPending(indexPath, why string) error {
	if err := os.WriteFile(PendingPath(indexPath), []byte(why+"\n"), 0o644); err != nil {
		return fmt.Errorf("mark index as being updated: %w", err)
	}
	return nil
}

// ClearIndexPending removes the marker of the index at indexPath.
func ClearIndexPending(indexPath string) error {
	if err := os.Remove(PendingPath(indexPath)); err != nil && !errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("clear index marker: %w", err)
	}
	return nil
}

// IndexOptions are the knobs of OpenIndex.
type IndexOptions struct {
	// Store holds the archive's records. Without it the index is opened
	// and probed, but not compared with the records nor rebuilt.
	Store  Records
	Logger *slog.Logger
	// Progress, when set, is called while the index is rebuilt.
	Progress func(done, total int)
	// OnlyPending limits the comparison with the records to the pending
	// marker (see PendingPath), for a caller that indexes and counts
	// itself afterwards (a crawl), so that nothing is indexed twice.
	OnlyPending bool
	// Shared lets a reader open an index another reader holds read-only,
	// as it is (OpenIndex opens it for writing first, to mend it).
	Shared bool
	// Briefly, with Shared, is for a reader that is soon done (a search,
	// an export): when another process has the index open, it shares the
	// index as it is at once instead of waiting up to two seconds for the
	// chance to mend it first.
	Briefly bool
	// Verify adds a full read of the index's files (their checksums, see
	// Index.VerifySegments) to the cheap check: worth it before a long run
	// (crawl, serve), not before each search.
	Verify bool
	// Shards is the layout the index should have: index.ShardByYear, or
	// "" for one index (config index.shards). A new index is made so; one
	// of the other layout is rebuilt so from the records (when it may be
	// written and the records are there).
	Shards string
}

// notWritable reports whether err comes from a file or directory that may
// not be written: a read-only mount, or permissions.
func notWritable(err error) bool {
	return errors.Is(err, fs.ErrPermission) || errors.Is(err, syscall.EROFS)
}

// OpenIndex opens the search index at path, creating it when missing, and
// checks it cheaply (see index.Probe): a damaged index, or one that does
// not open (damaged, or from another version), is rebuilt from the
// records; records missing from the index (an interrupted import or crawl)
// are indexed. An index that may not be written is opened read-only and
// left as it is, with a note of what is wrong with it. What was done is
// logged as a warning and listed in the state's Notes.
func OpenIndex(ctx context.Context, path string, o IndexOptions) (*index.Index, IndexState, error) {
	var state IndexState
	log := o.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	note := func(msg string, args ...any) {
		log.Warn(msg, args...)
		state.Notes = append(state.Notes, msg)
	}
	ix, err := openLayout(path, o.Shards, o.Shared && o.Briefly)
	if err != nil && notWritable(err) {
		if ix, err = index.OpenReadOnly(path); err == nil {
			state.ReadOnly = true
		}
	}
	if errors.Is(err, index.ErrLocked) && o.Shared {
		// Another reader holds it read-only (and mended it when it
		// opened it): share it as it is.
		if ix, rerr := index.OpenReadOnly(path); rerr == nil {
			return withBodies(ix, o.Store), state, nil
		}
	}
	if errors.Is(err, index.ErrLocked) {
		return nil, state, err
	}
	damage := err
	if err == nil {
		damage = ix.Probe(ctx)
		if damage == nil && o.Verify {
			damage = ix.VerifySegments()
		}
		if damage != nil {
			ix.Close()
			if ctx.Err() != nil {
				return nil, state, ctx.Err() // stopped, not damaged
			}
		}
	}
	if ix, err = mendIndex(ctx, ix, damage, path, o, &state, note); err != nil {
		return nil, state, err
	}
	return withBodies(ix, o.Store), state, nil
}

// mendIndex is the second half of OpenIndex: given the index opened at
// path and what is wrong with it (damage; ix is closed then), it rebuilds
// or brings up to date what needs it and returns the index to use.
func mendIndex(ctx context.Context, ix *index.Index, damage error, path string, o IndexOptions, state *IndexState, note func(string, ...any)) (*index.Index, error) {
	switch {
	case errors.Is(damage, index.ErrVersion) && !state.ReadOnly && o.Store != nil:
		// Made by another version of wenming: nothing to keep for a look.
		// Rebuilt beside it and swapped in (RebuildIndex).
		note("search index is from another version of wenming; rebuilding it from the records", "err", damage)
		ix, err := rebuildAndOpen(ctx, o.Store, path, o.Shards, o.Progress, state)
		if err != nil {
			return nil, fmt.Errorf("rebuild the index of another version: %w", err)
		}
		return ix, nil
	case damage != nil:
		if state.ReadOnly || o.Store == nil {
			return nil, fmt.Errorf("%w (\"wenming reindex\" rebuilds it from the records)", damage)
		}
		aside, err := setAside(path)
		if err != nil {
			return nil, fmt.Errorf("%w (and it could not be moved aside: %w)", damage, err)
		}
		note("search index is damaged or unreadable; set aside, rebuilding it from the records", "err", damage, "moved_to", aside)
		ix, err := rebuildAndOpen(ctx, o.Store, path, o.Shards, o.Progress, state)
		if err != nil {
			return nil, fmt.Errorf("rebuild damaged index: %w", err)
		}
		return ix, nil
	case o.Store == nil:
		return ix, nil
	case ix.Sharded() != o.Shards && !state.ReadOnly:
		layout := "one index"
		if o.Shards != "" {
			layout = "an index per year"
		}
		note("search index is kept as " + layout + " now (config index.shards); rebuilding it from the records")
		if err := ix.Close(); err != nil {
			return nil, err
		}
		ix, err := rebuildAndOpen(ctx, o.Store, path, o.Shards, o.Progress, state)
		if err != nil {
			return nil, fmt.Errorf("rebuild the index: %w", err)
		}
		return ix, nil
	}
	var err error
	if cl, ok := o.Store.(ChangeLog); ok {
		ix, err = followChanges(ctx, cl, ix, path, state, note)
	} else if _, serr := os.Stat(PendingPath(path)); o.OnlyPending && serr != nil {
		return ix, nil
	} else {
		ix, err = mendGap(ctx, o.Store, ix, path, state, note)
	}
	if err != nil {
		if ix != nil {
			ix.Close()
		}
		return nil, err
	}
	return ix, nil
}

// rebuildAndOpen rebuilds the index at path from the records st
// (RebuildIndexAs), notes it in state and opens the new index.
func rebuildAndOpen(ctx context.Context, st Records, path, shards string, progress func(done, total int), state *IndexState) (*index.Index, error) {
	n, err := RebuildIndexAs(ctx, st, path, shards, progress)
	if err != nil {
		return nil, err
	}
	state.Rebuilt, state.Indexed = true, n
	state.Notes = append(state.Notes, fmt.Sprintf("search index rebuilt from the records: %d articles indexed", n))
	return index.Open(path)
}

// mendGap compares the index with the records and indexes what it lacks.
// It returns the index to use: ix, or the rebuilt one that replaced it.
func mendGap(ctx context.Context, st Records, ix *index.Index, path string, state *IndexState, note func(string, ...any)) (*index.Index, error) {
	_, err := os.Stat(PendingPath(path))
	pending := err == nil
	records, err := st.Len()
	if errors.Is(err, store.ErrCorrupt) {
		// Searching and serving go on from the index: only the damaged
		// records fail, each where it is read.
		note("the records are damaged, so the search index is not checked against them: run \"wenming check\"", "err", err)
		return ix, nil
	}
	if err != nil {
		return ix, err
	}
	docs, err := ix.Count()
	if err != nil {
		return ix, err
	}
	switch {
	case state.ReadOnly:
		if int(docs) < records {
			state.Missing = records - int(docs)
		}
		if int(docs) != records || pending {
			note(fmt.Sprintf("search index holds %d documents for %d records and cannot be mended on a read-only archive: searches may miss articles (\"wenming reindex\" on a writable copy rebuilds it)", docs, records))
		}
		return ix, nil
	case pending:
		// An import stored records, maybe new versions of indexed ones,
		// and was stopped before indexing them all: index every record.
		note("an earlier import was interrupted before its articles were all indexed; indexing the archive again", "indexed", docs, "records", records)
		n, err := ReindexInto(st, ix, nil, nil)
		state.Indexed += n
		if err != nil {
			return ix, err
		}
	case int(docs) < records:
		note("search index lacks some records (an interrupted import or crawl); indexing them", "indexed", docs, "records", records)
		n, err := indexMissing(ctx, st, ix)
		state.Indexed += n
		if err != nil {
			return ix, err
		}
	case int(docs) > records:
		// Documents of records that are gone (merged into another as
		// aliases, say): only a rebuild drops them.
		note("search index holds documents of records that are gone; rebuilding it", "indexed", docs, "records", records)
		if err := ix.Close(); err != nil {
			return nil, err
		}
		n, err := RebuildIndex(ctx, st, path, nil)
		state.Rebuilt, state.Indexed = true, n
		if err != nil {
			return nil, err
		}
		if ix, err = index.Open(path); err != nil {
			return nil, err
		}
	default:
		return ix, nil
	}
	state.Notes = append(state.Notes, fmt.Sprintf("search index mended: %d articles indexed", state.Indexed))
	return ix, ClearIndexPending(path)
}

// followChanges brings the index of records that number their changes
// up to date: the changes since its mark are applied; an index of other
// records is rebuilt. It returns the index to use: ix, or the rebuilt one.
func followChanges(ctx context.Context, cl ChangeLog, ix *index.Index, path string, state *IndexState, note func(string, ...any)) (*index.Index, error) {
	if state.ReadOnly {
		behind, err := IndexBehind(ctx, cl, ix)
		if err != nil {
			return ix, err
		}
		if behind {
			note("search index is behind the records and cannot be brought up to date (read-only): searches may miss articles")
		}
		return ix, nil
	}
	n, err := CatchUp(ctx, cl, ix, nil)
	state.Indexed += n
	if errors.Is(err, errOtherRecords) {
		note("search index was not made from these records; rebuilding it from them")
		if err := ix.Close(); err != nil {
			return nil, err
		}
		return rebuildAndOpen(ctx, cl, path, ix.Sharded(), nil, state)
	}
	return ix, err
}

// indexMissing indexes the records the index does not hold.
func indexMissing(ctx context.Context, st Records, ix *index.Index) (int, error) {
	const chunk = 500
	var urls []string
	var missing []string
	check := func() error {
		have, err := ix.Get(ctx, urls...)
		if err != nil {
			return err
		}
		for _, u := range urls {
			if _, ok := have[u]; !ok {
				missing = append(missing, u)
			}
		}
		urls = urls[:0]
		return nil
	}
	err := st.ForEach(func(a *article.Article) error {
		urls = append(urls, a.URL)
		if len(urls) == chunk {
			return check()
		}
		return nil
	})
	if err == nil {
		err = check()
	}
	if err != nil || len(missing) == 0 {
		return 0, err
	}
	want := make(map[string]bool, len(missing))
	for _, u := range missing {
		want[u] = true
	}
	return ReindexInto(st, ix, func(a *article.Article) bool { return want[a.URL] }, nil)
}

// setAside renames a damaged index out of the way, keeping it for a look.
func setAside(path string) (string, error) {
	aside := fmt.Sprintf("%s.damaged-%s", path, time.Now().Format("20060102-150405.000"))
	if err := os.Rename(path, aside); err != nil && !errors.Is(err, os.ErrNotExist) {
		return "", err
	}
	return aside, nil
}

// openLayout opens the index at path, creating it with the layout shards
// (see IndexOptions.Shards) when there is none. ifFree gives up at once
// on an index another process has open (index.OpenIfFree).
func openLayout(path, shards string, ifFree bool) (*index.Index, error) {
	open := index.Open
	if ifFree {
		open = index.OpenIfFree
	}
	if shards == "" {
		return open(path)
	}
	if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
		return index.OpenSharded(path, shards)
	}
	return open(path) // whichever it is; OpenIndex rebuilds another
}

// RebuildIndex makes the index at path again from the records, in the
// layout it has (see RebuildIndexAs).
func RebuildIndex(ctx context.Context, st Records, path string, progress func(done, total int)) (int, error) {
	shards := ""
	if ix, err := index.OpenReadOnly(path); err == nil {
		shards = ix.Sharded()
		ix.Close()
	}
	return RebuildIndexAs(ctx, st, path, shards, progress)
}

// RebuildIndexAs makes the index at path again from the records, as one
// index or sharded (shards, see IndexOptions.Shards): it is built beside
// the old one and swapped in, so that a failure leaves the old one. The
// marker of a pending index is removed. It returns the articles indexed.
func RebuildIndexAs(ctx context.Context, st Records, path, shards string, progress func(done, total int)) (int, error) {
	tmp := path + ".rebuild"
	if err := os.RemoveAll(tmp); err != nil {
		return 0, fmt.Errorf("rebuild index: %w", err)
	}
	var n int
	ix, err := openLayout(tmp, shards, false)
	if err == nil {
		n, err = fillAndClose(ix, func(ix *index.Index) (int, error) {
			if cl, ok := st.(ChangeLog); ok {
				// Every change from the first: the records and the mark
				// of the last change, read in one snapshot.
				return CatchUp(ctx, cl, ix, progress)
			}
			return ReindexInto(st, ix, nil, progress)
		})
	}
	if err == nil {
		err = ctx.Err()
	}
	if err != nil {
		os.RemoveAll(tmp)
		return n, err
	}
	old := fmt.Sprintf("%s.old-%s", path, time.Now().Format("20060102-150405"))
	if err := os.Rename(path, old); err != nil && !errors.Is(err, os.ErrNotExist) {
		os.RemoveAll(tmp)
		return n, fmt.Errorf("rebuild index: %w", err)
	}
	if err := os.Rename(tmp, path); err != nil {
		return n, fmt.Errorf("rebuild index: %w", err)
	}
	os.RemoveAll(old)
	return n, ClearIndexPending(path)
}

// Reader is an archive opened for reading (search, export, serve): its
// records read-only, so that a read-only archive can be read, and its
// index mended on the way where it may be written.
type Reader struct {
	Store      Records      // nil when ReadOptions.StoreOptional and it could not be opened
	Index      *index.Index // nil unless ReadOptions.Index
	IndexState IndexState

	indexPath string
	shared    bool // the index is kept open read-only (ReadOptions.Shared)
	log       *slog.Logger
}

// ReadOptions are the knobs of OpenReader.
type ReadOptions struct {
	Index  bool // open the search index too
	Verify bool // verify the index's files fully (see IndexOptions)
	// StoreOptional lets the reader go on without the records when they
	// cannot be opened (a crawl holds them): the index is then opened
	// without being compared with them.
	StoreOptional bool
	// Shared keeps the index open read-only once it is checked and
	// mended, so that other readers can open it meanwhile: for a
	// long-lived reader (serve).
	Shared bool
	// Shards is the layout of the index (see IndexOptions.Shards).
	Shards string
	// Store, when set, is the DSN of the PostgreSQL database that keeps
	// the records (package pgstore): the reader's index, in its own
	// archive directory, is made from them and follows their changes
	// (see CatchUp); no holder is looked for, as every process reads the
	// records at once.
	Store string
	// WARC says where the archive's WARC files are (see View.WARCPaths).
	WARC   WARCDirs
	Logger *slog.Logger
}

// OpenReader opens the archive in data for reading.
func OpenReader(ctx context.Context, data string, o ReadOptions) (*Reader, error) {
	r := &Reader{indexPath: IndexPath(data), shared: o.Shared, log: o.Logger}
	if r.log == nil {
		r.log = slog.New(slog.DiscardHandler)
	}
	var st Records
	var err error
	if o.Store != "" {
		if err := os.MkdirAll(data, 0o755); err != nil {
			return nil, fmt.Errorf("create the directory of the search index: %w", err)
		}
		st, err = pgstore.OpenRecordsLogged(ctx, o.Store, r.log)
		if err != nil {
			return nil, err
		}
	} else if bs, berr := store.OpenReadOnly(ArticlesPath(data)); berr == nil {
		st = bs
	} else {
		err = berr
	}
	switch {
	case err == nil:
		r.Store = st
	case o.StoreOptional && (errors.Is(err, store.ErrLocked) || errors.Is(err, os.ErrNotExist)):
		r.log.Debug("searching without the records", "err", err)
	default:
		return nil, err
	}
	if o.Index {
		if r.Store == nil {
			if _, err := os.Stat(r.indexPath); err != nil {
				return nil, fmt.Errorf("no search index in %s: run \"wenming crawl\" first", data)
			}
		}
		r.Index, r.IndexState, err = OpenIndex(ctx, r.indexPath, IndexOptions{Store: r.Store, Logger: r.log, Verify: o.Verify, Shared: true, Briefly: !o.Shared, Shards: o.Shards})
		if err != nil {
			r.Close()
			return nil, err
		}
		if o.Shared && !r.Index.ReadOnly() {
			r.Index.Close()
			if r.Index, err = index.OpenReadOnly(r.indexPath); err != nil {
				r.Index = nil
				r.Close()
				return nil, err
			}
			withBodies(r.Index, r.Store)
		}
	}
	return r, nil
}

// CatchUp brings the index up to date with the changes of records that
// number them (PostgreSQL): nothing to do for others, or when no change
// is new. A reader keeping its index read-only (Shared) opens it for
// writing for the while; when another process has it so, CatchUp leaves
// it for the next time. The caller keeps searches off the reader
// meanwhile.
func (r *Reader) CatchUp(ctx context.Context) (int, error) {
	cl, ok := r.Store.(ChangeLog)
	if !ok || r.Index == nil || r.IndexState.ReadOnly {
		return 0, nil
	}
	behind, err := IndexBehind(ctx, cl, r.Index)
	if err != nil || !behind {
		return 0, err
	}
	if !r.Index.ReadOnly() {
		return CatchUp(ctx, cl, r.Index, nil)
	}
	if err := r.Index.Close(); err != nil {
		return 0, err
	}
	r.Index = nil
	defer func() {
		if r.Index == nil {
			if ix, err := index.OpenReadOnly(r.indexPath); err == nil {
				r.Index = withBodies(ix, r.Store)
			} else {
				r.log.Warn("reopen the search index", "err", err)
			}
		}
	}()
	ix, err := index.Open(r.indexPath)
	if errors.Is(err, index.ErrLocked) {
		return 0, nil // another reader is bringing it up to date
	}
	if err != nil {
		return 0, err
	}
	n, err := CatchUp(ctx, cl, ix, nil)
	if cerr := ix.Close(); err == nil {
		err = cerr
	}
	return n, err
}

// RebuildIndex rebuilds a damaged index (one a search failed in with
// index.ErrDamaged) from the records and reopens it, noting it in
// IndexState. It fails, saying what to do, when that cannot be done here.
func (r *Reader) RebuildIndex(ctx context.Context, cause error) error {
	if r.Store == nil || r.Index == nil || r.IndexState.ReadOnly {
		return fmt.Errorf("%w (\"wenming reindex\" on a writable archive rebuilds it from the records)", cause)
	}
	r.Index.Close()
	r.Index = nil
	aside, err := setAside(r.indexPath)
	if err != nil {
		return fmt.Errorf("%w (and it could not be moved aside: %w)", cause, err)
	}
	r.log.Warn("search index is damaged; set aside, rebuilding it from the records", "err", cause, "moved_to", aside)
	n, err := RebuildIndex(ctx, r.Store, r.indexPath, nil)
	if err != nil {
		return fmt.Errorf("%w; rebuilding the index failed: %w", cause, err)
	}
	open := index.Open
	if r.shared {
		open = index.OpenReadOnly
	}
	if r.Index, err = open(r.indexPath); err != nil {
		return err
	}
	withBodies(r.Index, r.Store)
	r.IndexState.Rebuilt = true
	r.IndexState.Indexed += n
	r.IndexState.Notes = append(r.IndexState.Notes, fmt.Sprintf("search index was damaged and is rebuilt from the records: %d articles indexed", n))
	return nil
}

// Close closes what is open.
func (r *Reader) Close() error {
	var errs []error
	if r.Index != nil {
		errs = append(errs, r.Index.Close())
	}
	if r.Store != nil {
		errs = append(errs, r.Store.Close())
	}
	return errors.Join(errs...)
}

// errNoIndex is the error of a search on a Reader opened without its index.
var errNoIndex = errors.New("archive opened without its search index")

// Search runs q on the index.
func (r *Reader) Search(ctx context.Context, q index.Query) (*index.Results, error) {
	if r.Index == nil {
		return nil, errNoIndex
	}
	return r.Index.Search(ctx, q)
}

// Stats counts the index's documents.
func (r *Reader) Stats(ctx context.Context) (*index.Stats, error) {
	if r.Index == nil {
		return nil, errNoIndex
	}
	return r.Index.Stats(ctx)
}

// records is the store, or an error when it could not be opened (see
// ReadOptions.StoreOptional).
func (r *Reader) records() (Records, error) {
	if r.Store == nil {
		return nil, fmt.Errorf("the records cannot be read: %w", store.ErrLocked)
	}
	return r.Store, nil
}

// Get reads the record of url.
func (r *Reader) Get(url string) (*article.Article, error) {
	st, err := r.records()
	if err != nil {
		return nil, err
	}
	return st.Get(url)
}

// Len is the number of records.
func (r *Reader) Len() (int, error) {
	st, err := r.records()
	if err != nil {
		return 0, err
	}
	return st.Len()
}

// ForEach calls fn with every record.
func (r *Reader) ForEach(fn func(*article.Article) error) error {
	st, err := r.records()
	if err != nil {
		return err
	}
	return st.ForEach(fn)
}
