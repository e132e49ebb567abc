package extract

import (
	"strconv"
	"strings"
	"testing"
)

// TestScriptFilledZeroViews runs a county article of our own making whose
// view count is an element a script fills by class, asking the server
// with the element's data-id (浏览次数：<span class="hits"
// data-id="5127">0</span>): no counter URL stands in the page for the
// crawler to ask, and its 0 was read as the count. The count is unknown,
// not 0. A 0 the page prints as its count stays 0.
func TestScriptFilledZeroViews(t *testing.T) {
	r := extractClassPage(t, "views_placeholder_data_id.html", "http://www.hdwmw.example.cn/zyfw/2024/0912/5127.html")
	if !r.IsArticle || r.Title != "河东街道开展“敬老助老”志愿服务活动" {
		t.Fatalf("not the article: %v %q", r.IsArticle, r.Title)
	}
	if r.Views != nil {
		t.Errorf("views %d from the element a script fills; want unknown (nil)", *r.Views)
	}
	page, _, err := Decode(readFixture(t, "classes/views_placeholder_data_id.html"), "")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ name, from, to, want string }{
		{"printed zero", `<span class="hits" data-id="5127">0</span>`, `0`, "0"},
		{"zero in a plain element", `<span class="hits" data-id="5127">0</span>`, `<span class="hits">0</span>`, "0"},
		{"printed count with a data attribute", `<span class="hits" data-id="5127">0</span>`, `<span class="hits" data-id="5127">128</span>`, "128"},
	} {
		r, err := Extract([]byte(strings.Replace(string(page), tc.from, tc.to, 1)), mustURL(t, "http://www.hdwmw.example.cn/zyfw/2024/0912/5127.html"))
		if err != nil {
			t.Fatal(err)
		}
		if got := viewsText(r); got != tc.want {
			t.Errorf("%s: views %s, want %s", tc.name, got, tc.want)
		}
	}
}

func viewsText(r *Result) string {
	if r.Views == nil {
		return "nil"
	}
	return strconv.FormatInt(*r.Views, 10)
}
