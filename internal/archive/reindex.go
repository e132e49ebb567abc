package archive

import (
	"errors"
	"fmt"
	"time"

	"github.com/wenming-archive/wenming/index"
	"github.com/wenming-archive/wenming/internal/article"
	"github.com/wenming-archive/wenming/internal/store"
)

// Reindex puts the archived articles that keep selects into the index at
// path (all of them when keep is nil), in batches.
func Reindex(st Records, path string, keep func(*article.Article) bool, progress func(done, total int)) (int, error) {
	ix, err := index.Open(path)
	if err != nil {
		return 0, err
	}
	return fillAndClose(ix, func(ix *index.Index) (int, error) {
		return ReindexInto(st, ix, keep, progress)
	})
}

// fillAndClose runs fill on ix, an index just opened, and closes it: how
// many articles fill indexed, and its error or else that of closing.
func fillAndClose(ix *index.Index, fill func(*index.Index) (int, error)) (int, error) {
	n, err := fill(ix)
	if cerr := ix.Close(); err == nil && cerr != nil {
		err = fmt.Errorf("index articles: %w", cerr)
	}
	return n, err
}

// ReindexInto is Reindex into an index the caller keeps open.
// The records are counted first only for progress (nil: not counted).
// Into an index that holds documents already, a record indexed takes
// the place of the documents of its aliases: an alias is never a record,
// and a record that took over another's (store.Moved) leaves the other's
// document behind.
func ReindexInto(st Records, ix *index.Index, keep func(*article.Article) bool, progress func(done, total int)) (int, error) {
	var total int
	if progress != nil {
		var err error
		if total, err = st.Len(); err != nil {
			return 0, err
		}
	}
	return indexEach(st.ForEach, ix, keep, func(seen int) {
		if progress != nil {
			progress(seen, total)
		}
	})
}

// IndexFetchedSince indexes the records fetched at or after since into an
// index the caller keeps open, as ReindexInto does, reading those records
// alone (Records.FetchedSince): what a run archived, not the archive. see
// (nil: none) is shown every record read, before it is indexed; progress
// is told how many were read so far, with no total (0).
func IndexFetchedSince(st Records, ix *index.Index, since time.Time, see func(*article.Article), progress func(done, total int)) (int, error) {
	return indexEach(func(fn func(*article.Article) error) error { return st.FetchedSince(since, fn) }, ix,
		func(a *article.Article) bool {
			if see != nil {
				see(a)
			}
			return true
		},
		func(seen int) {
			if progress != nil {
				progress(seen, 0)
			}
		})
}

// IndexRecords indexes the records urls name into an index the caller
// keeps open, as ReindexInto does: the records a run marked removed at
// the source (store.Store.MarkRemoved), whose fetch time did not move.
// A URL that names no record any more is passed over.
func IndexRecords(st Records, ix *index.Index, urls []string) (int, error) {
	return indexEach(func(fn func(*article.Article) error) error {
		for _, u := range urls {
			a, err := st.Get(u)
			if errors.Is(err, store.ErrNotFound) {
				continue
			}
			if err != nil {
				return err
			}
			if err := fn(a); err != nil {
				return err
			}
		}
		return nil
	}, ix, nil, func(int) {})
}

// indexEach indexes the records each walks that keep selects (all when
// nil), calling walked with the records walked so far every
// progressEvery records and at the end. See ReindexInto for aliases.
func indexEach(each func(func(*article.Article) error) error, ix *index.Index, keep func(*article.Article) bool, walked func(seen int)) (int, error) {
	docs, err := ix.Count()
	if err != nil {
		return 0, err
	}
	dropAliases := docs > 0
	// The writer batches by count and by bytes of text, and keeps no
	// article: one decoded record at a time is held here, however large.
	w := ix.NewWriter()
	const progressEvery = 500
	seen := 0
	err = each(func(a *article.Article) error {
		seen++
		if keep == nil || keep(a) {
			if err := w.Add(Document(a)); err != nil {
				return err
			}
			if dropAliases {
				for _, u := range a.Aliases {
					if err := w.Delete(u); err != nil {
						return err
					}
				}
			}
		}
		if seen%progressEvery == 0 {
			walked(seen)
		}
		return nil
	})
	if err == nil {
		err = w.Flush()
	}
	walked(seen)
	if err != nil {
		return w.Written(), fmt.Errorf("index articles: %w", err)
	}
	return w.Written(), nil
}

// Document is an article as the search index holds it.
func Document(a *article.Article) index.Document {
	d := index.Document{
		ID:        a.URL,
		URL:       a.URL,
		Title:     a.Title,
		Body:      a.Body,
		Site:      a.Site,
		SiteName:  a.SiteName,
		Level:     string(a.Level),
		Column:    a.Column,
		Source:    a.Source,
		Author:    a.Author,
		Lineage:   make([]string, 0, 2*len(a.Lineage)),
		Published: a.Published,
		Views:     a.Views,
		Fetched:   a.FetchedAt,
	}
	for _, s := range a.Lineage {
		d.Lineage = append(d.Lineage, s.Name, s.Host)
	}
	d.Province, d.City, d.County = a.Places()
	if a.Removed != nil {
		d.Removed = a.Removed.Since
	}
	return d
}
