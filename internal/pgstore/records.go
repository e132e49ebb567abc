package pgstore

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"hash/fnv"
	"log/slog"
	"slices"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/wenming-archive/wenming/internal/article"
	"github.com/wenming-archive/wenming/internal/store"
)

// Records are the article records in PostgreSQL: the same rules as the
// embedded store (package store), shared by every process that opens
// them. A write takes advisory locks on the URLs and the title it
// touches, so that two processes putting one article, or one article
// under two URLs, are serialised as the embedded store serialises its
// writers. Records are safe for concurrent use.
type Records struct {
	pool   *pgxpool.Pool
	server string
}

// OpenRecords connects to the database dsn names, applying the schema
// migrations it lacks.
func OpenRecords(ctx context.Context, dsn string) (*Records, error) {
	return OpenRecordsLogged(ctx, dsn, nil)
}

// OpenRecordsLogged is OpenRecords telling log of a schema upgrade that
// reads every record (the migration to schema 5, see fillBodyPrints):
// its start, its progress every 10 s and its end, and of a wait for
// another process's upgrade.
func OpenRecordsLogged(ctx context.Context, dsn string, log *slog.Logger) (*Records, error) {
	pool, err := connect(ctx, dsn, log)
	if err != nil {
		return nil, err
	}
	return &Records{pool: pool, server: Server(dsn)}, nil
}

// Server names the database server (host:port/database).
func (r *Records) Server() string { return r.server }

// Close closes the connections, after the writes in progress.
func (r *Records) Close() error {
	r.pool.Close()
	return nil
}

// lockKey is the advisory lock of a URL ("u") or a title key ("t").
func lockKey(kind byte, s []byte) int64 {
	h := fnv.New64a()
	h.Write([]byte{kind, 0})
	h.Write(s)
	return int64(h.Sum64())
}

// lock takes the advisory locks of keys, in order (the same order in
// every transaction, against deadlocks), until the transaction ends.
func lock(ctx context.Context, tx pgx.Tx, keys ...int64) error {
	slices.Sort(keys)
	keys = slices.Compact(keys)
	_, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock(k) FROM unnest($1::bigint[]) WITH ORDINALITY AS t(k, i) ORDER BY i`, keys)
	return err
}

func urlKey(u string) int64 { return lockKey('u', []byte(u)) }

// resolveTx returns the URL of the record url names ("" for none).
func resolveTx(ctx context.Context, tx pgx.Tx, url string) (string, error) {
	var canon string
	err := tx.QueryRow(ctx, `SELECT url FROM articles WHERE url = $1
		UNION ALL SELECT canonical FROM aliases WHERE alias = $1 LIMIT 1`, url).Scan(&canon)
	if errors.Is(err, pgx.ErrNoRows) {
		return "", nil
	}
	return canon, err
}

// lockRecord resolves url and locks the record it names, resolving
// again until the record locked is still the one url names (a merge may
// have moved it meanwhile).
func lockRecord(ctx context.Context, tx pgx.Tx, url string, held map[string]bool) (string, error) {
	for range 10 {
		canon, err := resolveTx(ctx, tx, url)
		if err != nil || canon == "" || held[canon] {
			return canon, err
		}
		if err := lock(ctx, tx, urlKey(canon)); err != nil {
			return "", err
		}
		held[canon] = true
	}
	return "", fmt.Errorf("%s: the record keeps moving", url)
}

// load reads the record stored under url, nil when there is none.
func loadTx(ctx context.Context, tx pgx.Tx, url string) (*article.Article, error) {
	var v []byte
	err := tx.QueryRow(ctx, `SELECT record FROM articles WHERE url = $1`, url).Scan(&v)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	a, err := store.Decode(v)
	if err != nil {
		return nil, fmt.Errorf("stored record %s: %w", url, err)
	}
	return a, nil
}

// encodeRecord returns rec's stored form and its brief's.
func encodeRecord(rec *article.Article) (val []byte, brief []byte, err error) {
	if val, err = store.Encode(rec); err != nil {
		return nil, nil, err
	}
	if brief, err = json.Marshal(store.BriefOf(rec)); err != nil {
		return nil, nil, fmt.Errorf("brief of %s: %w", rec.URL, err)
	}
	return val, brief, nil
}

// writeRecord stores rec (a new record when isNew), with its brief and
// title key.
func writeRecord(ctx context.Context, tx pgx.Tx, rec *article.Article) error {
	val, brief, err := encodeRecord(rec)
	if err != nil {
		return err
	}
	seq, err := nextChange(ctx, tx)
	if err != nil {
		return err
	}
	if _, err := tx.Exec(ctx, `DELETE FROM article_removals WHERE url = $1`, rec.URL); err != nil {
		return err
	}
	hash, runes, day := store.BodyPrint(rec)
	_, err = tx.Exec(ctx, `INSERT INTO articles (url, title_key, record, brief, fetched_at, change_seq, body_hash, body_runes, body_day)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
		ON CONFLICT (url) DO UPDATE SET title_key = $2, record = $3, brief = $4, fetched_at = $5, change_seq = $6,
			body_hash = $7, body_runes = $8, body_day = $9`,
		rec.URL, store.TitleKey(rec), val, string(brief), rec.FetchedAt, seq, int64(hash), int64(runes), int64(day))
	return err
}

// changeLock is the advisory lock under which a transaction takes its
// change sequence numbers and commits.
const changeLock = 0x77656e6d696e6773 // "wenmings"

// nextChange returns the next number of the change sequence for a write
// of tx. It holds the change lock until tx ends, so that the numbers
// become visible in their order: a reader that sees a change sees every
// change numbered before it (see Changes). A write takes it last, after
// the locks of its records, so that no transaction waits for those while
// it holds the change lock.
func nextChange(ctx context.Context, tx pgx.Tx) (int64, error) {
	if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock($1)`, int64(changeLock)); err != nil {
		return 0, fmt.Errorf("change sequence: %w", err)
	}
	var seq int64
	if err := tx.QueryRow(ctx, `SELECT nextval('article_changes')`).Scan(&seq); err != nil {
		return 0, fmt.Errorf("change sequence: %w", err)
	}
	return seq, nil
}

// removeRecord deletes the record url, noting the removal as a change.
func removeRecord(ctx context.Context, tx pgx.Tx, url string) error {
	if _, err := tx.Exec(ctx, `DELETE FROM articles WHERE url = $1`, url); err != nil {
		return err
	}
	seq, err := nextChange(ctx, tx)
	if err != nil {
		return err
	}
	_, err = tx.Exec(ctx, `INSERT INTO article_removals (url, change_seq) VALUES ($1, $2)
		ON CONFLICT (url) DO UPDATE SET change_seq = $2`, url, seq)
	return err
}

// putVersion keeps old's content as an earlier version of its record.
func putVersion(ctx context.Context, tx pgx.Tx, url string, old *article.Article) error {
	v := *old
	v.ViewHistory, v.Aliases = nil, nil // they live with the current record
	val, err := store.Encode(&v)
	if err != nil {
		return err
	}
	_, err = tx.Exec(ctx, `INSERT INTO versions (url, fetched_ns, record) VALUES ($1, $2, $3)
		ON CONFLICT (url, fetched_ns) DO UPDATE SET record = $3`, url, old.FetchedAt.UnixNano(), val)
	return err
}

// addAliases is store.AddAliases in PostgreSQL.
func addAliases(ctx context.Context, tx pgx.Tx, canon string, have, add []string) ([]string, error) {
	owner := func(u string) (string, error) { return resolveTx(ctx, tx, u) }
	register := func(u string) error {
		_, err := tx.Exec(ctx, `INSERT INTO aliases (alias, canonical) VALUES ($1, $2)`, u, canon)
		return err
	}
	return store.AddAliases(canon, have, add, owner, register)
}

// Put stores the observation a; see archive.Records.
func (r *Records) Put(a *article.Article) (store.Status, error) {
	if a == nil || a.URL == "" {
		return 0, fmt.Errorf("put article: empty URL")
	}
	if err := a.Validate(); err != nil {
		return 0, fmt.Errorf("put article %s: %w", a.URL, err)
	}
	ctx := context.Background()
	var status store.Status
	err := inTx(ctx, r.pool, func(tx pgx.Tx) error {
		keys := []int64{urlKey(a.URL)}
		for _, u := range a.Aliases {
			keys = append(keys, urlKey(u))
		}
		if store.Recognisable(a) {
			// Two URLs of one article put at once: one record.
			keys = append(keys, lockKey('t', store.TitleKey(a)))
		}
		if err := lock(ctx, tx, keys...); err != nil {
			return err
		}
		held := map[string]bool{a.URL: true}
		var folded *article.Article // the record a.URL takes over
		old, err := loadTx(ctx, tx, a.URL)
		if err != nil {
			return err
		}
		if old == nil {
			canon, err := lockRecord(ctx, tx, a.URL, held)
			if err != nil {
				return err
			}
			if canon == "" {
				if canon, err = r.recognise(ctx, tx, a); err != nil {
					return err
				}
				if canon != "" {
					if err := lock(ctx, tx, urlKey(canon)); err != nil {
						return err
					}
				}
			}
			if canon != "" && !store.Preferred(a.URL, canon) {
				status = store.Aliased
				return observeAlias(ctx, tx, canon, a)
			}
			if canon != "" {
				// a.URL takes the record (see store.Store.Put).
				if folded, err = loadTx(ctx, tx, canon); err != nil {
					return err
				}
				if folded == nil {
					return fmt.Errorf("%s: %w", canon, store.ErrNotFound)
				}
				if err := unlist(ctx, tx, canon, a.URL); err != nil {
					return err
				}
			}
		}
		rec := *a
		rec.ViewHistory = store.IncomingViews(a)
		var oldAliases []string
		if old != nil {
			rec.ViewHistory = store.MergeViews(old.ViewHistory, rec.ViewHistory)
			oldAliases = old.Aliases
		}
		add := a.Aliases
		if folded != nil {
			rec.ViewHistory = store.MergeViews(folded.ViewHistory, rec.ViewHistory)
			add = slices.Concat([]string{folded.URL}, folded.Aliases, a.Aliases)
		}
		if rec.Aliases, err = addAliases(ctx, tx, a.URL, oldAliases, add); err != nil {
			return err
		}
		store.SetViewsFromHistory(&rec)
		store.KeepRemoval(&rec, old)
		switch {
		case folded != nil:
			status = store.Moved
		case old == nil:
			status = store.New
		case store.SameContent(old, &rec):
			status = store.Unchanged
			if same, err := sameBytes(old, &rec); err != nil || same {
				return err // nothing new at all: no write
			}
		default:
			status = store.Updated
			if err := putVersion(ctx, tx, a.URL, old); err != nil {
				return err
			}
		}
		return writeRecord(ctx, tx, &rec)
	})
	if err != nil {
		return 0, fmt.Errorf("put article %s: %w", a.URL, err)
	}
	return status, nil
}

// sameBytes reports whether two records encode alike.
func sameBytes(a, b *article.Article) (bool, error) {
	x, err := store.Encode(a)
	if err != nil {
		return false, err
	}
	y, err := store.Encode(b)
	return bytes.Equal(x, y), err
}

// recognise returns the record of the same site holding a under another
// URL (see store.Recognise), or "".
func (r *Records) recognise(ctx context.Context, tx pgx.Tx, a *article.Article) (string, error) {
	if !store.Recognisable(a) {
		return "", nil
	}
	// The records of a's title whose print says they may be its article
	// (store.BodyPrint): the same text, or the same day (or either
	// without one) and lengths as near as Recognise wants them
	// (min >= 0.9 max - 5, in exact arithmetic: never narrower than
	// Recognise's floating point); a record without a print is read.
	hash, runes, day := store.BodyPrint(a)
	rows, err := tx.Query(ctx, `SELECT record FROM articles
		WHERE title_key = $1 AND url <> $2 AND (
			body_hash IS NULL OR body_hash = $3 OR (
				(body_day = 0 OR $4::integer = 0 OR body_day = $4::integer) AND
				least(body_runes, $5::integer) >= 0.9 * greatest(body_runes, $5::integer) - 5))
		ORDER BY url`, store.TitleKey(a), a.URL, int64(hash), int64(day), int64(runes))
	if err != nil {
		return "", err
	}
	var candidates []*article.Article
	for rows.Next() {
		var v []byte
		if err := rows.Scan(&v); err != nil {
			return "", err
		}
		c, err := store.Decode(v)
		if err != nil {
			rows.Close()
			return "", err
		}
		candidates = append(candidates, c)
	}
	if err := rows.Err(); err != nil {
		return "", err
	}
	return store.Recognise(a, candidates), nil
}

// observeAlias merges the view history and aliases of a, observed under
// an alias of the record canon, into that record.
func observeAlias(ctx context.Context, tx pgx.Tx, canon string, a *article.Article) error {
	old, err := loadTx(ctx, tx, canon)
	if err != nil {
		return err
	}
	if old == nil {
		return fmt.Errorf("%s: %w", canon, store.ErrNotFound)
	}
	rec := *old
	rec.ViewHistory = store.MergeViews(old.ViewHistory, store.IncomingViews(a))
	store.SetViewsFromHistory(&rec)
	if rec.Aliases, err = addAliases(ctx, tx, canon, old.Aliases, append([]string{a.URL}, a.Aliases...)); err != nil {
		return err
	}
	if same, err := sameBytes(old, &rec); err != nil || same {
		return err
	}
	return writeRecord(ctx, tx, &rec)
}

// get reads the record url names, or fails with store.ErrNotFound.
func (r *Records) get(ctx context.Context, url string) (*article.Article, error) {
	var v []byte
	err := r.pool.QueryRow(ctx, `SELECT record FROM articles WHERE url = $1
		UNION ALL SELECT a.record FROM aliases l JOIN articles a ON a.url = l.canonical WHERE l.alias = $1 LIMIT 1`, url).Scan(&v)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, store.ErrNotFound
	}
	if err != nil {
		return nil, err
	}
	return store.Decode(v)
}

// Get returns the record url names; see archive.Records.
func (r *Records) Get(url string) (*article.Article, error) {
	a, err := r.get(context.Background(), url)
	if err != nil {
		return nil, fmt.Errorf("get article %s: %w", url, err)
	}
	return a, nil
}

// Views returns the latest view count of the record url names.
func (r *Records) Views(url string) (*int64, error) {
	a, err := r.get(context.Background(), url)
	if err != nil {
		return nil, fmt.Errorf("views of %s: %w", url, err)
	}
	return a.Views, nil
}

// Brief tells whether url names a record, and what a crawl needs of it.
func (r *Records) Brief(url string) (store.Brief, bool, error) {
	var v string
	err := r.pool.QueryRow(context.Background(), `SELECT brief FROM articles WHERE url = $1
		UNION ALL SELECT a.brief FROM aliases l JOIN articles a ON a.url = l.canonical WHERE l.alias = $1 LIMIT 1`, url).Scan(&v)
	if errors.Is(err, pgx.ErrNoRows) {
		return store.Brief{}, false, nil
	}
	var b store.Brief
	if err == nil {
		err = json.Unmarshal([]byte(v), &b)
	}
	if err != nil {
		return store.Brief{}, false, fmt.Errorf("brief of %s: %w", url, err)
	}
	return b, true, nil
}

// Versions returns the earlier contents of the record url names, oldest
// first.
func (r *Records) Versions(url string) ([]*article.Article, error) {
	ctx := context.Background()
	canon, ok, err := r.Resolve(url)
	if err != nil || !ok {
		return nil, err
	}
	rows, err := r.pool.Query(ctx, `SELECT record FROM versions WHERE url = $1 ORDER BY fetched_ns`, canon)
	if err != nil {
		return nil, fmt.Errorf("versions of %s: %w", url, err)
	}
	var out []*article.Article
	for rows.Next() {
		var v []byte
		if err := rows.Scan(&v); err != nil {
			return nil, fmt.Errorf("versions of %s: %w", url, err)
		}
		a, err := store.Decode(v)
		if err != nil {
			rows.Close()
			return nil, fmt.Errorf("versions of %s: %w", url, err)
		}
		out = append(out, a)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("versions of %s: %w", url, err)
	}
	return out, nil
}

// Resolve returns the URL of the record url names.
func (r *Records) Resolve(url string) (string, bool, error) {
	var canon string
	err := r.pool.QueryRow(context.Background(), `SELECT url FROM articles WHERE url = $1
		UNION ALL SELECT canonical FROM aliases WHERE alias = $1 LIMIT 1`, url).Scan(&canon)
	if errors.Is(err, pgx.ErrNoRows) {
		return "", false, nil
	}
	if err != nil {
		return "", false, fmt.Errorf("resolve %s: %w", url, err)
	}
	return canon, true, nil
}

// AddAlias makes aliasURL an alias of the record canonicalURL names; see
// archive.Records.
func (r *Records) AddAlias(canonicalURL, aliasURL string) error {
	if canonicalURL == "" || aliasURL == "" {
		return fmt.Errorf("add alias %q of %q: empty URL", aliasURL, canonicalURL)
	}
	ctx := context.Background()
	err := inTx(ctx, r.pool, func(tx pgx.Tx) error {
		if err := lock(ctx, tx, urlKey(canonicalURL), urlKey(aliasURL)); err != nil {
			return err
		}
		held := map[string]bool{canonicalURL: true, aliasURL: true}
		canon, err := lockRecord(ctx, tx, canonicalURL, held)
		if err != nil {
			return err
		}
		if canon == "" {
			return fmt.Errorf("%s: %w", canonicalURL, store.ErrNotFound)
		}
		if aliasURL == canon {
			return nil
		}
		var c string
		switch err := tx.QueryRow(ctx, `SELECT canonical FROM aliases WHERE alias = $1`, aliasURL).Scan(&c); {
		case err == nil && c == canon:
			return nil
		case err == nil:
			return fmt.Errorf("%s is already an alias of %s: %w", aliasURL, c, store.ErrConflict)
		case !errors.Is(err, pgx.ErrNoRows):
			return err
		}
		rec, err := loadTx(ctx, tx, canon)
		if err != nil {
			return err
		}
		other, err := loadTx(ctx, tx, aliasURL)
		if err != nil {
			return err
		}
		if other != nil {
			if !store.SameArticle(rec, other) {
				return fmt.Errorf("%s is archived with other content: %w", aliasURL, store.ErrConflict)
			}
			return merge(ctx, tx, rec, other)
		}
		if rec.Aliases, err = addAliases(ctx, tx, canon, rec.Aliases, []string{aliasURL}); err != nil {
			return err
		}
		return writeRecord(ctx, tx, rec)
	})
	if err != nil {
		return fmt.Errorf("add alias %s of %s: %w", aliasURL, canonicalURL, err)
	}
	return nil
}

// merge folds the record other into rec: other's URL and aliases become
// rec's aliases, its view history and versions rec's.
func merge(ctx context.Context, tx pgx.Tx, rec, other *article.Article) error {
	if err := unlist(ctx, tx, other.URL, rec.URL); err != nil {
		return err
	}
	rec.ViewHistory = store.MergeViews(rec.ViewHistory, other.ViewHistory)
	store.SetViewsFromHistory(rec)
	var err error
	if rec.Aliases, err = addAliases(ctx, tx, rec.URL, rec.Aliases, append([]string{other.URL}, other.Aliases...)); err != nil {
		return err
	}
	return writeRecord(ctx, tx, rec)
}

// unlist takes the record other out for the record to to fold it in:
// its removal is noted as a change, its aliases are registered to nobody
// (the caller adds them, and other, to the record to), and its versions
// become to's.
func unlist(ctx context.Context, tx pgx.Tx, other, to string) error {
	if err := removeRecord(ctx, tx, other); err != nil {
		return err
	}
	if _, err := tx.Exec(ctx, `DELETE FROM aliases WHERE canonical = $1`, other); err != nil {
		return err
	}
	// Versions move, but for one at an instant to already has.
	if _, err := tx.Exec(ctx, `INSERT INTO versions (url, fetched_ns, record)
		SELECT $2, fetched_ns, record FROM versions WHERE url = $1 ON CONFLICT DO NOTHING`, other, to); err != nil {
		return err
	}
	_, err := tx.Exec(ctx, `DELETE FROM versions WHERE url = $1`, other)
	return err
}

// ForEach calls fn with every record in URL order (byte order), reading
// them in one query (one snapshot), and stops at fn's first error.
func (r *Records) ForEach(fn func(*article.Article) error) error {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	rows, err := r.pool.Query(ctx, `SELECT url, record FROM articles ORDER BY url`)
	if err != nil {
		return fmt.Errorf("read articles: %w", err)
	}
	return eachRecord(rows, fn)
}

// eachRecord decodes the (url, record) rows and calls fn with each, up to
// fn's first error; it closes rows.
func eachRecord(rows pgx.Rows, fn func(*article.Article) error) error {
	defer rows.Close()
	for rows.Next() {
		var (
			url string
			v   []byte
		)
		if err := rows.Scan(&url, &v); err != nil {
			return fmt.Errorf("read articles: %w", err)
		}
		a, err := store.Decode(v)
		if err != nil {
			return fmt.Errorf("read article %s: %w", url, err)
		}
		if err := fn(a); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("read articles: %w", err)
	}
	return nil
}

// Len counts the records.
func (r *Records) Len() (int, error) {
	var n int
	if err := r.pool.QueryRow(context.Background(), `SELECT count(*) FROM articles`).Scan(&n); err != nil {
		return 0, fmt.Errorf("count articles in %s: %w", r.server, err)
	}
	return n, nil
}

// FetchedSince calls fn with every record fetched at or after since, in
// URL order: what a worker settles after its run (its index, say). The
// fetched_at column keeps microseconds, the record the fetch time whole:
// the rows are those from since's microsecond on (the index on fetched_at
// finds them), and the record's own time decides.
func (r *Records) FetchedSince(since time.Time, fn func(*article.Article) error) error {
	rows, err := r.pool.Query(context.Background(), `SELECT url, record FROM articles WHERE fetched_at >= $1 ORDER BY url`, since.Truncate(time.Microsecond))
	if err != nil {
		return fmt.Errorf("read articles: %w", err)
	}
	return eachRecord(rows, func(a *article.Article) error {
		if a.FetchedAt.Before(since) {
			return nil
		}
		return fn(a)
	})
}

// Check verifies the records against each other: every record decodes,
// is stored under its own URL with its title key, has a view history
// sorted by time whose last point is Views, and sorted unique aliases
// that the aliases table registers for it; no alias is a record or names
// a missing one. It returns every problem found, each wrapping
// store.ErrCorrupt.
func (r *Records) Check() error {
	ctx := context.Background()
	var errs []error
	bad := func(format string, a ...any) {
		errs = append(errs, fmt.Errorf(format+": %w", append(a, store.ErrCorrupt)...))
	}
	registered := map[string]string{}
	rows, err := r.pool.Query(ctx, `SELECT alias, canonical FROM aliases`)
	if err != nil {
		return fmt.Errorf("check store %s: %w", r.server, err)
	}
	for rows.Next() {
		var a, c string
		if err := rows.Scan(&a, &c); err != nil {
			return fmt.Errorf("check store %s: %w", r.server, err)
		}
		registered[a] = c
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("check store %s: %w", r.server, err)
	}
	records := map[string]bool{}
	listed := 0
	rows, err = r.pool.Query(ctx, `SELECT url, title_key, record, body_hash, body_runes, body_day FROM articles`)
	if err != nil {
		return fmt.Errorf("check store %s: %w", r.server, err)
	}
	for rows.Next() {
		var (
			url              string
			tk, v            []byte
			decErr           error
			hash, runes, day *int64
		)
		if err := rows.Scan(&url, &tk, &v, &hash, &runes, &day); err != nil {
			return fmt.Errorf("check store %s: %w", r.server, err)
		}
		records[url] = true
		a, decErr := store.Decode(v)
		if decErr != nil {
			errs = append(errs, fmt.Errorf("record %s: %w", url, decErr))
			continue
		}
		if a.URL != url {
			bad("record %s holds URL %s", url, a.URL)
		}
		if !bytes.Equal(tk, store.TitleKey(a)) {
			bad("record %s: not listed under its title", url)
		}
		if h, n, d := store.BodyPrint(a); hash != nil && (*hash != int64(h) || runes == nil || *runes != int64(n) || day == nil || *day != int64(d)) {
			bad("record %s: its body print is not its body's", url)
		}
		if !slices.IsSorted(a.Aliases) || len(slices.Compact(slices.Clone(a.Aliases))) != len(a.Aliases) {
			bad("record %s: aliases not sorted and unique", url)
		}
		for _, u := range a.Aliases {
			listed++
			if c := registered[u]; c != url {
				bad("record %s: alias %s is registered for %q", url, u, c)
			}
		}
		h := a.ViewHistory
		if !slices.IsSortedFunc(h, func(x, y article.ViewCount) int { return x.At.Compare(y.At) }) {
			bad("record %s: view history not sorted", url)
		}
		if n := len(h); n > 0 && (a.Views == nil || *a.Views != h[n-1].Views) {
			bad("record %s: views differ from the latest view count", url)
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("check store %s: %w", r.server, err)
	}
	for a, c := range registered {
		if records[a] {
			bad("alias %s is a record of its own", a)
		}
		if !records[c] {
			bad("alias %s of %s: no such record", a, c)
		}
	}
	if len(registered) != listed {
		bad("%d aliases registered, %d named by records", len(registered), listed)
	}
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("check store %s: %w", r.server, err)
	}
	return nil
}

// MarkRemoved records that a revisit found the article url names gone
// from its site; see store.Store.MarkRemoved. A mark is a write of the
// record: a numbered change, so readers' indexes follow it.
func (r *Records) MarkRemoved(url string, m article.Removal) (bool, error) {
	changed, err := r.mark(url, false, func(rec *article.Article) bool { return store.MarkRemoval(rec, m) }, writeRecord)
	if err != nil {
		return false, fmt.Errorf("mark %s removed at the source: %w", url, err)
	}
	return changed, nil
}

// mark applies change, which reports whether it changed the record, to
// the record url names, locked, and stores it with write when it did: the
// record stored under url, or, with viaAlias, the one url is an alias of
// (else an alias changes nothing; see store.Store.MarkRemoved). It fails
// with store.ErrNotFound when url names no record.
func (r *Records) mark(url string, viaAlias bool, change func(*article.Article) bool, write func(context.Context, pgx.Tx, *article.Article) error) (bool, error) {
	ctx := context.Background()
	changed := false
	err := inTx(ctx, r.pool, func(tx pgx.Tx) error {
		changed = false
		canon, err := lockRecord(ctx, tx, url, map[string]bool{})
		if err != nil {
			return err
		}
		if canon == "" {
			return fmt.Errorf("%s: %w", url, store.ErrNotFound)
		}
		if canon != url && !viaAlias {
			return nil
		}
		rec, err := loadTx(ctx, tx, canon)
		if err != nil {
			return err
		}
		if rec == nil {
			return fmt.Errorf("%s: %w", canon, store.ErrNotFound)
		}
		if changed = change(rec); !changed {
			return nil
		}
		return write(ctx, tx, rec)
	})
	return changed, err
}

// MarkChecked records that the crawl found the article url names still
// served as archived; see store.Store.MarkChecked. A check is no change
// of the article: the record and its brief are written without a number
// of the change sequence, so readers' indexes do not take it again.
func (r *Records) MarkChecked(url string, at time.Time) (bool, error) {
	changed, err := r.mark(url, true, func(rec *article.Article) bool { return store.MarkCheck(rec, at) }, writeChecked)
	if err != nil {
		return false, fmt.Errorf("mark %s checked: %w", url, err)
	}
	return changed, nil
}

// writeChecked stores rec and its brief after a check, without a number
// of the change sequence (see MarkChecked).
func writeChecked(ctx context.Context, tx pgx.Tx, rec *article.Article) error {
	val, brief, err := encodeRecord(rec)
	if err != nil {
		return err
	}
	_, err = tx.Exec(ctx, `UPDATE articles SET record = $2, brief = $3 WHERE url = $1`, rec.URL, val, string(brief))
	return err
}

// Unchecked returns the URLs of the records q asks for, asked longest ago
// first; see store.Store.Unchecked. It reads the briefs of q's host alone:
// its URLs are a range of the primary key.
func (r *Records) Unchecked(q store.SweepQuery) ([]string, error) {
	if q.Limit <= 0 {
		return nil, nil
	}
	p := q.Prefixes()
	// The end of a prefix's range: its last byte, '/', moved on by one.
	end := func(s string) string { return s[:len(s)-1] + "0" }
	rows, err := r.pool.Query(context.Background(), `SELECT url, brief FROM articles
		WHERE (url >= $1 AND url < $2) OR (url >= $3 AND url < $4)`, p[0], end(p[0]), p[1], end(p[1]))
	if err != nil {
		return nil, fmt.Errorf("articles of %s to check: %w", q.Host, err)
	}
	defer rows.Close()
	pick := store.NewSweepPick(q.Limit)
	for rows.Next() {
		var url, brief string
		if err := rows.Scan(&url, &brief); err != nil {
			return nil, fmt.Errorf("articles of %s to check: %w", q.Host, err)
		}
		var b store.Brief
		if err := json.Unmarshal([]byte(brief), &b); err != nil {
			return nil, fmt.Errorf("articles of %s to check: the brief of %s: %w: %w", q.Host, url, err, store.ErrCorrupt)
		}
		if q.Due(b) {
			pick.Offer(store.SweepCandidate{URL: url, Asked: b.Asked()})
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("articles of %s to check: %w", q.Host, err)
	}
	return pick.URLs(), nil
}
