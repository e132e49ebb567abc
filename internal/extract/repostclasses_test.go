package extract

import (
	"strings"
	"testing"
)

// TestRepostFrameDatedBesideTitle: a county site's repost of a WeChat
// article given as a frame of it alone, on a template that prints the
// time unlabelled in the title's own block (PHPCMS's show.html: the time,
// 来源 and 点击 in a <span> inside the <h1>). The page is an article, its
// body where the text is; before, a frame alone needed a labelled date.
func TestRepostFrameDatedBesideTitle(t *testing.T) {
	r := extractClassPage(t, "text_elsewhere_frame_titledate.html", "http://www.xx.gov.cn/html/2024/gzdt_0703/12.html")
	if !r.IsArticle {
		t.Fatalf("not an article: %+v", r.Provenance)
	}
	checkFields(t, wantField{"title", r.Title, "县志愿者协会开展“邻里守望”活动"}, wantField{"source", r.Source, "某县文明实践"},
		wantField{"published", r.Published.Format("2006-01-02 15:04"), "2024-07-03 09:41"})
	if !strings.Contains(r.Body, "https://mp.weixin.qq.com/s/Qw3Er5Ty7Ui9Op1As2Df4G") {
		t.Errorf("body %q, want the frame's URL", r.Body)
	}
}
