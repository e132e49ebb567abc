package cms

import (
	"net/url"
	"testing"

	"github.com/andybalholm/cascadia"
)

// TestSelectors checks that every CMS's selectors parse and its names are
// distinct: a typo would only show as a field the CMS never finds.
func TestSelectors(t *testing.T) {
	seen := map[string]bool{}
	for _, c := range All {
		if c.Name == "" || seen[c.Name] {
			t.Errorf("CMS name %q empty or repeated", c.Name)
		}
		seen[c.Name] = true
		f := c.Fields
		sels := append([]string{c.Detect.Markup.Selector, f.Title, f.TitleLine, f.Info.Selector, f.Info.Box, f.Info.Views,
			f.Exclude, f.Editor, f.Crumbs, f.Column, f.Message}, f.Body...)
		sels = append(sels, f.BodyText...)
		if c.Paging != nil {
			sels = append(sels, c.Paging.Pager)
		}
		for _, s := range sels {
			if s == "" {
				continue
			}
			if _, err := cascadia.ParseGroup(s); err != nil {
				t.Errorf("%s: selector %q: %v", c.Name, s, err)
			}
		}
		if (c.Detect.Markup.Selector == "") != (len(c.Detect.Markup.Names) == 0) {
			t.Errorf("%s: markup selector and names go together", c.Name)
		}
		if c.Counter != nil && (c.Counter.Find == nil || len(c.Counter.Leads) == 0 || len(c.Counter.Answer) == 0 && c.Counter.Pick == "") {
			t.Errorf("%s: a counter needs leads, Find and answer forms or a Pick", c.Name)
		}
		if p := c.Paging; p != nil && p.Script == nil && (p.Page == nil || p.LinkPage == nil || p.Ref == nil || p.Pager == "") {
			t.Errorf("%s: paging needs Script, or Page, LinkPage, Ref and Pager", c.Name)
		}
	}
}

func TestDiscuzAlias(t *testing.T) {
	for _, tt := range []struct{ path, canon, query string }{
		{"/article-12-1.html", "/portal.php", "mod=view&aid=12"},
		{"/article-12-3.html", "/portal.php", "mod=view&aid=12&page=3"},
		{"/bbs/article-12-1.html", "", ""},
		{"/portal.php", "", ""},
	} {
		p, q, ok := Alias(tt.path)
		if ok != (tt.canon != "") || p != tt.canon || q != tt.query {
			t.Errorf("Alias(%s) = %q, %q, %v; want %q, %q", tt.path, p, q, ok, tt.canon, tt.query)
		}
	}
}

// TestDiscuzOtherURL: the community's pages beside the portal are never
// articles, in every URL form, a query after a rewritten one included
// (the touch template's ?mobile=2).
func TestDiscuzOtherURL(t *testing.T) {
	for _, tt := range []struct {
		url   string
		other bool
	}{
		{"http://www.ngwm.gov.cn/forum.php?mod=viewthread&tid=88", true},
		{"http://www.ngwm.gov.cn/thread-88-1-1.html", true},
		{"http://www.ngwm.gov.cn/thread-88-1-1.html?mobile=2", true},
		{"http://www.ngwm.gov.cn/forum-2-1.html#top", true},
		{"http://www.ngwm.gov.cn/bbs/space-uid-5.html?from=space", true},
		{"http://www.ngwm.gov.cn/portal.php?mod=comment&id=9&idtype=aid", true},
		{"http://www.ngwm.gov.cn/portal.php?mod=view&aid=9&mobile=2", false},
		{"http://www.ngwm.gov.cn/article-9-1.html?mobile=2", false},
		{"http://www.ngwm.gov.cn/threads-88.html", false},
	} {
		u, err := url.Parse(tt.url)
		if err != nil {
			t.Fatal(err)
		}
		if got := Discuz.Fields.OtherURL.Match(u); got != tt.other {
			t.Errorf("OtherURL.Match(%s) = %v, want %v", tt.url, got, tt.other)
		}
	}
}

func TestDiscuzPaging(t *testing.T) {
	pg := Discuz.Paging
	for _, tt := range []struct {
		u, key string
		n      int
		ref2   string
	}{
		{"http://x.cn/portal.php?mod=view&aid=9", "9", 1, "portal.php?mod=view&aid=9&page=2"},
		{"http://x.cn/portal.php?aid=9&mod=view&page=3", "9", 3, "portal.php?mod=view&aid=9&page=2"},
		{"http://x.cn/article-9-2.html", "9", 2, "article-9-2.html"},
		{"http://x.cn/portal.php?mod=list&catid=2", "", 0, ""},
	} {
		u, _ := url.Parse(tt.u)
		key, n, ok := pg.Page(u)
		if ok != (tt.key != "") || key != tt.key || n != tt.n {
			t.Errorf("Page(%s) = %q, %d, %v", tt.u, key, n, ok)
			continue
		}
		if ok {
			if ref := pg.Ref(u, key, 2); ref != tt.ref2 {
				t.Errorf("Ref(%s, 2) = %q, want %q", tt.u, ref, tt.ref2)
			}
		}
	}
	link, _ := url.Parse("http://x.cn/portal.php?mod=view&aid=9&page=4")
	if got := pg.LinkPage(link, "9"); got != 4 {
		t.Errorf("LinkPage = %d, want 4", got)
	}
	if got := pg.LinkPage(link, "8"); got != 0 {
		t.Errorf("LinkPage of another article = %d, want 0", got)
	}
}

func TestTRSArticlePages(t *testing.T) {
	u, _ := url.Parse("http://www.wenming.cn/a/202303/t20230322_1.shtml")
	src := `<script>var countPage = 3; createPageHTML(countPage, 0, "t20230322_1", "shtml");</script>`
	first, next, ok := TRS.Paging.Script(u, src)
	if !ok || first != "" || len(next) != 2 || next[1] != "http://www.wenming.cn/a/202303/t20230322_1_2.shtml" {
		t.Errorf("page 1: %q %v %v", first, next, ok)
	}
	u2, _ := url.Parse("http://www.wenming.cn/a/202303/t20230322_1_1.shtml")
	if first, next, ok := TRS.Paging.Script(u2, src); !ok || first != "http://www.wenming.cn/a/202303/t20230322_1.shtml" || next != nil {
		t.Errorf("page 2: %q %v %v", first, next, ok)
	}
	u3, _ := url.Parse("http://www.wenming.cn/a/index.shtml")
	if _, _, ok := TRS.Paging.Script(u3, src); ok {
		t.Error("a list page read as an article page")
	}
}
