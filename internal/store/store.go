package store

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"github.com/klauspost/compress/s2"
	"log/slog"
	"os"
	"runtime/debug"
	"slices"
	"sync"
	"sync/atomic"
	"time"
	"unicode/utf8"

	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"

	"github.com/wenming-archive/wenming/internal/article"
	"github.com/wenming-archive/wenming/internal/boltfile"
)

// SchemaVersion is the layout version written to the meta bucket. Open
// refuses files of a newer schema and brings older ones up to date.
//
// Version 2 added the aliases and titles buckets: a wenming of version 1
// would write records under alias URLs and leave the titles unlisted.
// Version 3 keeps the titles bucket as two keys a record (titles.go)
// instead of one value a title listing all of its records, and the
// records' body prints in it instead of a bucket of their own: a wenming
// of version 2 would read the new entries as lists of URLs.
const SchemaVersion = 3

// Formats of a stored record, its first byte.
const (
	// formatJSON is the JSON of article.Article (files written before
	// records were compressed; still read).
	formatJSON byte = 1
	// formatS2JSON is that JSON compressed with S2 (a Snappy-compatible
	// block format, github.com/klauspost/compress/s2): a record's body and
	// body HTML hold the same text twice, and the record shrinks to under
	// half at a cost of microseconds.
	formatS2JSON byte = 2
)

var (
	bucketArticles = []byte("articles")
	bucketVersions = []byte("versions") // URL 0x00 big-endian FetchedAt nanos → an earlier content version
	bucketBriefs   = []byte("briefs")   // URL → Brief (JSON): what a crawl needs to know of a record
	bucketAliases  = []byte("aliases")  // alias URL → canonical URL of its record
	bucketTitles   = []byte("titles")   // site 0x00 title hash, then 'b' body hash URL or 'd' day URL (see titles.go)
	bucketMeta     = []byte("meta")
	keySchema      = []byte("schema")
	// keyBriefs in the meta bucket says that every record has its brief
	// (see completeBriefs).
	keyBriefs = []byte("briefs")
	// keyTitlesBuilding in the meta bucket says that the titles bucket
	// is being built (see buildTitles) and lists only some records.
	keyTitlesBuilding = []byte("titles-building")
)

// Errors returned by the store, wrapped with the URL or path they concern.
var (
	// ErrNotFound means no article is stored under the URL.
	ErrNotFound = errors.New("article not found")
	// ErrLocked means another process holds the archive open.
	ErrLocked = errors.New("archive is in use by another wenming process")
	// ErrCorrupt means a record or the file does not decode or is inconsistent.
	ErrCorrupt = errors.New("corrupt store")
	// ErrConflict means an alias would take a URL from another record.
	ErrConflict = errors.New("alias conflict")
)

// lockTimeout is how long Open waits for the file lock of another process.
const lockTimeout = time.Second

// Status says what a Put did to the stored record.
type Status int

// Results of Put.
const (
	New       Status = iota // no record existed for the URL
	Updated                 // a field other than FetchedAt, Views or ViewHistory changed
	Unchanged               // the content is the same (a new view count may have been stored)
	Aliased                 // the URL is (now) an alias of another record; its view history was merged into that
	// Moved: the URL took the record of the same article from a URL of a
	// less preferred form (see Preferred), which is now its alias with
	// the record's other aliases; a search index drops the documents of
	// the record's aliases and indexes the record under the URL.
	Moved
)

// String returns "new", "updated", "unchanged", "aliased" or "moved".
func (s Status) String() string {
	switch s {
	case New:
		return "new"
	case Updated:
		return "updated"
	case Unchanged:
		return "unchanged"
	case Aliased:
		return "aliased"
	case Moved:
		return "moved"
	}
	return fmt.Sprintf("Status(%d)", int(s))
}

// Store is an open archive of article records. It is safe for concurrent
// use by many goroutines.
type Store struct {
	db       *bolt.DB
	path     string
	readOnly bool
	group    *boltfile.Group[groupWrite] // Puts waiting to be committed together
	// read counts the bytes of records written and walked since the
	// file's map was last released (see release); releaseEvery is the
	// mark (defaultReleaseEvery; tests lower it).
	read         atomic.Int64
	releaseEvery int64
	// titlesPerTx is how many records buildTitles lists a transaction
	// (defaultTitlesPerTx; tests lower it).
	titlesPerTx int
	// watched says the caller releases the map as it watches the
	// process's resident memory (see WatchedReleases): Puts and
	// look-ups then count nothing.
	watched atomic.Bool
	// cache answers the look-ups of URLs asked for lately (Briefs, Brief).
	cache briefCache
	// commits and puts count the group commits and the Puts in them
	// (see Commits).
	commits, puts atomic.Int64
}

// openBolt opens the bbolt file, turning a panic of bbolt on a damaged
// file into an ErrCorrupt error and a lock it waited for in vain into
// ErrLocked; an error names the file. The file bbolt opened is unlocked
// and closed after a panic, so that its lock does not outlive the failed
// open (its memory map does: bbolt gives no way to unmap it).
func openBolt(path string, timeout time.Duration, readOnly bool) (db *bolt.DB, err error) {
	var file *os.File
	defer func() {
		if r := recover(); r != nil {
			if file != nil {
				unlock(file)
				file.Close()
			}
			err = fmt.Errorf("the file is damaged (%v): restore it from a backup: %w", r, ErrCorrupt)
		}
		if errors.Is(err, berrors.ErrTimeout) {
			err = ErrLocked
		}
		if err != nil {
			db, err = nil, fmt.Errorf("open store %s: %w", path, err)
		}
	}()
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	return bolt.Open(path, 0o600, &bolt.Options{
		Timeout:      timeout,
		FreelistType: bolt.FreelistMapType,
		ReadOnly:     readOnly,
		OpenFile: func(name string, flag int, perm os.FileMode) (*os.File, error) {
			f, err := os.OpenFile(name, flag, perm)
			file = f
			return f, err
		},
	})
}

// checkSize refuses a file bbolt would misread (see package boltfile):
// bbolt would make a new database of an empty file, silently replacing
// the archive, and crash on a truncated one.
func checkSize(path string, size int64) error {
	return boltfile.Refusal{
		Op:        "open store",
		Empty:     "not an archive: restore it from a backup, or remove it to start a new archive",
		Foreign:   "not a wenming archive (no bbolt header): restore it from a backup",
		Truncated: ": restore it from a backup",
		Corrupt:   ErrCorrupt,
	}.Check(path, size)
}

// Open opens the store at path, creating the file and its buckets if needed.
// It fails with ErrLocked if another process has the file open.
//
// A file of an older schema is brought up to date: one without the titles
// bucket, or with its schema-2 form, gets it built from its records (one
// pass over the archive, once).
func Open(path string) (*Store, error) {
	return open(path, lockTimeout, nil)
}

// OpenLogged is Open, saying on log what an upgrade of an older file
// does and how far it has come: an archive of millions of records takes
// minutes.
func OpenLogged(path string, log *slog.Logger) (*Store, error) {
	return open(path, lockTimeout, log)
}

func open(path string, timeout time.Duration, log *slog.Logger) (*Store, error) {
	fi, statErr := os.Stat(path)
	if statErr == nil {
		if err := checkSize(path, fi.Size()); err != nil {
			return nil, err
		}
	}
	db, err := openBolt(path, timeout, false)
	if err != nil {
		return nil, err
	}
	s := &Store{db: db, path: path, releaseEvery: defaultReleaseEvery, titlesPerTx: defaultTitlesPerTx}
	s.group = s.newGroup()
	err = s.update(func(tx *bolt.Tx) error {
		if _, err := tx.CreateBucketIfNotExists(bucketArticles); err != nil {
			return err
		}
		meta, err := tx.CreateBucketIfNotExists(bucketMeta)
		if err != nil {
			return err
		}
		if v := meta.Get(keySchema); v != nil { // nil: a new file, whose version buildTitles writes
			if err := checkSchema(v); err != nil {
				return err
			}
		}
		if _, err := tx.CreateBucketIfNotExists(bucketAliases); err != nil {
			return err
		}
		if meta.Get(keyBriefs) == nil {
			if err := completeBriefs(tx); err != nil {
				return err
			}
		}
		return nil
	})
	if err == nil {
		// Brings the schema up to date with the titles (see buildTitles).
		if log == nil {
			log = slog.New(slog.DiscardHandler)
		}
		err = s.buildTitles(log)
	}
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("open store %s: %w", path, err)
	}
	return s, nil
}

// checkSchema refuses the schema version v of a file this wenming cannot
// open: not one byte (ErrCorrupt), or newer than SchemaVersion.
func checkSchema(v []byte) error {
	switch {
	case len(v) != 1:
		return fmt.Errorf("schema version %x: %w", v, ErrCorrupt)
	case v[0] > SchemaVersion:
		return fmt.Errorf("schema version %d is newer than this wenming (%d); upgrade wenming", v[0], SchemaVersion)
	}
	return nil
}

// OpenReadOnly opens the existing store at path for reading only: the
// file is opened read-only under a shared lock, so that an archive on a
// read-only mount or in a directory the user may not write (a backup) can
// be searched, exported and served, and several readers may share it.
// Nothing is created or upgraded; Put and AddAlias fail. A file of an
// older schema is read as it is (only writes need the newer buckets).
func OpenReadOnly(path string) (*Store, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("open store %s: %w", path, err)
	}
	if err := checkSize(path, fi.Size()); err != nil {
		return nil, err
	}
	db, err := openBolt(path, lockTimeout, true)
	if err != nil {
		return nil, err
	}
	s := &Store{db: db, path: path, readOnly: true, releaseEvery: defaultReleaseEvery}
	s.group = s.newGroup()
	err = s.view(func(tx *bolt.Tx) error {
		if tx.Bucket(bucketArticles) == nil || tx.Bucket(bucketMeta) == nil {
			return fmt.Errorf("no articles or meta bucket: not a wenming archive: %w", ErrCorrupt)
		}
		return checkSchema(tx.Bucket(bucketMeta).Get(keySchema))
	})
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("open store %s: %w", path, err)
	}
	return s, nil
}

// ReadOnly reports whether the store was opened with OpenReadOnly.
func (s *Store) ReadOnly() bool { return s.readOnly }

// Path returns the file the store was opened from.
func (s *Store) Path() string { return s.path }

// Close closes the file. Puts in progress finish first.
func (s *Store) Close() error {
	if err := s.db.Close(); err != nil {
		return fmt.Errorf("close store %s: %w", s.path, err)
	}
	return nil
}

// Put inserts or updates the article keyed by a.URL.
//
// When a.URL is an alias of a record (see AddAlias), or names no record
// but a record of the same site holds the same article (the same title
// after whitespace normalisation, and the same body text or, published the
// same day, a body at least 90% alike by character shingles; bodies under
// 20 characters are never matched), a.URL is (made) an alias of that
// record and Put reports Aliased: only a's view history (and aliases) are
// merged into the record, its other fields stay as they were. But when
// a.URL is of a preferred form (see Preferred: a desktop page over a
// mobile mirror, a static address over a dynamic one), it takes the
// record whichever was fetched first, and Put reports Moved: the record
// is stored under a.URL as observed, the former record's URL and aliases
// become its aliases, its view history is merged in and its versions are
// a.URL's; its content, another rendition of the article, is not kept.
//
// The aliases of a are added to the record's (see AddAlias), except any
// that is a record of its own or an alias of another record.
//
// On update every field is replaced by the new observation except
// ViewHistory, which is merged: the new points are added to the stored ones,
// the result kept sorted by time without exact duplicates, and Views set to
// the latest point. The new points are a.ViewHistory or, when that is empty
// and a.Views is set, the single point (a.FetchedAt, *a.Views).
//
// Put reports Updated when any field other than FetchedAt, Views or
// ViewHistory changed, Unchanged otherwise; a new view point alone is stored
// but reported Unchanged. Put does not modify a.
//
// Put refuses a record that fails [article.Article.Validate] (a time
// outside 1990–2100, a negative view count, a URL that is not http(s) …)
// with an error wrapping its [*article.FieldError]: nothing is stored.
//
// Concurrent Puts share a transaction and its fsync (see group.go).
func (s *Store) Put(a *article.Article) (Status, error) {
	return s.PutAfter(a, nil)
}

// PutAfter is Put, with first (when not nil) called before the
// transaction that stores a is committed, by whichever Put commits it:
// a is stored only when first returns nil, and first's error is then
// PutAfter's. first may be called more than once and must be safe for
// concurrent use. The crawl makes an article's WARC capture durable this
// way: the Puts of one transaction are called in order, so that the
// first of them fsyncs the captures of all and the rest find theirs on
// disk, one WARC fsync and one commit for the group.
func (s *Store) PutAfter(a *article.Article, first func() error) (Status, error) {
	if a == nil || a.URL == "" {
		return 0, fmt.Errorf("put article: empty URL")
	}
	if err := a.Validate(); err != nil {
		return 0, fmt.Errorf("put article %s: %w", a.URL, err)
	}
	var (
		status  Status
		written int
		w       writes // of every run of the function below
	)
	err := s.batchAfter(first, func(tx *bolt.Tx) error {
		// batch may run this function twice; it only assigns status and
		// written, and notes the keys it writes in w.
		var err error
		status, written, err = put(tx, &w, a)
		return err
	})
	s.cache.forget(w.taken())
	if err != nil {
		return 0, fmt.Errorf("put article %s: %w", a.URL, err)
	}
	if !s.watched.Load() && s.due(written) {
		s.releaseMap()
	}
	return status, nil
}

// put stores a in tx and tells what became of it and how many bytes it
// wrote (0 when nothing changed).
func put(tx *bolt.Tx, w *writes, a *article.Article) (Status, int, error) {
	b := tx.Bucket(bucketArticles)
	key := []byte(a.URL)
	v := b.Get(key)
	var folded *article.Article // the record a.URL takes over
	if v == nil {
		canon, err := knownAs(tx, a)
		if err != nil {
			return 0, 0, err
		}
		if canon != "" && !Preferred(a.URL, canon) {
			return Aliased, 0, observeAlias(tx, w, canon, a)
		}
		if canon != "" {
			if folded, err = takeOver(tx, w, canon, a.URL); err != nil {
				return 0, 0, err
			}
		}
	}
	var old *article.Article
	if v != nil {
		var err error
		if old, err = decode(v); err != nil {
			return 0, 0, fmt.Errorf("stored record: %w", err)
		}
	}
	rec, err := merged(tx, w, a, old, folded)
	if err != nil {
		return 0, 0, err
	}
	val, err := encode(rec)
	if err != nil {
		return 0, 0, err
	}
	var status Status
	switch {
	case folded != nil:
		status = Moved
	case old == nil:
		status = New
	case sameContent(old, rec):
		status = Unchanged
		if bytes.Equal(val, v) {
			return status, 0, nil // nothing new at all: no write
		}
	default:
		status = Updated
		// Keep the content that is being replaced as a version of its own.
		if err := putVersion(tx, old); err != nil {
			return 0, 0, err
		}
	}
	if err := putListings(tx, w, old, rec); err != nil {
		return 0, 0, err
	}
	return status, len(val) + putOverhead, b.Put(key, val)
}

// knownAs returns the URL of the record that holds a's article under
// another URL: the one a.URL is an alias of, or the one recognised as the
// same article; "" when there is none.
func knownAs(tx *bolt.Tx, a *article.Article) (string, error) {
	if canon := resolve(tx, a.URL); canon != "" {
		return canon, nil
	}
	return recognise(tx, a)
}

// takeOver loads the record stored under canon and takes it off the lists,
// for url, its preferred URL, to hold it from now on.
func takeOver(tx *bolt.Tx, w *writes, canon, url string) (*article.Article, error) {
	folded, err := load(tx, canon)
	if err != nil {
		return nil, err
	}
	if err := unlist(tx, w, folded, url); err != nil {
		return nil, err
	}
	return folded, nil
}

// merged returns the record to store for a: its fields, with the view
// history and aliases of the record it replaces (old) or takes over
// (folded) merged in.
func merged(tx *bolt.Tx, w *writes, a, old, folded *article.Article) (*article.Article, error) {
	rec := *a
	rec.ViewHistory = incomingViews(a)
	if folded != nil {
		rec.ViewHistory = mergeViews(folded.ViewHistory, rec.ViewHistory)
	}
	var oldAliases []string
	if old != nil {
		rec.ViewHistory = mergeViews(old.ViewHistory, rec.ViewHistory)
		oldAliases = old.Aliases
	}
	add := a.Aliases
	if folded != nil {
		add = slices.Concat([]string{folded.URL}, folded.Aliases, a.Aliases)
	}
	var err error
	if rec.Aliases, err = addAliases(tx, w, a.URL, oldAliases, add); err != nil {
		return nil, err
	}
	SetViewsFromHistory(&rec)
	KeepRemoval(&rec, old)
	return &rec, nil
}

// putListings writes rec's brief and, where its title or body changed
// from old's (or it is new), its entries in the titles bucket.
func putListings(tx *bolt.Tx, w *writes, old, rec *article.Article) error {
	if err := putBrief(tx, w, rec); err != nil {
		return err
	}
	return listTitle(tx, old, rec)
}

// Get returns the article stored under url, or under the URL url is an
// alias of (its URL field tells which), or an error wrapping ErrNotFound.
func (s *Store) Get(url string) (*article.Article, error) {
	var a *article.Article
	err := s.view(func(tx *bolt.Tx) error {
		v := tx.Bucket(bucketArticles).Get([]byte(resolve(tx, url)))
		if v == nil {
			return ErrNotFound
		}
		var err error
		a, err = decode(v)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("get article %s: %w", url, err)
	}
	return a, nil
}

// Views returns the latest view count of the article stored under url (or
// under the URL url is an alias of), nil when it has none, or an error
// wrapping ErrNotFound. It decodes that field only: the rest of the record
// (a large body) is decompressed and scanned, not decoded into strings.
func (s *Store) Views(url string) (*int64, error) {
	var rec struct {
		Views *int64 `json:"views"`
	}
	err := s.db.View(func(tx *bolt.Tx) error {
		v := tx.Bucket(bucketArticles).Get([]byte(resolve(tx, url)))
		if v == nil {
			return ErrNotFound
		}
		js, err := recordJSON(v)
		if err != nil {
			return err
		}
		if err := json.Unmarshal(js, &rec); err != nil {
			return fmt.Errorf("decode record: %w: %w", err, ErrCorrupt)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("views of %s: %w", url, err)
	}
	return rec.Views, nil
}

// ForEach calls fn for every article in URL order, decoding one record at a
// time inside a single read transaction, so memory stays flat however large
// the archive. It stops at the first error of fn and returns it. fn must not
// write to the store (see the package Caveats).
//
// A damaged file ends ForEach with an error wrapping ErrCorrupt; a panic of
// fn is fn's own and is raised again.
func (s *Store) ForEach(fn func(*article.Article) error) error {
	var fnPanic any
	call := callerSafe(fn, &fnPanic)
	err := s.view(func(tx *bolt.Tx) error { return s.walkRecords(tx, call) })
	if fnPanic != nil {
		panic(fnPanic)
	}
	return err
}

// FetchedSince calls fn for every article fetched at or after since, in
// URL order, as ForEach does. Where every record has its brief (see
// briefReader), it walks the briefs, a small bucket, and reads and decodes
// only the records fetched since: after a crawl that fetched a few
// thousand articles of an archive of a million, a run reads those, not
// every record and its body. A store without every brief is walked whole.
func (s *Store) FetchedSince(since time.Time, fn func(*article.Article) error) error {
	var fnPanic any
	call := callerSafe(fn, &fnPanic)
	err := s.view(func(tx *bolt.Tx) error {
		r := briefReaderOf(tx)
		if !r.complete {
			return s.walkRecords(tx, func(a *article.Article) error {
				if a.FetchedAt.Before(since) {
					return nil
				}
				return call(a)
			})
		}
		c := r.briefs.Cursor()
		for k, v := c.First(); k != nil; k, v = c.Next() {
			if s.due(briefWalkBytes(k, v)) {
				s.release(tx)
			}
			br, err := decodeBrief(v)
			if err != nil {
				return fmt.Errorf("read the brief of %s: %w: %w", k, err, ErrCorrupt)
			}
			if br.FetchedAt.Before(since) {
				continue
			}
			rec := r.articles.Get(k)
			if rec == nil {
				return fmt.Errorf("brief of %s without its record: %w", k, ErrCorrupt)
			}
			a, err := s.walked(tx, k, rec)
			if err != nil {
				return err
			}
			if err := call(a); err != nil {
				return err
			}
		}
		return nil
	})
	if fnPanic != nil {
		panic(fnPanic)
	}
	return err
}

// walkRecords calls fn with every record of tx in URL order, releasing the
// file's map as it goes (see due).
func (s *Store) walkRecords(tx *bolt.Tx, fn func(*article.Article) error) error {
	c := tx.Bucket(bucketArticles).Cursor()
	for k, v := c.First(); k != nil; k, v = c.Next() {
		a, err := s.walked(tx, k, v)
		if err != nil {
			return err
		}
		if err := fn(a); err != nil {
			return err
		}
	}
	return nil
}

// walked decodes the record v of URL k that a walk of tx reads, releasing
// the file's map first when the bytes walked since the last release call
// for it (see due).
func (s *Store) walked(tx *bolt.Tx, k, v []byte) (*article.Article, error) {
	if s.due(walkBytes(k, v)) {
		s.release(tx)
	}
	a, err := decode(v)
	if err != nil {
		return nil, fmt.Errorf("read article %s: %w", k, err)
	}
	return a, nil
}

// defaultReleaseEvery is how many bytes of records are written or walked
// between two releases of the file's map. Each release makes the next
// reads fault their pages in again from the page cache (a look-up over
// the whole key space after each release costs several times a look-up
// in resident pages); at 16 MB the resident part of the map stays bounded
// (3–4 times the mark, below) with a quarter of the faults of 4 MB.
// Look-ups count too. A walk counts each record as at least faultBytes
// (see walkBytes).
//
// A Put reads more of the map than its record: the leaves it changes in
// the records, briefs and titles, in three places of the key space, each
// fault mapping in the 64 KB around it (the kernel's fault-around), and
// the branches above them. Each counts putOverhead bytes beyond its
// record: counted as 16 KB, the Puts of a 100,000-article crawl made up
// to 50 MB of the map resident between two releases. A look-up reads a
// brief (see briefOnly), a small bucket read all over, and counts a page.
//
// Counting the look-ups as 64 KB too cost a crawl of 20,000 articles a
// third more CPU a page, when a look-up read the record's leaf: every
// link faulted a page of the records in again after the frequent
// releases.
const (
	defaultReleaseEvery = 16 << 20
	putOverhead         = 3 * faultBytes
	// lookupBytes is what a look-up of one URL counts (Brief, Briefs): a
	// page of the map, the leaf it ends in. A crawl looks up every link
	// of every page it reads, all over the key space.
	lookupBytes = 4 << 10
	// faultBytes is what a read of a page of the map that faults may
	// make resident: the kernel maps the pages around it too
	// (fault-around, 64 KB by default).
	faultBytes = 64 << 10
)

// walkBytes is what a walk counts for the record k, v: its size, but at
// least faultBytes. The walk reads the leaves in key order, which is not
// the order of the file (bbolt puts a changed page wherever there is
// room), so each leaf it comes to faults the pages around it in; counted
// by their size alone, a walk over the records of 20,000 articles held
// 55 MB of the map resident between two releases.
func walkBytes(k, v []byte) int { return max(len(k)+len(v), faultBytes) }

// briefWalkBytes is what a walk over the briefs counts for the brief k, v:
// its size, but at least a share of a fault's pages (faultBytes) as large
// as a brief's share of its leaf. The briefs are small, some thirty to a
// page, but their leaves lie all over the file, among the records' pages
// (bbolt puts a changed page wherever there is room), and each leaf the
// walk comes to faults in the pages around it: counted by their size
// alone, the briefs of 100,000 articles never reached the release mark,
// and a count of them (Len) made 140 MB of the map resident at once.
func briefWalkBytes(k, v []byte) int { return max(len(k)+len(v), faultBytes/briefsPerLeaf) }

// briefsPerLeaf is about how many briefs a leaf page holds (4 KB pages,
// briefs of some 100 bytes with their URLs).
const briefsPerLeaf = 32

// due counts n more bytes of records read or written and says whether
// the caller is to release the map now (one caller of those that pass
// the mark together).
func (s *Store) due(n int) bool {
	return s.read.Add(int64(n)) >= s.releaseEvery && s.read.Swap(0) >= s.releaseEvery
}

// ReleaseMap releases the pages of the file's map from the process's
// resident memory (see release), whatever was read or written since the
// last release. A crawl calls it every fraction of a second: its look-ups
// of links read the briefs all over the key space, and the larger the
// store the more distinct pages a given number of them faults in, so a
// release counted in bytes alone left more resident the larger the crawl.
func (s *Store) ReleaseMap() {
	s.read.Store(0)
	s.releaseMap()
}

// WatchedReleases says whether the caller, from now on, releases the
// map itself (ReleaseMap) as soon as the process's resident memory backed
// by files grows, as a crawl does (pipeline's releaseMaps: it looks every
// few milliseconds). Puts and look-ups then leave the release to it and
// count nothing towards the store's own mark, which made a crawl release
// the map several times a second beside the caller's releases: every
// release has the next look-ups fault the briefs' and the branches' pages
// in again: a 20,000-article crawl made 2.43-2.50 minor faults a page
// with them, 1.64-1.97 without (bbolt's page checks, where a fault
// lands, 5.0% of the crawler's CPU samples against 2.6%); at 100,000
// articles, where the caller's releases at its growth mark come first,
// as many either way. Walks (ForEach, Len) count as before: they read a
// whole bucket in a moment.
func (s *Store) WatchedReleases(on bool) {
	s.watched.Store(on)
}

// releaseMap releases the pages of the file's map (see release) in a read
// transaction of its own.
func (s *Store) releaseMap() {
	_ = s.view(func(tx *bolt.Tx) error {
		s.release(tx)
		return nil
	})
}

// release drops the pages of the file's map from the process's resident
// memory (see [boltfile.Release]), inside tx. bbolt reads through the map,
// and a crawl writing records all over the key space, or a walk over all of
// them, would otherwise leave the whole file counted in the process's
// resident memory: an archive of 100,000 articles made its store alone
// hundreds of megabytes of it. The pages stay in the kernel's page cache;
// those read again come back from there. Put, ForEach, Brief and Briefs
// call it after every s.releaseEvery bytes they counted (Put and Briefs
// not while the caller watches, see WatchedReleases); a failure (none is
// expected: the range is bbolt's own map) only leaves the pages resident.
func (s *Store) release(tx *bolt.Tx) {
	_ = boltfile.Release(tx)
}

// Len returns the number of articles stored.
func (s *Store) Len() (int, error) {
	var n int
	err := s.view(func(tx *bolt.Tx) error {
		// Counted by a walk over the keys (as bbolt's Stats would count
		// them) that releases the map as it goes: it reads every page of
		// the bucket, and the count comes before and after a crawl's
		// indexing, when the whole file would be resident at once. A
		// store with every record's brief counts the briefs, a small
		// bucket, instead of the records.
		c, size := tx.Bucket(bucketArticles).Cursor(), walkBytes
		if r := briefReaderOf(tx); r.complete {
			c, size = r.briefs.Cursor(), briefWalkBytes
		}
		for k, v := c.First(); k != nil; k, v = c.Next() {
			n++
			if s.due(size(k, v)) {
				s.release(tx)
			}
		}
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("count articles in %s: %w", s.path, err)
	}
	return n, nil
}

// Check verifies the file: bbolt's page consistency, the schema version,
// that every record decodes, is stored under its own URL and has a view
// history sorted by time whose last point equals Views, that the aliases
// of the records and the aliases bucket agree (and no alias is a record),
// and that every record is listed under its title. It returns every
// problem found, joined, each wrapping ErrCorrupt.
func (s *Store) Check() error {
	var errs []error
	err := s.view(func(tx *bolt.Tx) error {
		if err := checkPages(tx, &errs); err != nil {
			return err
		}
		checkBuckets(tx, &errs)
		return nil
	})
	if err != nil {
		errs = append(errs, err)
	}
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("check store %s: %w", s.path, err)
	}
	return nil
}

// The check functions below add each problem they find to *errs as they
// go, so that the problems found before a damaged page ends the check are
// still reported.

// checkPages reads every page of the file, then runs bbolt's consistency
// check and checks the schema version. bbolt checks on a goroutine of its
// own, where a panic on a damaged page cannot be recovered: every page is
// read here first, under view's guard, so that such damage is an error
// instead, returned to end the check.
func checkPages(tx *bolt.Tx, errs *[]error) error {
	if err := boltfile.ReadAll(tx); err != nil {
		if errors.Is(err, boltfile.ErrElement) {
			return fmt.Errorf("%w: %w", err, ErrCorrupt)
		}
		return err
	}
	for err := range tx.Check() {
		*errs = append(*errs, fmt.Errorf("bbolt: %w: %w", err, ErrCorrupt))
	}
	if v := tx.Bucket(bucketMeta).Get(keySchema); len(v) != 1 || v[0] == 0 || v[0] > SchemaVersion {
		*errs = append(*errs, fmt.Errorf("schema version %x: %w", v, ErrCorrupt))
	}
	return nil
}

// olderSchema reports whether the file is of a schema older than this
// wenming's: one opened read-only (OpenReadOnly) and not upgraded, whose
// titles bucket the upgrade builds anew from the records (see Open).
func olderSchema(tx *bolt.Tx) bool {
	v := tx.Bucket(bucketMeta).Get(keySchema)
	return len(v) == 1 && v[0] > 0 && v[0] < SchemaVersion
}

// recordIndexes are the buckets that index the records: every record's
// aliases and title, and its brief where the store is marked as having
// every record's brief and no other (see completeBriefs; nil otherwise).
type recordIndexes struct {
	aliases, titles, briefs *bolt.Bucket
}

// recordTally counts what the records name, for the checks of the buckets
// that index them.
type recordTally struct {
	records int // records in the articles bucket
	aliases int // aliases named by records
	titled  int // records with a title key
}

// checkBuckets checks the records and the buckets that index them against
// each other.
func checkBuckets(tx *bolt.Tx, errs *[]error) {
	arts := tx.Bucket(bucketArticles)
	ix := recordIndexes{aliases: tx.Bucket(bucketAliases), titles: tx.Bucket(bucketTitles), briefs: tx.Bucket(bucketBriefs)}
	if olderSchema(tx) || tx.Bucket(bucketMeta).Get(keyTitlesBuilding) != nil {
		// Its titles are of an older form (or missing, with the aliases,
		// in schema 1, which had none), or their building was cut short:
		// the next Open makes them anew from the records, which are
		// checked as ever.
		ix.titles = nil
	} else if ix.aliases == nil || ix.titles == nil {
		*errs = append(*errs, fmt.Errorf("aliases or titles bucket missing: %w", ErrCorrupt))
		return
	}
	if tx.Bucket(bucketMeta).Get(keyBriefs) == nil {
		ix.briefs = nil
	}
	var tally recordTally
	c := arts.Cursor()
	for k, v := c.First(); k != nil; k, v = c.Next() {
		checkRecord(k, v, ix, &tally, errs)
	}
	checkAliasBucket(arts, ix.aliases, tally.aliases, errs)
	if ix.titles != nil {
		checkTitleBucket(ix.titles, tally.titled, errs)
	}
	if ix.briefs != nil {
		if n := ix.briefs.Stats().KeyN; n != tally.records {
			*errs = append(*errs, fmt.Errorf("%d briefs for %d records: %w", n, tally.records, ErrCorrupt))
		}
	}
}

// checkRecord checks the record stored under key k: it decodes, holds its
// own URL, has its brief, its aliases registered and its title entry, and
// a view history sorted by time whose last point equals Views. It counts
// the record in t.
func checkRecord(k, v []byte, ix recordIndexes, t *recordTally, errs *[]error) {
	t.records++
	if ix.briefs != nil && ix.briefs.Get(k) == nil {
		*errs = append(*errs, fmt.Errorf("record %s: no brief: %w", k, ErrCorrupt))
	}
	a, err := decode(v)
	if err != nil {
		*errs = append(*errs, fmt.Errorf("record %s: %w", k, err))
		return
	}
	if !slices.IsSorted(a.Aliases) || len(slices.Compact(slices.Clone(a.Aliases))) != len(a.Aliases) {
		*errs = append(*errs, fmt.Errorf("record %s: aliases not sorted and unique: %w", k, ErrCorrupt))
	}
	for _, u := range a.Aliases {
		t.aliases++
		var c []byte
		if ix.aliases != nil {
			c = ix.aliases.Get([]byte(u))
		}
		if string(c) != string(k) {
			*errs = append(*errs, fmt.Errorf("record %s: alias %s is registered for %q: %w", k, u, c, ErrCorrupt))
		}
	}
	if titleKey(a) != nil {
		t.titled++
		if ix.titles != nil {
			checkTitleEntries(ix.titles, k, a, errs)
		}
	}
	if a.URL != string(k) {
		*errs = append(*errs, fmt.Errorf("record %s holds URL %s: %w", k, a.URL, ErrCorrupt))
	}
	h := a.ViewHistory
	if !slices.IsSortedFunc(h, compareViews) {
		*errs = append(*errs, fmt.Errorf("record %s: view history not sorted: %w", k, ErrCorrupt))
	}
	if n := len(h); n > 0 && (a.Views == nil || *a.Views != h[n-1].Views) {
		*errs = append(*errs, fmt.Errorf("record %s: views differ from the latest view count: %w", k, ErrCorrupt))
	}
}

// checkAliasBucket checks that every registered alias points at a record
// and is none itself, and that as many are registered as the records name
// (listed).
func checkAliasBucket(arts, ab *bolt.Bucket, listed int, errs *[]error) {
	registered := 0
	if ab == nil { // schema 1, read as it is
		if listed != 0 {
			*errs = append(*errs, fmt.Errorf("no aliases bucket, %d aliases named by records: %w", listed, ErrCorrupt))
		}
		return
	}
	c := ab.Cursor()
	for k, v := c.First(); k != nil; k, v = c.Next() {
		registered++
		if arts.Get(k) != nil {
			*errs = append(*errs, fmt.Errorf("alias %s is a record of its own: %w", k, ErrCorrupt))
		}
		if arts.Get(v) == nil {
			*errs = append(*errs, fmt.Errorf("alias %s of %s: no such record: %w", k, v, ErrCorrupt))
		}
	}
	if registered != listed {
		*errs = append(*errs, fmt.Errorf("%d aliases registered, %d named by records: %w", registered, listed, ErrCorrupt))
	}
}

// incomingViews returns the view points a new observation brings, sorted and
// without duplicates, in a new slice.
func incomingViews(a *article.Article) []article.ViewCount {
	if len(a.ViewHistory) == 0 {
		if a.Views == nil {
			return nil
		}
		return []article.ViewCount{{At: a.FetchedAt, Views: *a.Views}}
	}
	return mergeViews(nil, a.ViewHistory)
}

// mergeViews returns the union of old and add, sorted by time (then count),
// exact duplicates (same instant, same count) removed.
func mergeViews(old, add []article.ViewCount) []article.ViewCount {
	out := make([]article.ViewCount, 0, len(old)+len(add))
	out = append(out, old...)
	out = append(out, add...)
	slices.SortStableFunc(out, compareViews)
	return slices.CompactFunc(out, func(x, y article.ViewCount) bool {
		return x.At.Equal(y.At) && x.Views == y.Views
	})
}

func compareViews(x, y article.ViewCount) int {
	if c := x.At.Compare(y.At); c != 0 {
		return c
	}
	switch {
	case x.Views < y.Views:
		return -1
	case x.Views > y.Views:
		return 1
	}
	return 0
}

// sameContent reports whether a and b differ only in FetchedAt, Views,
// ViewHistory, validators, capture, aliases and removal marks. It compares encodings, so a time in another zone object but
// at the same instant and offset counts as equal, as it does once exported.
func sameContent(a, b *article.Article) bool {
	x, y := *a, *b
	for _, r := range []*article.Article{&x, &y} {
		r.FetchedAt = time.Time{}
		r.Views = nil
		r.ViewHistory = nil
		r.ETag, r.LastModified = "", ""       // validators, not content
		r.Capture, r.CaptureLost = nil, false // where this fetch is kept, not content
		r.Aliases = nil                       // where else it was found, not content
		r.Removed, r.PastRemovals = nil, nil  // whether the site still serves it, not content
		r.CheckedAt = time.Time{}             // when it last did, not content
	}
	ex, err1 := json.Marshal(&x)
	ey, err2 := json.Marshal(&y)
	return err1 == nil && err2 == nil && bytes.Equal(ex, ey)
}

func encode(a *article.Article) ([]byte, error) {
	sc := encodeScratch.Get().(*encodeBuffers)
	defer encodeScratch.Put(sc)
	sc.json.Reset()
	enc := json.NewEncoder(&sc.json)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(a); err != nil {
		return nil, fmt.Errorf("encode article %s: %w", a.URL, err)
	}
	js := sc.json.Bytes()
	js = js[:len(js)-1] // drop the encoder's newline
	if n := s2.MaxEncodedLen(len(js)); cap(sc.s2) < n {
		sc.s2 = make([]byte, n)
	}
	packed := s2.Encode(sc.s2[:cap(sc.s2)], js)
	out := make([]byte, 1+len(packed))
	out[0] = formatS2JSON
	copy(out[1:], packed)
	return out, nil
}

// encodeBuffers are encode's scratch: the record's JSON and its s2 form,
// both dropped once the record is copied out at its exact length (the
// value a Put hands bbolt must stay as it is until the commit, so only
// that copy is the record's own). Kept for the next record: a crawl
// encodes one an article, and a buffer grown for each record's JSON, then
// an s2 output sized for the worst case, were 194 MB of the 3.9 GB a
// 20,000-article crawl allocated (heap profile).
type encodeBuffers struct {
	json bytes.Buffer
	s2   []byte
}

// encodeScratch holds encodeBuffers between records (a pool: the records
// of a crawl are encoded by several workers at once).
var encodeScratch = sync.Pool{New: func() any { return new(encodeBuffers) }}

// recordJSON returns the JSON of a stored record of either format.
func recordJSON(v []byte) ([]byte, error) {
	if len(v) == 0 {
		return nil, fmt.Errorf("empty record: %w", ErrCorrupt)
	}
	switch v[0] {
	case formatJSON:
		return v[1:], nil
	case formatS2JSON:
		n, err := s2.DecodedLen(v[1:])
		if err == nil && n > maxRecordJSON {
			err = fmt.Errorf("%d bytes of JSON, more than %d", n, maxRecordJSON)
		}
		if err != nil {
			return nil, fmt.Errorf("decompress record: %w: %w", err, ErrCorrupt)
		}
		js, err := s2.Decode(nil, v[1:])
		if err != nil {
			return nil, fmt.Errorf("decompress record: %w: %w", err, ErrCorrupt)
		}
		return js, nil
	}
	return nil, fmt.Errorf("unknown record format %d: %w", v[0], ErrCorrupt)
}

// maxRecordJSON bounds the JSON a damaged record can claim to hold: a
// record holds a body cut to the extractor's limits, far below it.
const maxRecordJSON = 256 << 20

func decode(v []byte) (*article.Article, error) {
	js, err := recordJSON(v)
	if err != nil {
		return nil, err
	}
	var a article.Article
	if err := json.Unmarshal(js, &a); err != nil {
		return nil, fmt.Errorf("decode record: %w: %w", err, ErrCorrupt)
	}
	return &a, nil
}

// versionKey is URL, 0x00, then the big-endian fetch time of the version,
// so that a prefix scan lists a URL's versions oldest first.
func versionKey(url string, fetched time.Time) []byte {
	k := make([]byte, 0, len(url)+9)
	k = append(k, url...)
	k = append(k, 0)
	return binary.BigEndian.AppendUint64(k, uint64(fetched.UnixNano()))
}

func putVersion(tx *bolt.Tx, old *article.Article) error {
	b, err := tx.CreateBucketIfNotExists(bucketVersions)
	if err != nil {
		return fmt.Errorf("versions bucket: %w", err)
	}
	v := *old
	v.ViewHistory = nil // the history lives with the current record
	v.Aliases = nil     // and so do the aliases
	val, err := encode(&v)
	if err != nil {
		return err
	}
	return b.Put(versionKey(old.URL, old.FetchedAt), val)
}

// Versions returns the earlier contents of the article at url (or at the
// record url is an alias of), oldest first: each time a crawl found the
// title, body or another field changed, the content it replaced was kept.
// The current record is not included.
func (s *Store) Versions(url string) ([]*article.Article, error) {
	var out []*article.Article
	err := s.view(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketVersions)
		if b == nil {
			return nil
		}
		canon := resolve(tx, url)
		if canon == "" {
			return nil
		}
		prefix := append([]byte(canon), 0)
		c := b.Cursor()
		for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
			a, err := decode(v)
			if err != nil {
				return fmt.Errorf("version %x: %w", k, err)
			}
			out = append(out, a)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("versions of %s: %w", url, err)
	}
	return out, nil
}

// Brief is the little a crawl needs to know of an archived article to
// decide whether to fetch it again.
type Brief struct {
	Published    time.Time `json:"p,omitempty"`
	FetchedAt    time.Time `json:"f"`
	ETag         string    `json:"e,omitempty"`
	LastModified string    `json:"m,omitempty"`
	// CaptureLost: the record's capture was lost (article.Article's
	// field), and the page is to be fetched again.
	CaptureLost bool `json:"l,omitempty"`
	// Removed: the record is marked removed at the source (article.Article's
	// Removed); a revisit asks for the page whole, not conditionally, so
	// that an article served again ends the mark.
	Removed bool `json:"r,omitempty"`
	// Checked, when later than FetchedAt, is when the crawl last asked
	// the site about the article otherwise: the later of the record's
	// CheckedAt and its removal mark's Seen. Zero: not since the fetch
	// (and in every brief written before checks were kept).
	Checked time.Time `json:"c,omitzero"`
}

// Asked is when the crawl last asked the site about the article: the
// later of its fetch and its check. A removal sweep asks again those
// asked longest ago first.
func (b Brief) Asked() time.Time {
	if b.Checked.After(b.FetchedAt) {
		return b.Checked
	}
	return b.FetchedAt
}

// decodeBrief decodes a brief as json.Unmarshal does. The crawl asks for
// the briefs of every link of every page, so the form putBrief writes
// (json.Marshal's: no spaces, keys p, f, e and m, strings escaped only
// for quotes and backslashes) is read here directly; any other form goes
// to encoding/json.
func decodeBrief(v []byte) (Brief, error) {
	if br, ok := scanBrief(v); ok {
		return br, nil
	}
	var br Brief
	err := json.Unmarshal(v, &br)
	return br, err
}

// scanBrief reads the plain form of a brief; ok is false for any other
// form, and for a time that does not parse (json.Unmarshal says why).
func scanBrief(v []byte) (br Brief, ok bool) {
	if len(v) < 2 || v[0] != '{' || v[len(v)-1] != '}' {
		return Brief{}, false
	}
	rest := v[1 : len(v)-1]
	for len(rest) > 0 {
		// "k":"value"
		if len(rest) < 6 || rest[0] != '"' || rest[2] != '"' || rest[3] != ':' || rest[4] != '"' {
			return Brief{}, false
		}
		key := rest[1]
		quoted, n, ok := scanBriefString(rest[4:])
		if !ok {
			return Brief{}, false
		}
		rest = rest[4+n:]
		switch key {
		case 'p', 'f', 'c':
			t := &br.Published
			switch key {
			case 'f':
				t = &br.FetchedAt
			case 'c':
				t = &br.Checked
			}
			if quoted.escaped || t.UnmarshalJSON(quoted.raw) != nil {
				return Brief{}, false
			}
		case 'e':
			br.ETag = quoted.text()
		case 'm':
			br.LastModified = quoted.text()
		default:
			return Brief{}, false
		}
		if len(rest) > 0 {
			if rest[0] != ',' {
				return Brief{}, false
			}
			rest = rest[1:]
			if len(rest) == 0 {
				return Brief{}, false
			}
		}
	}
	return br, true
}

// briefString is a JSON string of a brief: raw with its quotes; escaped
// when it holds \" or \\ (the only escapes scanBriefString accepts).
type briefString struct {
	raw     []byte
	escaped bool
}

// text is the string's value.
func (s briefString) text() string {
	in := s.raw[1 : len(s.raw)-1]
	if !s.escaped {
		return string(in)
	}
	out := make([]byte, 0, len(in))
	for i := 0; i < len(in); i++ {
		if in[i] == '\\' {
			i++
		}
		out = append(out, in[i])
	}
	return string(out)
}

// scanBriefString reads the JSON string at the start of b and returns it
// with its length in b. ok is false for a string json.Unmarshal would
// read otherwise than as its bytes: other escapes, control characters,
// invalid UTF-8.
func scanBriefString(b []byte) (s briefString, n int, ok bool) {
	for i := 1; i < len(b); i++ {
		switch c := b[i]; {
		case c == '"':
			s.raw = b[:i+1]
			if !utf8.Valid(s.raw) {
				return briefString{}, 0, false
			}
			return s, i + 1, true
		case c == '\\':
			if i+1 >= len(b) || (b[i+1] != '"' && b[i+1] != '\\') {
				return briefString{}, 0, false
			}
			s.escaped = true
			i++
		case c < 0x20:
			return briefString{}, 0, false
		}
	}
	return briefString{}, 0, false
}

func putBrief(tx *bolt.Tx, w *writes, a *article.Article) error {
	b, err := tx.CreateBucketIfNotExists(bucketBriefs)
	if err != nil {
		return fmt.Errorf("briefs bucket: %w", err)
	}
	val, err := json.Marshal(BriefOf(a))
	if err != nil {
		return fmt.Errorf("brief of %s: %w", a.URL, err)
	}
	w.note([]byte(a.URL))
	return b.Put([]byte(a.URL), val)
}

// BriefOf is the brief of the record a.
func BriefOf(a *article.Article) Brief {
	b := Brief{Published: a.Published, FetchedAt: a.FetchedAt, ETag: a.ETag, LastModified: a.LastModified, CaptureLost: a.CaptureLost, Removed: a.Removed != nil}
	checked := a.CheckedAt
	if a.Removed != nil && a.Removed.Seen.After(checked) {
		checked = a.Removed.Seen
	}
	if checked.After(a.FetchedAt) {
		b.Checked = checked
	}
	return b
}

// Brief tells whether an article is archived under url or one of its
// aliases, and when it was published and fetched, without decoding the
// whole record. A store from before briefs existed falls back to the
// record.
//
// The answer for a URL asked for lately comes from memory, as Briefs's
// do (see briefCache): a crawl asks for every request it hands out
// (crawl's archivedThisPass), from the one goroutine that hands them
// out, and most were asked for as links of the page that queued them.
func (s *Store) Brief(url string) (Brief, bool, error) {
	if e, ok := s.cache.get(url); ok {
		return e.brief, e.found, nil
	}
	gen := s.cache.generation()
	var (
		br         Brief
		found, own bool
	)
	err := s.view(func(tx *bolt.Tx) (err error) {
		r := briefReaderOf(tx)
		br, found, err = r.brief(url)
		own = err == nil && r.ownKey(url, found)
		if !s.watched.Load() && s.due(lookupBytes) {
			s.release(tx)
		}
		return err
	})
	if err != nil {
		return Brief{}, false, fmt.Errorf("brief of %s: %w", url, err)
	}
	if own {
		s.cache.add(gen, []string{url}, []briefEntry{{brief: br, found: found}})
	}
	return br, found, nil
}

// Briefs is Brief for many URLs in one read transaction (the links of a
// page): the briefs of those archived, by the URL asked for. An error is
// the store's (a damaged file), not a record's.
//
// The answers for URLs asked for lately come from memory (see
// briefCache), the others from the file.
func (s *Store) Briefs(urls []string) (map[string]Brief, error) {
	out := map[string]Brief{}
	var look []string // the URLs the cache does not answer
	for _, u := range urls {
		e, ok := s.cache.get(u)
		switch {
		case !ok:
			look = append(look, u)
		case e.found:
			out[u] = e.brief
		}
	}
	if len(look) == 0 {
		return out, nil
	}
	gen := s.cache.generation()
	var (
		held    []string // the URLs of look whose answers the cache may hold
		entries []briefEntry
	)
	err := s.view(func(tx *bolt.Tx) error {
		r := briefReaderOf(tx)
		for _, u := range look {
			// A record that does not decode is left out, as Brief's
			// error would leave it.
			br, ok, err := r.brief(u)
			if err == nil && ok {
				out[u] = br
			}
			if err == nil && r.ownKey(u, ok) {
				held = append(held, u)
				entries = append(entries, briefEntry{brief: br, found: ok})
			}
		}
		if !s.watched.Load() && s.due(len(look)*lookupBytes) {
			s.release(tx)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	s.cache.add(gen, held, entries)
	return out, nil
}

// briefReader looks up briefs in one read transaction, its buckets found
// once: the links of a page are looked up together, and finding a bucket
// again for each of them (a seek in the root bucket, a new Bucket) was a
// third of the cost.
type briefReader struct {
	articles, aliases, briefs *bolt.Bucket // briefs nil in a store from before briefs
	// complete says every record has its brief (see completeBriefs): a
	// URL without one is no record, and the records are not read.
	complete bool
}

func briefReaderOf(tx *bolt.Tx) briefReader {
	r := briefReader{articles: tx.Bucket(bucketArticles), aliases: tx.Bucket(bucketAliases), briefs: tx.Bucket(bucketBriefs)}
	if meta := tx.Bucket(bucketMeta); meta != nil && r.briefs != nil {
		r.complete = meta.Get(keyBriefs) != nil
	}
	return r
}

// brief is briefIn: resolve, then the brief of the record, or the brief of
// the decoded record where the store has none.
func (r briefReader) brief(url string) (br Brief, found bool, err error) {
	if r.complete {
		return r.briefOnly(url)
	}
	key := []byte(url)
	v := r.articles.Get(key)
	if v == nil {
		c := r.aliases.Get(key)
		if c == nil {
			return Brief{}, false, nil
		}
		key = c
	}
	if r.briefs != nil {
		if b := r.briefs.Get(key); b != nil {
			br, err := decodeBrief(b)
			return br, true, err
		}
	}
	if v == nil {
		v = r.articles.Get(key)
	}
	if v == nil {
		return Brief{}, false, nil
	}
	a, err := decode(v)
	if err != nil {
		return Brief{}, false, err
	}
	return BriefOf(a), true, nil
}

// briefOnly is brief in a store whose records all have their brief: the
// briefs and the aliases answer, small buckets. The records' bucket, all
// of the archive's text, is not read: a crawl looks up every link of
// every page, all over the key space, and reading the record's leaf for
// each kept most of the file resident (83 MB of a 100,000-article crawl's
// peak).
func (r briefReader) briefOnly(url string) (br Brief, found bool, err error) {
	key := []byte(url)
	b := r.briefs.Get(key)
	if b == nil {
		c := r.aliases.Get(key)
		if c == nil {
			return Brief{}, false, nil
		}
		if b = r.briefs.Get(c); b == nil {
			return Brief{}, false, nil
		}
	}
	br, err = decodeBrief(b)
	return br, true, err
}

// ownKey says whether the answer brief gave for url (found or not) is
// the briefs and aliases buckets' answer for url's own key alone, which
// the cache may hold (see briefCache): in a store whose records all have
// their brief, a record under url, or neither a record nor an alias.
func (r briefReader) ownKey(url string, found bool) bool {
	if !r.complete {
		return false
	}
	if found {
		return r.briefs.Get([]byte(url)) != nil
	}
	return true
}

// completeBriefs gives every record that has no brief its brief (records
// written before briefs existed) and marks the store as having them all:
// from then on a look-up reads the briefs alone (see briefOnly). Put
// writes a record's brief with it and a merge deletes both, so the mark
// stays true.
func completeBriefs(tx *bolt.Tx) error {
	if _, err := tx.CreateBucketIfNotExists(bucketBriefs); err != nil {
		return fmt.Errorf("briefs bucket: %w", err)
	}
	briefs := tx.Bucket(bucketBriefs)
	c := tx.Bucket(bucketArticles).Cursor()
	for k, v := c.First(); k != nil; k, v = c.Next() {
		if briefs.Get(k) != nil {
			continue
		}
		a, err := decode(v)
		if err != nil {
			return fmt.Errorf("brief of %s: %w", k, err)
		}
		// Under the record's key, where a look-up finds it (Check reports
		// a record under another URL than its own).
		val, err := json.Marshal(BriefOf(a))
		if err != nil {
			return fmt.Errorf("brief of %s: %w", k, err)
		}
		if err := briefs.Put(bytes.Clone(k), val); err != nil {
			return fmt.Errorf("brief of %s: %w", k, err)
		}
	}
	return tx.Bucket(bucketMeta).Put(keyBriefs, []byte{1})
}
