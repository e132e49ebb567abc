package index_test

import (
	"fmt"
	"path/filepath"
	"testing"

	"github.com/wenming-archive/wenming/index"
	"github.com/wenming-archive/wenming/internal/archive"
	"github.com/wenming-archive/wenming/internal/article"
	"github.com/wenming-archive/wenming/internal/server"
	"github.com/wenming-archive/wenming/internal/server/searchtest"
	"github.com/wenming-archive/wenming/internal/store"
)

// The server's search suite runs on both layouts of the index: one bleve
// index, and one shard per year behind an alias.
func TestSearchSuite(t *testing.T) {
	for _, layout := range []string{"", "year"} {
		t.Run("shards="+layout, func(t *testing.T) {
			searchtest.Run(t, func(t *testing.T, arts []*article.Article) server.Searcher {
				path := filepath.Join(t.TempDir(), "index.bleve")
				var ix *index.Index
				var err error
				if layout == "" {
					ix, err = index.Open(path)
				} else {
					ix, err = index.OpenSharded(path, layout)
				}
				if err != nil {
					t.Fatal(err)
				}
				t.Cleanup(func() { ix.Close() })
				w := ix.NewWriter()
				for _, a := range arts {
					if err := w.Add(archive.Document(a)); err != nil {
						t.Fatal(err)
					}
				}
				if err := w.Flush(); err != nil {
					t.Fatal(err)
				}
				ix.SetBodies(archive.Bodies(articleMap(arts)))
				return ix
			})
		})
	}
}

// articleMap is articles by URL, read as records are (archive.ArticleGetter).
type articleMap []*article.Article

func (m articleMap) Get(url string) (*article.Article, error) {
	for _, a := range m {
		if a.URL == url {
			return a, nil
		}
	}
	return nil, fmt.Errorf("get article %s: %w", url, store.ErrNotFound)
}
