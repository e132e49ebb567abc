package extract

import (
	"strings"
	"testing"
	"time"

	"github.com/wenming-archive/wenming/internal/article"
)

// TestPublishedPrecision: a time of day the page shows with the article
// beats a date-only source of the same day (URL tYYYYMMDD_, a publishdate
// meta, a date-only label), on every profile; the page's text wins a
// disagreement on the day; sidebars and traps lend nothing.
func TestPublishedPrecision(t *testing.T) {
	const para = `<p>近日，市新时代文明实践中心组织志愿者走进社区，开展政策宣讲、义诊、理发等志愿服务，受到居民欢迎。</p>
<p>活动现场，志愿者们耐心为居民讲解，发放宣传资料三百余份，群众纷纷点赞。</p>`
	// trsPage is a city TRS article without #time_tex: the date line sits
	// in the article text.
	trsPage := func(head, lead, side string) string {
		return `<html><head><title>志愿服务进社区_某市文明网</title>` + head + `</head><body>
<div class="nav"><a href="/">首页</a></div>` + side + `
<div id="title_tex">志愿服务进社区</div>
<div id="tex"><div class="TRS_Editor">` + lead + para + `</div></div>
<script>createPageHTML(1, 0, "t20230306_123", "shtml");</script></body></html>`
	}
	// genericPage has an <h1>, an info line and a body the generic rules find.
	genericPage := func(head, info, lead, extra string) string {
		return `<html><head><title>志愿服务进社区_某县文明网</title>` + head + `</head><body>` + extra + `
<h1>志愿服务进社区</h1><div class="info">` + info + `</div>
<div class="content" id="content">` + lead + para + `</div></body></html>`
	}
	const (
		trsURL   = "http://www.city.gov.cn/wmcj/202303/t20230306_123.shtml"
		trsURL01 = "http://www.city.gov.cn/wmcj/202303/t20230301_123.shtml"
		plainURL = "http://www.county.gov.cn/news/123.html"
		sidebar  = `<div class="sidebar"><h3>最新动态</h3><p>时间：2023-03-06 09:15</p><ul><li><a href="/9.html">旧闻</a> 2023-03-06 08:00</li></ul></div>`
		metaDay  = `<meta name="publishdate" content="2023-03-06">`
		metaDay1 = `<meta name="PubDate" content="2023-03-01">`
	)
	tests := []struct {
		name, page, url string
		want            string // "2006-01-02 15:04"
		prec            article.Precision
		profile         string
	}{
		// TRS: URL date only, the time in the article text.
		{"trs time in text", trsPage("", "<p>时间：2023年03月06日 12:29</p>", ""), trsURL, "2023-03-06 12:29", article.PrecisionMinute, ProfileTRS},
		{"trs 发布日期 with seconds", trsPage("", "<p>发布日期：2023-03-06 12:29:00</p>", ""), trsURL, "2023-03-06 12:29", article.PrecisionMinute, ProfileTRS},
		{"trs bare date line", trsPage("", "<p>2023-03-06 12:29</p>", ""), trsURL, "2023-03-06 12:29", article.PrecisionMinute, ProfileTRS},
		{"trs full-width", trsPage("", "<p>时间：２０２３年０３月０６日　１２：２９</p>", ""), trsURL, "2023-03-06 12:29", article.PrecisionMinute, ProfileTRS},
		{"trs meta publishdate and time in text", trsPage(metaDay, "<p>时间：2023年03月06日 12:29</p>", ""), trsURL, "2023-03-06 12:29", article.PrecisionMinute, ProfileTRS},
		{"trs date-only text, URL", trsPage("", "<p>时间：2023年03月06日</p>", ""), trsURL, "2023-03-06 00:00", article.PrecisionDay, ProfileTRS},
		{"trs URL only", trsPage("", "", ""), trsURL, "2023-03-06 00:00", article.PrecisionDay, ProfileTRS},
		// The day: the page's labelled line beats the URL's creation day.
		{"trs URL day disagrees", trsPage("", "<p>时间：2023年03月06日 12:29</p>", ""), trsURL01, "2023-03-06 12:29", article.PrecisionMinute, ProfileTRS},
		// Sidebars lend neither a time nor a day.
		{"trs sidebar time", trsPage("", "", sidebar), trsURL, "2023-03-06 00:00", article.PrecisionDay, ProfileTRS},
		{"trs sidebar time, other day in URL", trsPage("", "", sidebar), trsURL01, "2023-03-01 00:00", article.PrecisionDay, ProfileTRS},
		// Traps: 成文日期 is no publish date, nor a time for one.
		{"trs 成文日期 in text", trsPage("", "<p>成文日期：2023-03-01 12:00</p>", ""), trsURL, "2023-03-06 00:00", article.PrecisionDay, ProfileTRS},

		// Generic: a date-only meta and a time on the info line.
		{"generic meta publishdate + info time", genericPage(metaDay, "发布时间：2023-03-06 12:29 来源：县文明办", "", ""), plainURL, "2023-03-06 12:29", article.PrecisionMinute, ProfileGeneric},
		{"generic meta publishdate + body time", genericPage(metaDay, "来源：县文明办", "<p>时间：2023年03月06日 12:29</p>", ""), plainURL, "2023-03-06 12:29", article.PrecisionMinute, ProfileGeneric},
		{"generic meta day disagrees with info", genericPage(metaDay1, "发布日期：2023-03-06 12:29", "", ""), plainURL, "2023-03-06 12:29", article.PrecisionMinute, ProfileGeneric},
		{"generic date-only label + body time", genericPage("", "日期：2023-03-06", "<p>2023-03-06 12:29</p>", ""), plainURL, "2023-03-06 12:29", article.PrecisionMinute, ProfileGeneric},
		{"generic meta only", genericPage(metaDay, "来源：县文明办", "", sidebar), plainURL, "2023-03-06 00:00", article.PrecisionDay, ProfileGeneric},
		{"generic 发布于 place", genericPage(metaDay, "发布于：北京市 来源：县文明办", "", ""), plainURL, "2023-03-06 00:00", article.PrecisionDay, ProfileGeneric},

		// The same rule on the county CMSs.
		{"dedecms", genericPage(metaDay+`<script src="/plus/count.php?aid=1"></script>`, "来源：县文明办", "<p>时间：2023-03-06 12:29</p>", ""), plainURL, "2023-03-06 12:29", article.PrecisionMinute, ProfileDedeCMS},
		{"phpcms", genericPage(metaDay+`<meta name="generator" content="PHPCMS">`, "来源：县文明办", "<p>时间：2023-03-06 12:29</p>", ""), plainURL, "2023-03-06 12:29", article.PrecisionMinute, ProfilePHPCMS},
		{"empirecms", genericPage(metaDay+`<script src="/e/public/ViewClick/?classid=1&id=1"></script>`, "来源：县文明办", "<p>时间：2023-03-06 12:29</p>", ""),
			"http://www.county.gov.cn/2023-03-06/123.html", "2023-03-06 12:29", article.PrecisionMinute, ProfileEmpireCMS},
		{"vsb", genericPage(metaDay+`<meta name="generator" content="Visual SiteBuilder 9">`, "来源：县文明办", "<p>时间：2023-03-06 12:29</p>", ""),
			"http://www.county.gov.cn/info/1011/123.htm", "2023-03-06 12:29", article.PrecisionMinute, ProfileVSB},
		{"discuz", `<html><head><title>志愿服务进社区 - Powered by Discuz!</title></head><body><h1 class="ph">志愿服务进社区</h1>
<p class="xg1">2023-3-6 | 发布者: admin | 查看: 17</p><table><tr><td id="article_content"><p>时间：2023-03-06 12:29</p>` + para + `</td></tr></table></body></html>`,
			"http://www.ngwm.cn/portal.php?mod=view&aid=1", "2023-03-06 12:29", article.PrecisionMinute, ProfileDiscuz},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r, err := Extract([]byte(tc.page), mustURL(t, tc.url))
			if err != nil {
				t.Fatal(err)
			}
			got := r.Published.Format("2006-01-02 15:04")
			if got != tc.want || r.Precision != tc.prec || r.Profile != tc.profile {
				t.Errorf("published %s %s (profile %s, %q), want %s %s (profile %s)",
					got, r.Precision, r.Profile, r.Provenance[FieldPublished], tc.want, tc.prec, tc.profile)
			}
		})
	}
}

func TestMergeDates(t *testing.T) {
	day := func(d int) time.Time { return time.Date(2023, 3, d, 0, 0, 0, 0, article.China) }
	at := func(d, h, m int) time.Time { return time.Date(2023, 3, d, h, m, 0, 0, article.China) }
	c := func(tm time.Time, p article.Precision, ev evidence, k dateKind, rule string) dateCand {
		return dateCand{t: tm, prec: p, ev: ev, kind: k, rule: rule}
	}
	D, M := article.PrecisionDay, article.PrecisionMinute
	tests := []struct {
		name  string
		cands []dateCand
		want  time.Time
		prec  article.Precision
		ev    evidence
		rule  string // prefix
	}{
		{"url refined by body time", []dateCand{c(day(6), D, evURL, dkURL, "url"), c(at(6, 12, 29), M, evLabel, dkBody, "body")},
			at(6, 12, 29), M, evLabel, "body"},
		{"url loses the day to the body", []dateCand{c(day(1), D, evURL, dkURL, "url"), c(at(6, 12, 29), M, evLabel, dkBody, "body")},
			at(6, 12, 29), M, evLabel, "body"},
		{"meta day refined by info", []dateCand{c(day(6), D, evMeta, dkMeta, "meta"), c(at(6, 12, 29), M, evLabel, dkInfo, "info")},
			at(6, 12, 29), M, evMeta, "info"},
		{"meta with time decides", []dateCand{c(at(5, 8, 0), M, evMeta, dkMeta, "meta"), c(at(6, 12, 29), M, evLabel, dkInfo, "info")},
			at(5, 8, 0), M, evMeta, "meta"},
		{"profile day refined", []dateCand{c(day(6), D, evProfile, dkInfo, "trs"), c(day(6), D, evURL, dkURL, "url"), c(at(6, 12, 29), M, evLabel, dkBody, "body")},
			at(6, 12, 29), M, evProfile, "trs; time from body"},
		{"loose lends no time", []dateCand{c(day(6), D, evURL, dkURL, "url"), c(at(6, 9, 15), M, evLoose, dkLoose, "loose")},
			day(6), D, evURL, "url"},
		{"loose alone", []dateCand{c(at(6, 9, 15), M, evLoose, dkLoose, "loose")},
			at(6, 9, 15), M, evLoose, "loose"},
		{"other-day time does not refine", []dateCand{c(day(6), D, evLabel, dkInfo, "info"), c(at(7, 9, 15), M, evLabel, dkBody, "body")},
			day(6), D, evLabel, "info"},
	}
	for _, tc := range tests {
		got, ok := mergeDates(tc.cands)
		if !ok || !got.t.Equal(tc.want) || got.prec != tc.prec || got.ev != tc.ev || !strings.HasPrefix(got.rule, tc.rule) {
			t.Errorf("%s: merge = %v %s ev %d %q, want %v %s ev %d %q…", tc.name, got.t, got.prec, got.ev, got.rule, tc.want, tc.prec, tc.ev, tc.rule)
		}
	}
	if _, ok := mergeDates(nil); ok {
		t.Error("mergeDates(nil) found a date")
	}
}
