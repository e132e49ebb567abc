package article_test

import (
	"testing"

	"github.com/wenming-archive/wenming/internal/article"
)

func TestPlaces(t *testing.T) {
	nat := article.Site{Name: "中国文明网", Level: article.National}
	hb := article.Site{Name: "河北文明网", Level: article.Province}
	xt := article.Site{Name: "邢台文明网", Level: article.City}
	ng := article.Site{Name: "南宫文明网", Level: article.County}
	for _, tt := range []struct {
		name                   string
		a                      article.Article
		province, city, county string
	}{
		{"county article", article.Article{Level: article.County, SiteName: "南宫文明网", Lineage: []article.Site{nat, hb, xt, ng}}, "河北文明网", "邢台文明网", "南宫文明网"},
		{"lineage stops above the site", article.Article{Level: article.City, SiteName: "邢台文明网", Lineage: []article.Site{nat, hb}}, "河北文明网", "邢台文明网", ""},
		{"national", article.Article{Level: article.National, SiteName: "中国文明网", Lineage: []article.Site{nat}}, "", "", ""},
	} {
		p, c, k := tt.a.Places()
		if p != tt.province || c != tt.city || k != tt.county {
			t.Errorf("%s: Places() = %q, %q, %q, want %q, %q, %q", tt.name, p, c, k, tt.province, tt.city, tt.county)
		}
	}
}
