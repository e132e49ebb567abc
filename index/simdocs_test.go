package index

import (
	"testing"

	"github.com/wenming-archive/wenming/internal/sitesim"
)

// simDocs is the calm simulation's articles (seed, count) as the index's
// documents, the corpus the search tests compare wenming's searchers with
// bleve's on.
func simDocs(seed int64, articles int) []Document {
	sim := sitesim.New(sitesim.Options{Seed: seed, Articles: articles, Calm: true})
	var docs []Document
	sim.ForEachArticle(func(a sitesim.Truth) bool {
		docs = append(docs, Document{ID: a.URL, URL: a.URL, Title: a.Title, Body: a.Body, Site: a.Host,
			SiteName: a.SiteName, Lineage: a.Lineage, Published: a.Published})
		return true
	})
	return docs
}

// openWithDocs opens a new index in a temporary directory holding docs;
// the test's cleanup closes it.
func openWithDocs(t testing.TB, docs []Document) *Index {
	t.Helper()
	ix := openTestIndex(t)
	if err := ix.Put(docs...); err != nil {
		t.Fatal(err)
	}
	return ix
}
