package archive

import (
	"context"
	"errors"
	"fmt"

	"github.com/wenming-archive/wenming/index"
	"github.com/wenming-archive/wenming/internal/article"
	"github.com/wenming-archive/wenming/internal/store"
)

// ArticleGetter reads one record by URL, as Records.Get does.
type ArticleGetter interface {
	Get(url string) (*article.Article, error)
}

// Bodies is where an index of the records g gets the bodies of its hits'
// snippets (see index.Bodies): the index keeps none, the records keep
// every one. A hit whose record is gone or damaged gets no snippet; the
// search still answers.
func Bodies(g ArticleGetter) index.Bodies {
	return func(ctx context.Context, ids []string) (map[string]string, error) {
		rv := make(map[string]string, len(ids))
		for _, id := range ids {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
			a, err := g.Get(id)
			switch {
			case errors.Is(err, store.ErrNotFound) || errors.Is(err, store.ErrCorrupt):
				continue
			case err != nil:
				return nil, fmt.Errorf("body of %s: %w", id, err)
			}
			rv[id] = a.Body
		}
		return rv, nil
	}
}

// withBodies has ix get its snippets' bodies from st (see Bodies), when
// there are records, and returns it.
func withBodies(ix *index.Index, st Records) *index.Index {
	if ix != nil && st != nil {
		ix.SetBodies(Bodies(st))
	}
	return ix
}
