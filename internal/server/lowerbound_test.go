package server_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/wenming-archive/wenming/index"
	"github.com/wenming-archive/wenming/internal/server"
)

// countedSearcher answers every search with total matches, flagged as a
// lower bound or not, and no hits.
type countedSearcher struct {
	total      uint64
	lowerBound bool
}

func (s countedSearcher) Search(context.Context, index.Query) (*index.Results, error) {
	return &index.Results{Total: s.total, TotalIsLowerBound: s.lowerBound}, nil
}

func (countedSearcher) Stats(context.Context) (*index.Stats, error) { return &index.Stats{}, nil }

// TestTotalLowerBound: a total the index counted only up to its cap says
// so on the search page ("超过 10000") and in the API
// (total_is_lower_bound); an exact total says neither.
func TestTotalLowerBound(t *testing.T) {
	for _, tt := range []struct {
		s         countedSearcher
		page      string
		flagInAPI bool
	}{
		{countedSearcher{index.CountCap, true}, "<strong>超过 10000</strong> 篇文章", true},
		{countedSearcher{index.CountCap, false}, "<strong>10000</strong> 篇文章", false},
		{countedSearcher{42, false}, "<strong>42</strong> 篇文章", false},
	} {
		srv := httptest.NewServer(server.New(tt.s, panickyArticles{}, server.Options{}))
		q := url.QueryEscape("精神文明")
		page := ok200(t, srv, "/search?q="+q)
		if !strings.Contains(page, tt.page) {
			t.Errorf("%+v: the search page does not say %q", tt.s, tt.page)
		}
		var api map[string]any
		if err := json.Unmarshal([]byte(ok200(t, srv, "/api/search?q="+q)), &api); err != nil {
			t.Fatal(err)
		}
		if api["total"] != float64(tt.s.total) {
			t.Errorf("%+v: API total %v", tt.s, api["total"])
		}
		if flag, _ := api["total_is_lower_bound"].(bool); flag != tt.flagInAPI {
			t.Errorf("%+v: API total_is_lower_bound %v, want %v", tt.s, api["total_is_lower_bound"], tt.flagInAPI)
		}
		srv.Close()
	}
}

// ok200 returns the body of path on srv, failing the test unless it is
// 200.
func ok200(t *testing.T, srv *httptest.Server, path string) string {
	t.Helper()
	code, _, body := get(t, srv, path)
	if code != http.StatusOK {
		t.Fatalf("%s: %d %s", path, code, body)
	}
	return body
}
