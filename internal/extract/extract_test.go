package extract

import (
	"encoding/json"
	"flag"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"
)

var update = flag.Bool("update", false, "rewrite the golden .json files of testdata")

// golden is the stable JSON form of a Result.
type golden struct {
	IsArticle bool     `json:"is_article"`
	Profile   string   `json:"profile"`
	Title     string   `json:"title"`
	Published string   `json:"published"`
	Precision string   `json:"precision"`
	Views     *int64   `json:"views"`
	Counter   *Counter `json:"counter"`
	Column    string   `json:"column"`
	Source    string   `json:"source"`
	Author    string   `json:"author"`
	Editor    string   `json:"editor"`
	Body      []string `json:"body"`
}

func toGolden(r *Result) golden {
	g := golden{
		IsArticle: r.IsArticle, Profile: r.Profile, Title: r.Title, Precision: string(r.Precision),
		Views: r.Views, Counter: r.Counter, Column: r.Column, Source: r.Source, Author: r.Author,
		Editor: r.Editor, Body: strings.Split(r.Body, "\n"),
	}
	if !r.Published.IsZero() {
		g.Published = r.Published.Format("2006-01-02T15:04:05Z07:00")
	}
	if r.Body == "" {
		g.Body = nil
	}
	return g
}

var goldenCases = []struct {
	file    string
	url     string
	gbk     bool // store the fixture as GBK bytes and decode it first
	article bool
}{
	{"trs/article.html", "http://www.wenming.cn/a/yw/202303/t20230322_6123456.shtml", false, true},
	{"trs/list.html", "http://www.wenming.cn/a/yw/wmsj/", false, false},
	{"discuz/nangong_gbk.html", "http://www.ngwm.gov.cn/portal.php?mod=view&aid=123", true, true},
	{"discuz/default.html", "http://www.qhwmw.gov.cn/article-56-1.html", false, true},
	{"discuz/list.html", "http://www.ngwm.gov.cn/portal.php?mod=list&catid=2", false, false},
	{"empirecms/article.html", "http://www.wxwmw.gov.cn/gzdt/2023-03-21/123.html", false, true},
	{"dedecms/article.html", "http://www.lxwmw.gov.cn/ddjt/456.html", false, true},
	{"phpcms/article.html", "http://www.jlwmw.gov.cn/index.php?m=content&c=index&a=show&catid=9&id=789", false, true},
	// DedeCMS: the div.intro description above div.content is not body;
	// a column list (one dated item) and a 单页 contact page are not articles.
	{"dedecms/article_intro.html", "http://www.lxwmw.gov.cn/a/lxhr/2023/0530/120.html", true, true},
	{"dedecms/list.html", "http://www.lxwmw.gov.cn/a/zyfw/", true, false},
	{"dedecms/contact.html", "http://www.lxwmw.gov.cn/a/lxwm/", true, false},
	// PHPCMS v9 show.html: the unlabelled date after the title's <br/>
	// (a title ending in 活动), the div.summary above #Article .content.
	{"phpcms/article_summary.html", "http://www.jlwmw.gov.cn/html/2021/bmdt_0718/58.html", false, true},
	{"phpcms/contact.html", "http://www.jlwmw.gov.cn/html/lxwm/", false, false},
	// VSB: a "——" subtitle stays in the title; a 单页 in the news block.
	{"vsb/article.html", "http://www.ltwmw.gov.cn/info/1041/4201.htm", false, true},
	{"vsb/contact.html", "http://www.ltwmw.gov.cn/lxwm.htm", false, false},
	// 大汉 Hanweb JCMS-style platform: a 信息公开 notice whose metadata
	// table above the title holds 发布机构 and 发布日期 (after the
	// 成文日期), attachments in the body; a column whose entries sit in
	// a data island, paged by the jpage script.
	{"hanweb/article.html", "http://www.cgwm.gov.cn/art/2024/3/4/art_1230_50200.html", false, true},
	{"hanweb/list.html", "http://www.cgwm.gov.cn/col/col1229/index.html", false, false},
	// JEECMS: the view count filled by front.js's Cms.viewCount (the first
	// value of content_view.jspx's JSON array); a column list of .jhtml
	// articles with its 转到 pager script.
	{"jeecms/article.html", "http://www.cgzwm.gov.cn/gzdt/12381.jhtml", false, true},
	{"jeecms/list.html", "http://www.cgzwm.gov.cn/gzdt/index.jhtml", false, false},
	{"empirecms/contact.html", "http://www.wxwmw.gov.cn/contact/", false, false},
	{"generic/home.html", "http://www.xtwmw.gov.cn/", false, false},
	{"generic/about.html", "http://www.wxwmw.gov.cn/about/", false, false},
	// The info line's labels in traditional characters: 來源, 責任編輯.
	{"generic/labels_traditional.html", "http://www.example.gov.tw/news/123.html", false, true},
	// The info line's links after the source (参与互动, 举报) are no part of it.
	{"generic/source_actions.html", "http://www.example.gov.cn/gzdt/2023/0512/8.html", false, true},
}

// TestGolden extracts every fixture of testdata and compares the result with
// the .json beside it; -update rewrites the .json files.
func TestGolden(t *testing.T) {
	for _, tc := range goldenCases {
		t.Run(tc.file, func(t *testing.T) {
			path := filepath.Join("testdata", tc.file)
			src, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if tc.gbk {
				gbk, err := simplifiedchinese.GBK.NewEncoder().Bytes(src)
				if err != nil {
					t.Fatalf("encode fixture as GBK: %v", err)
				}
				dec, how, err := Decode(gbk, "text/html")
				if err != nil {
					t.Fatalf("Decode: %v", err)
				}
				if how.Charset != "gb18030" {
					t.Errorf("Decode charset = %q (%s), want gb18030", how.Charset, how.Reason)
				}
				if string(dec) != string(src) {
					t.Fatalf("Decode did not round-trip the GBK fixture")
				}
				src = dec
			}
			u, err := url.Parse(tc.url)
			if err != nil {
				t.Fatal(err)
			}
			res, err := Extract(src, u)
			if err != nil {
				t.Fatalf("Extract: %v", err)
			}
			if res.IsArticle != tc.article {
				t.Errorf("IsArticle = %v, want %v", res.IsArticle, tc.article)
			}
			checkInvariants(t, res)
			got, err := json.MarshalIndent(toGolden(res), "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, '\n')
			goldenPath := strings.TrimSuffix(path, ".html") + ".json"
			if *update {
				if err := os.WriteFile(goldenPath, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(goldenPath)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if string(got) != string(want) {
				t.Errorf("result differs from %s:\ngot:\n%s\nwant:\n%s", goldenPath, got, want)
			}
		})
	}
}

// checkInvariants checks what must hold for any page.
func checkInvariants(t *testing.T, r *Result) {
	t.Helper()
	for _, bad := range []string{"TRS_Editor", "font-family", "{", "document.write", "返回顶部", "最新评论", "上一篇", "点击排行"} {
		if strings.Contains(r.Body, bad) {
			t.Errorf("body contains %q", bad)
		}
	}
	for _, l := range strings.Split(r.Body, "\n") {
		if r.Body != "" && (l == "" || trimSpace(l) != l) {
			t.Errorf("body line not trimmed or empty: %q", l)
		}
	}
	if r.Views != nil && *r.Views == 0 {
		t.Errorf("Views = 0; unknown counts must be nil")
	}
	if !r.Published.IsZero() && r.Published.Location().String() != "Asia/Shanghai" {
		t.Errorf("Published not in China time: %v", r.Published)
	}
	if (r.Precision == "") != r.Published.IsZero() {
		t.Errorf("Precision %q inconsistent with Published %v", r.Precision, r.Published)
	}
	if r.Counter != nil {
		if u, err := url.Parse(r.Counter.URL); err != nil || !u.IsAbs() {
			t.Errorf("Counter URL %q is not absolute", r.Counter.URL)
		}
	}
}
