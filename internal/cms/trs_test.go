package cms

import (
	"net/url"
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
}
