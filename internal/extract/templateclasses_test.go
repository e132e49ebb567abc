package extract

import "testing"

// TestTemplateClasses runs one page of our own making for each further
// class of Chinese article template — portals, government sites, county
// media centres — that the pages of TestPortalClasses and
// TestChinesePageClasses leave out: how an info line sets its fields,
// where the newsroom's credits stand, which <meta> dates the page. Each
// page stands for a class, not a site.
func TestTemplateClasses(t *testing.T) {
	tests := []classPage{
		{
			// A county media centre's info line names the source, then
			// the reporter and the photographer with labels no list of
			// ours holds (记者：, 摄影：), set off by wide spaces: the
			// source ran on into them ("…融媒体中心　记者：王磊"). A word
			// and a colon after a space is the next field, whatever the
			// word.
			file: "info_unlisted_label.html", url: "http://www.example.cn/bdxw/2024-03/18/1234.html",
			title: "全县春季植树造林工作全面启动", published: "2024-03-18 08:23", source: "某某县融媒体中心", author: "王磊",
			want: []string{"3月18日，全县春季植树造林工作在城南荒山造林基地全面启动", "确保栽一棵、活一棵、成林一片。"},
			not:  []string{"记者：", "版权所有", "今天是"},
		},
	}
	checkClassPages(t, tests)
}
