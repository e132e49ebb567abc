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
// out unsaid. 200 counties stand for the thousands: the facet's counts
// take no other path past its ten values (index's facetCounter counts
// every value), and the archive of 2,000 cost 7.6 s of CPU and a fsync
// an article (53 s on a loaded machine).
func TestWideSiteFacets(t *testing.T) {
	if testing.Short() {
		t.Skip("indexes 200 articles of 200 county sites")
	}
	const counties = 200
	var arts []*article.Article
	for i := range counties {
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
	if !strings.Contains(page, fmt.Sprintf(`<li class="other">其他 <span class="count">%d</span></li>`, counties-10)) {
		t.Errorf("the search page's county facet does not count the %d matches of the other counties:\n%.4000s", counties-10, page[strings.Index(page, `<aside`):])
	}
	code, _, body := get(t, srv, "/api/search?q=%E5%BF%97%E6%84%BF")
	var res server.SearchResponse
	if err := json.Unmarshal([]byte(body), &res); code != 200 || err != nil {
		t.Fatalf("/api/search: %d, %v", code, err)
	}
	if len(res.Facets["county"]) != 10 || res.FacetsOther["county"] != counties-10 || res.FacetsOther["level"] != 0 {
		t.Errorf("/api/search: %d county values, facets_other %v; want 10 values and %d others for county alone", len(res.Facets["county"]), res.FacetsOther, counties-10)
	}
}

// TestYearFacetIsATimeline: a result spread over more years than a facet
// lists values shows every year, newest first, on the search page and in
// /api/search — not the ten years with most matches and the rest as
// "其他", in the order of their counts.
func TestYearFacetIsATimeline(t *testing.T) {
	var arts []*article.Article
	for year := 2010; year < 2024; year++ {
		for i := range 1 + (year*7)%5 { // counts that do not follow the years
			arts = append(arts, &article.Article{
				URL: fmt.Sprintf("http://xt.wenming.cn/zyfw/%d_%d.html", year, i), Site: xingtai.Host, SiteName: xingtai.Name, Level: article.City,
				Lineage: []article.Site{national, hebei, xingtai}, Column: "志愿服务", Title: "志愿服务活动", Body: "志愿者走进社区。",
				Published: time.Date(year, 3, 1+i, 9, 0, 0, 0, article.China), PublishedPrecision: article.PrecisionMinute,
				FetchedAt: time.Date(2024, 6, 1, 12, 0, 0, 0, article.China),
			})
		}
	}
	srv := newTestServer(t, arts)
	code, _, page := get(t, srv, "/search?q=%E5%BF%97%E6%84%BF")
	if code != 200 {
		t.Fatalf("search page: %d", code)
	}
	start := strings.Index(page, "<h3>年份</h3>")
	if start < 0 {
		t.Fatalf("no year facet on the page:\n%s", page)
	}
	facet := page[start:]
	facet = facet[:strings.Index(facet, "</section>")]
	last := len(facet)
	for year := 2010; year < 2024; year++ { // oldest first: each further up
		i := strings.Index(facet, fmt.Sprintf(">%d</a>", year))
		if i < 0 || i > last {
			t.Fatalf("year %d missing or out of order (newest first) in the facet:\n%s", year, facet)
		}
		last = i
	}
	if strings.Contains(facet, "其他") {
		t.Errorf("the year facet leaves years out as 其他:\n%s", facet)
	}
	code, _, body := get(t, srv, "/api/search?q=%E5%BF%97%E6%84%BF")
	var res server.SearchResponse
	if err := json.Unmarshal([]byte(body), &res); code != 200 || err != nil {
		t.Fatalf("/api/search: %d, %v", code, err)
	}
	if len(res.Facets["year"]) != 14 || res.FacetsOther["year"] != 0 {
		t.Errorf("/api/search: %d year values, %d others; want all 14 years", len(res.Facets["year"]), res.FacetsOther["year"])
	}
}
