package sitesim

import (
	"net/http/httptest"
	"testing"
)

func BenchmarkTruth(b *testing.B) {
	sim := New(Options{Calm: true, Seed: 5, Articles: 200000})
	s := sim.sites[0]
	for i := 0; b.Loop(); i++ {
		sim.truth(s.at(i % s.n0))
	}
}

func BenchmarkArticlePage(b *testing.B) {
	sim := New(Options{Calm: true, Seed: 5, Articles: 200000})
	var urls []string
	sim.ForEachArticle(func(t Truth) bool {
		urls = append(urls, t.URL)
		return len(urls) < 500
	})
	for i := 0; b.Loop(); i++ {
		w := httptest.NewRecorder()
		sim.ServeHTTP(w, httptest.NewRequest("GET", urls[i%len(urls)], nil))
	}
}
