package server_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/wenming-archive/wenming/internal/article"
	"github.com/wenming-archive/wenming/internal/server"
)

// TestWideSiteFacets: over an archive of the whole network a search
// matches articles of thousands of county sites, and the county facet
// lists the first ten of them; the search page and /api/search count the
// matches of the others ("其他", facets_other) instead of leaving them
// out unsaid.
func TestWideSiteFacets(t *testing.T) {
	if testing.Short() {
		t.Skip("indexes 2,000 articles of 2,000 county sites")
	}
	var arts []*article.Article
	for i := range 2000 {
		county := article.Site{Host: fmt.Sprintf("www.c%dwm.gov.cn", i), Name: fmt.Sprintf("县%d文明网", i), Level: article.County}
		arts = append(arts, &article.Article{
			URL: fmt.Sprintf("http://%s/zyfw/%d.html", county.Host, i), Site: county.Host, SiteName: county.Name, Level: article.County,
			Lineage: []article.Site{national, hebei, xingtai, county}, Column: "志愿服务", Title: "志愿服务活动", Body: "志愿者走进社区。",
			Published: time.Date(2024, 3, 1+i%28, 9, 0, 0, 0, article.China), PublishedPrecision: article.PrecisionMinute,
			FetchedAt: time.Date(2024, 6, 1, 12, 0, 0, 0, article.China),
		})
	}
	srv := newTestServer(t, arts)

	code, _, page := get(t, srv, "/search?q=%E5%BF%97%E6%84%BF")
	if code != 200 {
		t.Fatalf("search page: %d", code)
	}
	if !strings.Contains(page, `<li class="other">其他 <span class="count">1990</span></li>`) {
		t.Errorf("the search page's county facet does not count the 1990 matches of the other counties:\n%.4000s", page[strings.Index(page, `<aside`):])
	}
	code, _, body := get(t, srv, "/api/search?q=%E5%BF%97%E6%84%BF")
	var res server.SearchResponse
	if err := json.Unmarshal([]byte(body), &res); code != 200 || err != nil {
		t.Fatalf("/api/search: %d, %v", code, err)
	}
	if len(res.Facets["county"]) != 10 || res.FacetsOther["county"] != 1990 || res.FacetsOther["level"] != 0 {
		t.Errorf("/api/search: %d county values, facets_other %v; want 10 values and 1990 others for county alone", len(res.Facets["county"]), res.FacetsOther)
	}
}
