package extract

import (
	"testing"
	"time"

	"github.com/wenming-archive/wenming/internal/article"
)

// metaCases are small pages of our own making, one per class of page whose
// title, publish time or author the generic rules once missed. Each names
// the class; the page is in testdata/generic.
var metaCases = []struct {
	file, url string
	class     string
	title     string
	published string // "2006-01-02 15:04" in China time, or "2006-01-02" for a day
	author    string
}{
	{"generic/title_untagged.html", "http://edu.example.cn/jy/202303/t20230310_1.html",
		"the title element has no heading tag or title class; a subheading in the body repeats part of <title>",
		"海外学子看两会：出国前后关注点大不同", "2023-03-10 08:42", ""},
	{"generic/title_og.html", "http://caipu.example.cn/recipe/267078/",
		"<title> is an SEO line; og:title names the h1, while an h2 shares more words with <title>",
		"茄子豆角", "", ""},
	{"generic/meta_value.html", "http://music.example.tw/44962/",
		"meta tags written with value= instead of content=; an ISO time in UTC that is the next day in China",
		"多组艺人将参与国际音乐节", "2019-05-30 04:44", ""},
	{"generic/date_share_box.html", "http://www.example.com/articles/38282.html",
		"the date line sits in a byline box classed \"author-share\" (furniture for the body) between title and body",
		"这个约会软件，用相似的好恶为你找对象", "2017-03-01 14:27", ""},
	{"generic/date_modified_only.html", "https://bjh.example.com/s?id=1607555504612518735",
		"no publish time but a modified time (itemprop dateUpdate); the visible date has a two-digit year",
		"九张地图，看懂春秋战国时的秦国", "2018-08-01 10:08", ""},
	{"generic/date_itemprop.html", "http://www.example.gov.cn/zyfw/1234.html",
		"the publish time is only in an itemprop=datePublished element (a comment below has its own)",
		"社区志愿者走进养老院", "2021-06-01 09:30", ""},
}

func TestMetaClasses(t *testing.T) {
	for _, tc := range metaCases {
		t.Run(tc.file, func(t *testing.T) {
			r, err := Extract(readFixture(t, tc.file), mustURL(t, tc.url))
			if err != nil {
				t.Fatal(err)
			}
			if r.Title != tc.title {
				t.Errorf("%s\ntitle %q, want %q", tc.class, r.Title, tc.title)
			}
			got := ""
			if !r.Published.IsZero() {
				layout := "2006-01-02 15:04"
				if r.Precision == article.PrecisionDay {
					layout = time.DateOnly
				}
				got = r.Published.In(article.China).Format(layout)
			}
			if got != tc.published {
				t.Errorf("%s\npublished %q (%s), want %q", tc.class, got, r.Provenance[FieldPublished], tc.published)
			}
			if r.Author != tc.author {
				t.Errorf("%s\nauthor %q (%s), want %q", tc.class, r.Author, r.Provenance[FieldAuthor], tc.author)
			}
		})
	}
}
