package index_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/wenming-archive/wenming/index"
)

// TestTraditionalFindsSimplified: a query in either script finds both, and
// the snippet and the title mark the document's own characters, whatever
// the script of the query.
func TestTraditionalFindsSimplified(t *testing.T) {
	ix := openTemp(t)
	err := putWithBodies(ix,
		index.Document{ID: "trad", Title: "中國文明網：志願服務在行動", Body: "據中國文明網報道，各地志願服務活動持續開展。" + strings.Repeat("其他內容。", 30) + "文明網再次報道。"},
		index.Document{ID: "simp", Title: "中国文明网：志愿服务在行动", Body: "据中国文明网报道，各地志愿服务活动持续开展。" + strings.Repeat("其他内容。", 30) + "文明网再次报道。"},
		index.Document{ID: "other", Title: "河北新闻", Body: "文明城市创建，網站與网站。"},
	)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		query string
		want  []string
		marks map[string][2]string // of each hit: in its snippet, in its title ("" for none)
	}{
		{"文明網", []string{"simp", "trad"}, map[string][2]string{
			"trad": {"據中國<mark>文明網</mark>報道", "中國<mark>文明網</mark>：志願"}, "simp": {"据中国<mark>文明网</mark>报道", "中国<mark>文明网</mark>：志愿"}}},
		{"文明网", []string{"simp", "trad"}, map[string][2]string{
			"trad": {"據中國<mark>文明網</mark>報道", "中國<mark>文明網</mark>：志願"}, "simp": {"据中国<mark>文明网</mark>报道", "中国<mark>文明网</mark>：志愿"}}},
		{"志願服務活動", []string{"simp", "trad"}, map[string][2]string{
			"trad": {"各地<mark>志願服務活動</mark>持續", ""}, "simp": {"各地<mark>志愿服务活动</mark>持续", ""}}},
		{"持续開展", []string{"simp", "trad"}, map[string][2]string{
			"trad": {"<mark>持續開展</mark>", ""}, "simp": {"<mark>持续开展</mark>", ""}}},
		{"网站", []string{"other"}, map[string][2]string{"other": {"<mark>網站</mark>與<mark>网站</mark>", ""}}},
		{"國務院", nil, nil},
	} {
		res := search(t, ix, index.Query{Text: tc.query})
		got := ids(res)
		slices.Sort(got)
		if !slices.Equal(got, tc.want) {
			t.Errorf("%s: hits %v, want %v", tc.query, got, tc.want)
		}
		for _, h := range res.Hits {
			m := tc.marks[h.ID]
			if !strings.Contains(h.Snippet, m[0]) {
				t.Errorf("%s: snippet of %s lacks %s: %s", tc.query, h.ID, m[0], h.Snippet)
			}
			if m[1] != "" && !strings.Contains(h.TitleHTML, m[1]) {
				t.Errorf("%s: title of %s lacks %s: %s", tc.query, h.ID, m[1], h.TitleHTML)
			}
			if m[1] == "" && strings.Contains(h.TitleHTML, "<mark>") {
				t.Errorf("%s: title of %s marked: %s", tc.query, h.ID, h.TitleHTML)
			}
		}
	}
	// The stored text is the document's own, and the highlight too.
	for _, h := range search(t, ix, index.Query{Text: "據中國"}).Hits {
		if want := map[string]string{"trad": "中國文明網：志願服務在行動", "simp": "中国文明网：志愿服务在行动"}[h.ID]; h.Title != want {
			t.Errorf("title of %s: %s, want %s", h.ID, h.Title, want)
		}
	}
	if h := index.Highlight("中國文明網", []string{"中国文明网"}); h != "<mark>中國文明網</mark>" {
		t.Errorf("Highlight: %s", h)
	}
}
