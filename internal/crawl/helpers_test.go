package crawl

import (
	"sort"
	"strings"
	"testing"

	"github.com/wenming-archive/wenming/internal/article"
)

// staticSink keeps one record per article, judged by its body as
// aliasSink does, under the URL the store prefers: a static address (no
// query) before a dynamic one, whichever came first (store.Preferred).
// Its urlSink holds the records under their URLs. takeOver is what it
// answers when a static URL takes a dynamic one's record.
type staticSink struct {
	urlSink
	byBody   map[string]string
	takeOver Outcome
}

func (s *staticSink) store(a *article.Article) (Stored, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.byBody == nil {
		s.byBody, s.urls = map[string]string{}, map[string]*article.Article{}
	}
	first, ok := s.byBody[a.Body]
	switch {
	case !ok:
	case first == a.URL:
		s.urls[a.URL] = a
		return Stored{Outcome: Unchanged}, nil
	case strings.Contains(first, "?") && !strings.Contains(a.URL, "?"):
		delete(s.urls, first)
		s.byBody[a.Body], s.urls[a.URL] = a.URL, a
		return Stored{Outcome: s.takeOver}, nil
	default:
		return Stored{Outcome: Aliased, Record: first}, nil
	}
	s.byBody[a.Body], s.urls[a.URL] = a.URL, a
	return Stored{Outcome: Added}, nil
}

// wantOnly checks that the sink holds records at urls alone, naming with
// its title each other page the crawl took for an article (a list, search
// or error page).
func (s *urlSink) wantOnly(t *testing.T, urls []string) {
	t.Helper()
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.urls) == len(urls) {
		return
	}
	want := map[string]bool{}
	for _, u := range urls {
		want[u] = true
	}
	var extra []string
	for u, a := range s.urls {
		if !want[u] {
			extra = append(extra, u+" "+a.Title)
		}
	}
	sort.Strings(extra)
	t.Errorf("%d articles, want %d; not articles: %v", len(s.urls), len(urls), extra)
}
