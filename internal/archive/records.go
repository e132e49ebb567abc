package archive

import (
	"time"

	"github.com/wenming-archive/wenming/internal/article"
	"github.com/wenming-archive/wenming/internal/pgstore"
	"github.com/wenming-archive/wenming/internal/store"
)

// Records is what the archive's consumers need of its article records:
// one record per article, keyed by canonical URL, each the article as last
// observed with its view-count history merged across observations, the
// contents it replaced kept as versions, and the other URLs of the same
// article (aliases) answering for it. *store.Store (bbolt, articles.db)
// is the embedded one; every implementation runs the suite in package
// recordstest; *pgstore.Records keeps them in PostgreSQL, shared by
// several processes. What only a file has (a consistency check, its path,
// read-only opening) stays on *store.Store, reached by the few callers
// that need it. Records are safe for concurrent use.
//
// Errors wrap the store package's: store.ErrNotFound for a URL that names
// no record, store.ErrConflict for an alias that would take a URL from
// another record, store.ErrCorrupt for a record that cannot be read.
type Records interface {
	// Put stores the observation a under a.URL and says what that did:
	//   - store.New: no record existed for the URL;
	//   - store.Updated: a field other than FetchedAt, Views, ViewHistory,
	//     the validators (ETag, LastModified), Capture or Aliases changed;
	//     the content replaced is kept as a version (see Versions);
	//   - store.Unchanged: the content is the same; a new view point is
	//     stored all the same;
	//   - store.Aliased: a.URL is an alias of a record (see AddAlias), or
	//     names no record while a record of the same site holds the same
	//     article (the same normalised title and the same body text, or,
	//     published the same day, a body at least 90% alike; bodies under
	//     20 characters never match): a.URL is (made) an alias of that
	//     record and only a's view history and aliases are merged into it;
	//   - store.Moved: as for Aliased, but a.URL is of a preferred form
	//     (store.Preferred: desktop over mobile mirror, static over
	//     dynamic) and takes the record, whichever URL came first: the
	//     record is stored under a.URL as observed, the former record's
	//     URL and aliases become its aliases, its view history is merged
	//     and its versions move to a.URL (its content, another rendition,
	//     is not kept); the former record is a record no more (a search
	//     index drops its document, a change log notes its removal).
	// Otherwise every field is replaced by the observation except the view
	// history, which is merged: the union of the stored points and a's
	// (a.ViewHistory, or the point (FetchedAt, Views) when that is empty),
	// sorted by time without exact duplicates, Views the latest point's
	// count. a's aliases are added to the record's, sorted and unique,
	// leaving out a URL that is a record of its own or an alias of
	// another record. Put does not modify a. It refuses an article
	// without URL, or one that fails article.Article.Validate (an error
	// wrapping its *article.FieldError), storing nothing.
	Put(a *article.Article) (store.Status, error)
	// Get returns the record stored under url or under the URL url is an
	// alias of (its URL field tells which), or an error wrapping
	// store.ErrNotFound that reads "get article <url>: article not found".
	Get(url string) (*article.Article, error)
	// Views returns the latest view count of the record url names, nil
	// when it has none, or an error wrapping store.ErrNotFound.
	Views(url string) (*int64, error)
	// Brief tells whether url names a record (itself or as an alias), and
	// when it was published and fetched with its validators: what a crawl
	// needs to decide whether to fetch it again.
	Brief(url string) (store.Brief, bool, error)
	// Versions returns the earlier contents of the record url names,
	// oldest first, without view history or aliases; none for a URL that
	// names no record.
	Versions(url string) ([]*article.Article, error)
	// Resolve returns the URL of the record url names: url itself, or the
	// record's when url is an alias; ok is false when url names none.
	Resolve(url string) (canonical string, ok bool, err error)
	// AddAlias makes aliasURL an alias of the record canonicalURL names.
	// Adding an alias twice, or a record's own URL, changes nothing. It
	// fails with store.ErrNotFound when canonicalURL names no record, and
	// with store.ErrConflict when aliasURL is an alias of another record
	// or a record with other content; a record of the same article (by
	// Put's rule, or every content field alike) is merged in: its view
	// history, aliases and versions move to the record, and it is a record
	// no more. An empty URL is an error.
	AddAlias(canonicalURL, aliasURL string) error
	// MarkRemoved records that a revisit at r.Since found the article
	// whose record is stored under url gone from its site, with the
	// answer's evidence (an alias marks nothing: one address of the
	// article gone, a mobile mirror closed, is not the article gone): the record's Removed is set (its LastPresent the
	// record's fetch time when r has none), or, already set, its Seen
	// moved on, Since and the first answer's evidence kept. A record
	// fetched at or after r.Since is left alone. It reports whether the
	// record changed; the record's content, fetch time and versions never
	// do. A later Put of an observation fetched after Since without a mark
	// (the article served again) moves the mark to PastRemovals with the
	// fetch as its Returned. It fails with store.ErrNotFound when url
	// names no record.
	MarkRemoved(url string, r article.Removal) (bool, error)
	// MarkChecked records that the crawl found the article url names
	// (its record, or the record url is an alias of) still served as
	// archived at at (a removal sweep, a 304 Not Modified): the record's
	// CheckedAt moves on to at when at is later than its fetch and its
	// last check, and its brief's Asked with it. Its content, fetch time
	// and versions stay, and it is no change for a search index. It
	// reports whether the record changed, and fails with
	// store.ErrNotFound when url names no record.
	MarkChecked(url string, at time.Time) (bool, error)
	// Unchecked returns the URLs of up to q.Limit records of q.Host
	// asked at their source (Brief.Asked: fetched or checked) before
	// q.AskedBefore and not published since q.PublishedSince, asked
	// longest ago first (ties by URL): what a removal sweep asks again.
	// A record from before checks were kept was last asked when fetched.
	Unchecked(q store.SweepQuery) ([]string, error)
	// ForEach calls fn with every record in URL order (byte order) and
	// stops at the first error of fn, returning it. fn must not write to
	// the records.
	ForEach(fn func(*article.Article) error) error
	// FetchedSince is ForEach over the records fetched at or after since
	// alone, in URL order, at a cost that grows with those records rather
	// than with the archive: what a run indexes and settles after its
	// crawl, when most records are older.
	FetchedSince(since time.Time, fn func(*article.Article) error) error
	// Len counts the records (aliases not included).
	Len() (int, error)
	// Close closes the records, after the writes in progress.
	Close() error
}

var _ Records = (*store.Store)(nil)
var _ Records = (*pgstore.Records)(nil)
