package extract

import (
	"strings"
	"testing"
)

// TestPortalClasses runs one page of our own making for each class of
// Chinese page that news portals, government sites, self-media platforms
// and local media centres print and that the corpora hold few of, as the
// crawler would see it (raw bytes through Decode). Each page stands for a
// class, not a site.
func TestPortalClasses(t *testing.T) {
	tests := []struct {
		file, url string
		title     string
		published string // "2006-01-02 15:04" China time
		source    string // "" = not checked
		want      []string
		not       []string
	}{
		{
			// A news brief shorter than the teasers of the column's
			// other stories listed under it in the same container: the
			// teasers (linked headlines, each over its summary and date)
			// outweigh the brief and repeat, but the story is the block
			// under the title.
			file: "brief_above_teasers.html", url: "http://www.example.cn/bjxw/2024-07/01/content_98765.html",
			title: "我市首条城际公交线路今日开通", published: "2024-07-01 09:12",
			want: []string{"7月1日起，滨江至临海城际公交1路正式开通", "每20分钟一班。"},
			not:  []string{"重点项目集中开工", "夏日夜经济", "志愿填报"},
		},
		{
			// A column's commentary followed by its author's biography in
			// a box headed 作者简介, longer than a third of the page: the
			// biography's sentences drew the body up to the column that
			// holds the title, the column's name and the list of the
			// author's other pieces.
			file: "column_author_bio.html", url: "http://opinion.example.com/n1/2024/0612/c1003-40254321.html",
			title: "让“老手艺”走进“新生活”", published: "2024-06-12 08:05", source: "人民时评网",
			want: []string{"剪纸、竹编、蓝印花布", "爱手艺的传承人。"},
			not:  []string{"作者简介", "1968年生", "专栏：晓东说文化", "本专栏更多文章"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			src, _, err := Decode(readFixture(t, "classes/"+tt.file), "")
			if err != nil {
				t.Fatal(err)
			}
			r, err := Extract(src, mustURL(t, tt.url))
			if err != nil {
				t.Fatal(err)
			}
			if r.Title != tt.title {
				t.Errorf("title %q, want %q", r.Title, tt.title)
			}
			if got := r.Published.Format("2006-01-02 15:04"); got != tt.published {
				t.Errorf("published %s, want %s", got, tt.published)
			}
			if tt.source != "" && r.Source != tt.source {
				t.Errorf("source %q, want %q", r.Source, tt.source)
			}
			for _, w := range tt.want {
				if !strings.Contains(r.Body, w) {
					t.Errorf("body lacks %q:\n%s", w, r.Body)
				}
			}
			for _, n := range tt.not {
				if strings.Contains(r.Body, n) {
					t.Errorf("body holds %q:\n%s", n, r.Body)
				}
			}
		})
	}
}
