package store

import (
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/wenming-archive/wenming/internal/article"
)

// A revisit that finds an article gone from its site marks its record
// (MarkRemoved); a later fetch that finds its text again, stored by Put,
// ends the mark, which is kept in PastRemovals. The record's content,
// versions and capture are never touched by either: the answer that said
// the article was gone is the WARC's, the mark points at it.

// MarkRemoval is the rule of both record stores for marking rec, the
// record the URL a revisit found gone names, with r: the first mark keeps
// r (its LastPresent the record's fetch time when r has none); a later
// one moves Seen on and keeps the first's Since and evidence. A record
// fetched at or after r.Since (the article found there since, by another
// worker) is not marked. It reports whether rec changed.
func MarkRemoval(rec *article.Article, r article.Removal) bool {
	if !rec.FetchedAt.Before(r.Since) {
		return false
	}
	if r.Seen.IsZero() || r.Seen.Before(r.Since) {
		r.Seen = r.Since
	}
	if old := rec.Removed; old != nil {
		if !r.Seen.After(old.Seen) {
			return false
		}
		m := *old
		m.Seen = r.Seen
		rec.Removed = &m
		return true
	}
	if r.LastPresent.IsZero() || r.LastPresent.After(r.Since) {
		r.LastPresent = rec.FetchedAt
	}
	r.Returned = time.Time{}
	rec.Removed = &r
	return true
}

// KeepRemoval is the rule of both record stores for the removal marks of
// rec, the record Put makes of an observation, when old was stored: an
// observation without a mark fetched after the removal was first seen is
// the article served again, which ends the mark (kept in PastRemovals
// with the fetch as its Returned); an older observation (a record put
// back as it was read) leaves the mark. Past removals are never lost.
func KeepRemoval(rec, old *article.Article) {
	if old == nil {
		return
	}
	if len(rec.PastRemovals) < len(old.PastRemovals) {
		rec.PastRemovals = old.PastRemovals
	}
	if rec.Removed != nil || old.Removed == nil {
		return
	}
	if !rec.FetchedAt.After(old.Removed.Since) {
		rec.Removed = old.Removed
		return
	}
	past := *old.Removed
	past.Returned = rec.FetchedAt
	rec.PastRemovals = append(append([]article.Removal(nil), rec.PastRemovals...), past)
}

// MarkRemoved records that a revisit found the article whose record is
// stored under url gone from its site: see MarkRemoval. An alias of a
// record marks nothing (it reports false): that one address gone — a
// mobile mirror closed, a dynamic address turned off — is not the article
// gone. It reports whether the record changed, and fails with ErrNotFound
// when url names no record. The record's content, fetch time and
// versions stay.
func (s *Store) MarkRemoved(url string, r article.Removal) (bool, error) {
	changed, err := s.mark(url, false, func(rec *article.Article) bool { return MarkRemoval(rec, r) })
	if err != nil {
		return false, fmt.Errorf("mark %s removed at the source: %w", url, err)
	}
	return changed, nil
}

// mark applies change, which reports whether it changed the record, to
// the record url names and stores it (with its brief) when it did: the
// record stored under url, or, with viaAlias, the one url is an alias
// of (else an alias changes nothing). It fails with ErrNotFound when url
// names no record. Marks made at the same time share a transaction and
// its fsync with each other and with Puts (see batch): a removal sweep
// checks tens of articles a site, from every worker at once.
func (s *Store) mark(url string, viaAlias bool, change func(*article.Article) bool) (bool, error) {
	changed := false
	var w writes // of every run of the function below
	err := s.batch(func(tx *bolt.Tx) error {
		// batch may run this function twice: each run starts unchanged.
		changed = false
		canon := resolve(tx, url)
		if canon == "" {
			return fmt.Errorf("%s: %w", url, ErrNotFound)
		}
		if canon != url && !viaAlias {
			return nil
		}
		rec, err := load(tx, canon)
		if err != nil {
			return err
		}
		if changed = change(rec); !changed {
			return nil
		}
		if err := putBrief(tx, &w, rec); err != nil {
			return err
		}
		return writeRecord(tx, rec)
	})
	s.cache.forget(w.taken())
	return changed, err
}
