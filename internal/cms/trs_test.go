package cms

import (
	"net/url"
	"slices"
	"testing"
)

func TestTRSListPages(t *testing.T) {
	page, _ := url.Parse("http://www.wenming.cn/a/yw/index_2.shtml")
	body := []byte(`<script>createPageHTML(4, 2, "index", "shtml");</script>`)
	got := ListPages(body, page)
	want := []string{
		"http://www.wenming.cn/a/yw/index.shtml",
		"http://www.wenming.cn/a/yw/index_1.shtml",
		"http://www.wenming.cn/a/yw/index_2.shtml",
		"http://www.wenming.cn/a/yw/index_3.shtml",
	}
	if len(got) != len(want) {
		t.Fatalf("got %v", got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("page %d = %s, want %s", i, got[i], want[i])
		}
	}
	if ListPages([]byte("no pager"), page) != nil {
		t.Error("pager found where there is none")
	}
	// The counts in variables, as many TRS templates write them.
	vars := []byte("<script>\nvar currentPage = 2;\nvar countPage = 4\ncreatePageHTML(countPage, currentPage, \"index\", \"shtml\");\n</script>")
	if got := ListPages(vars, page); len(got) != 4 || got[3] != want[3] {
		t.Errorf("pager with variables: %v", got)
	}
	// The later form: the pager's element first, the records last, pages
	// numbered from 1.
	div := []byte(`<div id="page_div"></div><script>createPageHTML('page_div',3, 1,'xlist','shtml',52);</script>`)
	list, _ := url.Parse("http://www.xx.gov.cn/col/c1024/xlist.shtml")
	wantDiv := []string{
		"http://www.xx.gov.cn/col/c1024/xlist.shtml",
		"http://www.xx.gov.cn/col/c1024/xlist_2.shtml",
		"http://www.xx.gov.cn/col/c1024/xlist_3.shtml",
	}
	if got := ListPages(div, list); !slices.Equal(got, wantDiv) {
		t.Errorf("pager naming its element: %v, want %v", got, wantDiv)
	}
	varsDiv := []byte("<script>var pageCount = 3;\ncreatePageHTML(\"page_div\", pageCount, 2, \"xlist\", \"shtml\", 52);</script>")
	if got := ListPages(varsDiv, list); !slices.Equal(got, wantDiv) {
		t.Errorf("pager naming its element, count in a variable: %v, want %v", got, wantDiv)
	}
}
