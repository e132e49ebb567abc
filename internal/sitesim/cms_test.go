package sitesim

import (
	"bytes"
	"fmt"
	"html"
	"net/http/httptest"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"
)

// firstOf returns the first (oldest) article of a host.
func firstOf(t *testing.T, sim *Sim, host string) Truth {
	t.Helper()
	var tr Truth
	found := false
	sim.ForEachArticle(func(x Truth) bool {
		tr, found = x, x.Host == host
		return !found
	})
	if !found {
		t.Fatalf("no article on %s", host)
	}
	return tr
}

// TestNewCMSPages fetches the pages of the DedeCMS, PHPCMS and VSB sites
// and checks the markup their default templates write.
func TestNewCMSPages(t *testing.T) {
	sim := New(Options{Calm: true, Seed: 5, Articles: 4000})
	tests := []struct {
		host    string
		pages   []string // path → must answer 200
		article []string // substrings of an article page
		dead    []string // must answer 404
	}{
		{"www.lxwmw.gov.cn",
			[]string{"/", "/index.html", "/a/xwzx/", "/a/xwzx/wmdt/", "/a/xwzx/wmdt/list_2_1.html", "/a/xwzx/wmdt/list_2_2.html", "/a/gywm/", "/a/lxwm/", "/plus/feedback.php?aid=118"},
			[]string{`<meta http-equiv="Content-Type" content="text/html; charset=gb2312" />`, `<div class="viewbox">`, `<small>时间:</small>`, `<small>点击:</small><script src="/plus/count.php?view=yes&aid=`, `&mid=1" type='text/javascript' language="javascript"></script>次`,
				`<strong>当前位置:</strong>`, `上一篇：`, `<strong>点击排行</strong>`, `相关文章`, `版权所有`, `DedeCMS_V57_GBK_SP2`, `/plus/stow.php?aid=`},
			[]string{"/a/xwzx/wmdt/list_3_1.html", "/a/xwzx/wmdt/list_2_0.html", "/a/xwzx/wmdt/list_2_99.html", "/data/sitemap.html", "/a/xwzx/wmdt/2020/0101/118.html"}},
		{"www.jlwmw.gov.cn",
			[]string{"/", "/html/xwzx/", "/html/xwzx/jlyw/", "/html/xwzx/jlyw/index.html", "/html/xwzx/jlyw/2.html", "/html/gywm/", "/index.php?m=comment&c=index&a=init&commentid=content_9-60-1&iframe=1"},
			[]string{`<div id="Article">`, `<br />` + "\n" + `<span>`, `点击：</span><span id="hits"></span></h1>`, `<div class="content">`, `延伸阅读：`, `<span>(`, `id="comment_iframe"`,
				`<script language="JavaScript" src="http://www.jlwmw.gov.cn/api.php?op=count&id=`, `&modelid=1"></script>`, `点击排行`, `Powered by <strong><a href="http://www.phpcms.cn"`},
			[]string{"/html/xwzx/jlyw/1.html", "/html/xwzx/jlyw/99.html", "/sitemap.html", "/html/2020/jlyw_0101/56.html"}},
		{"www.ltwmw.gov.cn",
			[]string{"/", "/index.htm", "/xwzx.htm", "/xwzx/ltyw.htm", "/xwzx/ltyw/1.htm", "/zyfw.htm", "/gywm.htm", "/lxwm.htm"},
			[]string{`<!--Announced by Visual SiteBuilder 9-->`, `<form name="_newscontent_fromname">`, `<div class="conthsj">发布时间：`, `点击数：<script>_showDynClicks("wbnews", 1411133371, `,
				`<div id="vsb_content"><div class="v_news_content">`, `class="vsbcontent_start"`, `当前位置: <a href="../../index.htm">首页</a>&gt;&gt;`, `&gt;&gt;正文`, `点击排行`, `相关新闻`},
			[]string{"/robots.txt", "/wzdt.htm", "/xwzx/ltyw/0.htm", "/xwzx/ltyw/999.htm", "/info/1021/1.htm"}},
	}
	for _, tt := range tests {
		t.Run(tt.host, func(t *testing.T) {
			for _, p := range tt.pages {
				if code, _, body := get(t, sim, "GET", "http://"+tt.host+p); code != 200 || body == "" {
					t.Errorf("GET %s = %d", p, code)
				}
			}
			for _, p := range tt.dead {
				if code, _, _ := get(t, sim, "GET", "http://"+tt.host+p); code != 404 {
					t.Errorf("GET %s = %d, want 404", p, code)
				}
			}
			tr := firstOf(t, sim, tt.host)
			code, _, body := get(t, sim, "GET", tr.URL)
			if code != 200 {
				t.Fatalf("GET %s = %d", tr.URL, code)
			}
			for _, w := range tt.article {
				if !strings.Contains(body, w) {
					t.Errorf("%s lacks %q", tr.URL, w)
				}
			}
			if sim.Fetches(tr.URL) != 0 {
				t.Errorf("article GET counted on %s", tt.host)
			}
		})
	}
}

func TestDedeGB2312Declared(t *testing.T) {
	sim := New(Options{Calm: true, Seed: 1})
	tr := firstOf(t, sim, "www.lxwmw.gov.cn")
	w := httptest.NewRecorder()
	sim.ServeHTTP(w, httptest.NewRequest("GET", tr.URL, nil))
	if ct := w.Header().Get("Content-Type"); ct != "text/html; charset=gb2312" {
		t.Errorf("Content-Type %q, want text/html; charset=gb2312", ct)
	}
	if utf8.Valid(w.Body.Bytes()) || bytes.Contains(w.Body.Bytes(), []byte("&#")) {
		t.Error("DedeCMS page is not plain GBK")
	}
	if !regexp.MustCompile(`<small>时间:</small>\d{4}-\d\d-\d\d \d\d:\d\d<small>来源:</small>`).MatchString(mustBody(t, sim, tr.URL)) {
		t.Error("DedeCMS info line not in Y-m-d H:i form")
	}
}

func mustBody(t *testing.T, sim *Sim, u string) string {
	t.Helper()
	code, _, body := get(t, sim, "GET", u)
	if code != 200 {
		t.Fatalf("GET %s = %d", u, code)
	}
	return body
}

// TestCounters drives each new counter script and checks the number it
// answers against ViewsBefore and Fetches.
func TestCounters(t *testing.T) {
	tests := []struct {
		host   string
		script *regexp.Regexp // finds the counter URL on the article page
		base   string
		answer func(n int64) string
		after  bool // answers the count after this request's increment
	}{
		{"www.lxwmw.gov.cn", regexp.MustCompile(`<script src="(/plus/count\.php\?view=yes&aid=\d+&mid=1)"`), "http://www.lxwmw.gov.cn",
			func(n int64) string { return fmt.Sprintf("document.write('%d');\r\n", n) }, true},
		{"www.jlwmw.gov.cn", regexp.MustCompile(`src="http://www\.jlwmw\.gov\.cn(/api\.php\?op=count&id=\d+&modelid=1)"`), "http://www.jlwmw.gov.cn",
			func(n int64) string { return fmt.Sprintf("$('#hits').html('%d');", n) }, false},
		{"www.ltwmw.gov.cn", regexp.MustCompile(`_showDynClicks\("wbnews", (\d+), (\d+)\)`), "http://www.ltwmw.gov.cn",
			func(n int64) string { return strconv.FormatInt(n, 10) }, true},
	}
	for _, tt := range tests {
		t.Run(tt.host, func(t *testing.T) {
			var log []Request
			var mu sync.Mutex
			sim := New(Options{Calm: true, Seed: 6, Log: func(r Request) { mu.Lock(); log = append(log, r); mu.Unlock() }})
			tr := firstOf(t, sim, tt.host)
			m := tt.script.FindStringSubmatch(mustBody(t, sim, tr.URL))
			if m == nil {
				t.Fatalf("no counter on %s", tr.URL)
			}
			counter := tt.base + m[1]
			if tt.host == "www.ltwmw.gov.cn" {
				counter = fmt.Sprintf("%s/system/resource/code/news/click/dynclicks.jsp?clickid=%s&owner=%s&clicktype=wbnews", tt.base, m[2], m[1])
			}
			vb := sim.viewsBefore(sim.sitesAt(t, tr))
			if (tr.ViewsBefore == nil) != (tt.host != "www.ltwmw.gov.cn") || tr.ViewsBefore != nil && *tr.ViewsBefore != vb {
				t.Errorf("ViewsBefore %v", tr.ViewsBefore)
			}
			for k := int64(1); k <= 3; k++ {
				_, _, js := get(t, sim, "GET", counter)
				want := vb + k - 1
				if tt.after {
					want++
				}
				if !strings.HasSuffix(js, tt.answer(want)) {
					t.Errorf("counter GET %d = %q, want suffix %q", k, js, tt.answer(want))
				}
				if sim.Fetches(tr.URL) != int(k) {
					t.Errorf("Fetches = %d after %d counter GETs", sim.Fetches(tr.URL), k)
				}
			}
			get(t, sim, "HEAD", counter)
			if sim.Fetches(tr.URL) != 3 {
				t.Errorf("HEAD counted")
			}
			disallowed := log[len(log)-1].Disallowed
			if want := tt.host != "www.ltwmw.gov.cn"; disallowed != want {
				t.Errorf("counter request Disallowed = %v, want %v", disallowed, want)
			}
		})
	}
	t.Run("phpcms-fields", func(t *testing.T) {
		sim := New(Options{Calm: true, Seed: 6})
		tr := firstOf(t, sim, "www.jlwmw.gov.cn")
		id := tr.URL[strings.LastIndexByte(tr.URL, '/')+1 : len(tr.URL)-len(".html")]
		_, _, js := get(t, sim, "GET", "http://www.jlwmw.gov.cn/api.php?op=count&id="+id+"&modelid=1")
		if !regexp.MustCompile(`^\$\('#todaydowns'\)\.html\('\d+'\);\$\('#weekdowns'\)\.html\('\d+'\);\$\('#monthdowns'\)\.html\('\d+'\);\$\('#hits'\)\.html\('\d+'\);$`).MatchString(js) {
			t.Errorf("api.php answer %q", js)
		}
		if _, _, js := get(t, sim, "GET", "http://www.jlwmw.gov.cn/api.php?op=count&id=999999&modelid=1"); js != "" {
			t.Errorf("unknown id answers %q", js)
		}
	})
	t.Run("dede-without-view", func(t *testing.T) {
		sim := New(Options{Calm: true, Seed: 6})
		tr := firstOf(t, sim, "www.lxwmw.gov.cn")
		a := sim.sitesAt(t, tr)
		_, _, js := get(t, sim, "GET", fmt.Sprintf("http://www.lxwmw.gov.cn/plus/count.php?aid=%d&mid=1", a.s.serial(a.j)))
		if js != "" || sim.Fetches(tr.URL) != 1 {
			t.Errorf("count.php without view: %q, Fetches %d", js, sim.Fetches(tr.URL))
		}
	})
}

// sitesAt maps a truth back to its article.
func (sim *Sim) sitesAt(t *testing.T, tr Truth) ref {
	t.Helper()
	a, ok := sim.resolve(tr.URL)
	if !ok {
		t.Fatalf("resolve %s", tr.URL)
	}
	return a
}

// TestVSBListCountsDown checks VSB's reversed list numbering: zyfw.htm is
// the newest page, zyfw/1.htm the oldest, and only 首页/上页/下页/尾页 link.
func TestVSBListCountsDown(t *testing.T) {
	sim := New(Options{Calm: true, Seed: 2, Articles: 4000})
	s := sim.byHost["www.ltwmw.gov.cn"]
	c := 0
	pages := vsbPages(s, c)
	if pages < 3 {
		t.Fatalf("only %d pages", pages)
	}
	first := mustBody(t, sim, "http://www.ltwmw.gov.cn/xwzx/ltyw.htm")
	want := fmt.Sprintf(`<a href="ltyw/%d.htm" class="Next">下页</a>&nbsp;|&nbsp;<a href="ltyw/1.htm" class="Next">尾页</a>`, pages-1)
	if !strings.Contains(first, want) {
		t.Errorf("first page lacks %s", want)
	}
	last := mustBody(t, sim, "http://www.ltwmw.gov.cn/xwzx/ltyw/1.htm")
	oldest, _ := s.inCol(c, 0)
	if !strings.Contains(last, `href="../../info/1021/`+strconv.Itoa(s.serial(oldest.j))+`.htm"`) {
		t.Error("1.htm does not hold the oldest article")
	}
	if !strings.Contains(last, `<a href="../ltyw.htm" class="Next">首页</a>`) || !strings.Contains(last, fmt.Sprintf("共%d条&nbsp;&nbsp;%d/%d", s.colCount(c), pages, pages)) {
		t.Error("last page pager wrong")
	}
}

// TestMultiPageArticles checks the split TRS and Discuz articles: every page
// answers with title and meta line, the pages hold the body in order, and
// Discuz counts a view on every page GET.
func TestMultiPageArticles(t *testing.T) {
	sim := New(Options{Calm: true, Seed: 7, Articles: 3000})
	byCMS := map[string]int{}
	total, multi := 0, 0
	sim.ForEachArticle(func(tr Truth) bool {
		total++
		if len(tr.Pages) == 1 {
			return true
		}
		multi++
		s := sim.byHost[tr.Host]
		byCMS[s.CMS+map[bool]string{true: "-rewrite", false: ""}[s.rewrite]]++
		if byCMS[s.CMS] > 3 && !s.rewrite {
			return true
		}
		if strings.Count(tr.Body, "\n") < splitMinParas-1 || utf8.RuneCountInString(tr.Body) < splitMinRunes {
			t.Errorf("%s split but short", tr.URL)
		}
		var joined []string
		for k, p := range tr.Pages {
			code, _, body := get(t, sim, "GET", p)
			if code != 200 || !strings.Contains(body, html.EscapeString(tr.Title)) {
				t.Errorf("GET %s = %d", p, code)
				continue
			}
			switch s.CMS {
			case cmsTRS:
				name := tr.URL[strings.LastIndexByte(tr.URL, '/')+1 : strings.LastIndexByte(tr.URL, '.')]
				if !strings.Contains(body, fmt.Sprintf(`createPageHTML(%d, %d, "%s", "%s");`, len(tr.Pages), k, name, s.ext)) || !strings.Contains(body, `<div id="time_tex">`) {
					t.Errorf("%s lacks pager or time", p)
				}
				joined = append(joined, paras(body, `<div id="tex">`, `</div>`+"\n")...)
			case cmsDiscuz:
				if !strings.Contains(body, `<div class="ptw pbw cl"><div class="pg">`) || !strings.Contains(body, `<p class="xg1">`) {
					t.Errorf("%s lacks pager or meta line", p)
				}
				if k > 0 && s.rewrite && !strings.Contains(body, fmt.Sprintf(`href="article-%d-1.html"`, s.serial(sim.mustResolve(t, tr.URL).j))) {
					t.Errorf("%s: rewritten pager lacks page 1", p)
				}
				joined = append(joined, paras(body, `<td id="article_content">`, `</td>`)...)
			}
			if f := sim.Fetches(tr.URL); s.CMS == cmsDiscuz && f != k+1 {
				t.Errorf("Fetches after %d page GETs = %d", k+1, f)
			}
		}
		if got := strings.Join(joined, "\n"); got != tr.Body {
			t.Errorf("%s: pages joined differ from Truth.Body\n got %.120q\nwant %.120q", tr.URL, got, tr.Body)
		}
		beyond := tr.Pages[len(tr.Pages)-1]
		switch s.CMS {
		case cmsTRS:
			beyond = strings.Replace(beyond, fmt.Sprintf("_%d.", len(tr.Pages)-1), fmt.Sprintf("_%d.", len(tr.Pages)), 1)
			if code, _, _ := get(t, sim, "GET", beyond); code != 404 {
				t.Errorf("GET %s = %d, want 404", beyond, code)
			}
		case cmsDiscuz:
			before := sim.Fetches(tr.URL)
			_, _, body := get(t, sim, "GET", fmt.Sprintf("%s&page=%d", tr.URL, len(tr.Pages)+1))
			if !strings.Contains(body, "不存在") || sim.Fetches(tr.URL) != before {
				t.Error("page past the end is not Discuz's message or counted")
			}
		}
		return true
	})
	for _, k := range []string{"trs", "discuz", "discuz-rewrite"} {
		if byCMS[k] == 0 {
			t.Errorf("no multi-page article on a %s site: %v", k, byCMS)
		}
	}
	if pct := 100 * float64(multi) / float64(total); pct < 1 || pct > 8 {
		t.Errorf("%.1f%% multi-page articles", pct)
	}
}

var tagRe = regexp.MustCompile(`(?s)<style.*?</style>|<[^>]+>`)

// paras extracts the text lines between start and the next end marker.
func paras(body, start, end string) []string {
	i := strings.Index(body, start)
	if i < 0 {
		return nil
	}
	rest := body[i+len(start):]
	rest = rest[:strings.Index(rest, end)]
	rest = regexp.MustCompile(`(?i)<br ?/?>|</p>|</div>`).ReplaceAllString(rest, "\n")
	var out []string
	for _, l := range strings.Split(tagRe.ReplaceAllString(rest, ""), "\n") {
		l = strings.TrimSpace(strings.NewReplacer("　", "", "&nbsp;", "").Replace(html.UnescapeString(l)))
		if l != "" {
			out = append(out, l)
		}
	}
	return out
}
