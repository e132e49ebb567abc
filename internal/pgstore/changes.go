package pgstore

import (
	"context"
	"fmt"

	"github.com/wenming-archive/wenming/internal/article"
	"github.com/wenming-archive/wenming/internal/store"
)

// A reader that keeps its own search index of the records (search,
// serve, reindex on any machine) follows them by their change sequence:
// every write of a record gives it the next number of the sequence, and
// the removal of a record (merged into another as an alias) is noted
// with one. Numbers are taken under a lock held until the write commits
// (see nextChange), so a reader that has seen every change up to n never
// misses one numbered below n later: it asks for the changes after n.

// ArchiveID is a random identity the database got when its schema was
// made: an index made from one archive's records is not taken for
// another's.
func (r *Records) ArchiveID(ctx context.Context) (string, error) {
	var id string
	if err := r.pool.QueryRow(ctx, `SELECT archive_id FROM wenming_schema`).Scan(&id); err != nil {
		return "", fmt.Errorf("archive identity in %s: %w", r.server, err)
	}
	return id, nil
}

// LastChange returns the number of the latest change committed, 0 when
// there is none.
func (r *Records) LastChange(ctx context.Context) (int64, error) {
	var n int64
	err := r.pool.QueryRow(ctx, `SELECT greatest(
		coalesce((SELECT max(change_seq) FROM articles), 0),
		coalesce((SELECT max(change_seq) FROM article_removals), 0))`).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("latest change in %s: %w", r.server, err)
	}
	return n, nil
}

// Changes calls fn, in the order of their numbers, with every change
// numbered after since that is still the latest of its URL: a record
// written (a, its current content) or removed (a nil). It reads them in
// one query (one snapshot) and stops at fn's first error.
func (r *Records) Changes(ctx context.Context, since int64, fn func(seq int64, url string, a *article.Article) error) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	rows, err := r.pool.Query(ctx, `SELECT change_seq, url, record FROM articles WHERE change_seq > $1
		UNION ALL SELECT change_seq, url, NULL FROM article_removals WHERE change_seq > $1
		ORDER BY 1`, since)
	if err != nil {
		return fmt.Errorf("read changes in %s: %w", r.server, err)
	}
	defer rows.Close()
	for rows.Next() {
		var (
			seq int64
			url string
			v   []byte
		)
		if err := rows.Scan(&seq, &url, &v); err != nil {
			return fmt.Errorf("read changes in %s: %w", r.server, err)
		}
		var a *article.Article
		if v != nil {
			if a, err = store.Decode(v); err != nil {
				return fmt.Errorf("read article %s: %w", url, err)
			}
		}
		if err := fn(seq, url, a); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("read changes in %s: %w", r.server, err)
	}
	return nil
}
