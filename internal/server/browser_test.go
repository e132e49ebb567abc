package server_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/dom"
	"github.com/chromedp/cdproto/target"
	"github.com/chromedp/chromedp"
	"golang.org/x/net/html"

	"github.com/wenming-archive/wenming/internal/extract"
	"github.com/wenming-archive/wenming/internal/replay"
	"github.com/wenming-archive/wenming/internal/server"
)

// chromiumPath is Debian's chromium; the browser tests are skipped without it.
const chromiumPath = "/usr/bin/chromium"

// Bounds of the shared browser: its start, and each page's load and
// reading, dump or screenshot. A page past its bound fails the test that
// asked for it; the browser goes on serving the others.
const (
	browserStartTimeout = 60 * time.Second
	pageTimeout         = 60 * time.Second
)

// browser is the one headless chromium the package's browser tests share,
// driven through chromedp. The first test that needs it starts it;
// TestMain closes it. Each page is loaded in a tab of its own, in a
// browser context of its own (an incognito profile: no cookies, storage,
// cache or service worker shared with another page), so that what one
// page's script did cannot show in another page's checks.
type browser struct {
	once   sync.Once
	ctx    context.Context // the browser's chromedp context, once started
	cancel func()          // closes the browser and removes its profile
	err    error           // why it did not start
}

// sharedBrowser is the package's browser, started lazily by its tests.
var sharedBrowser browser

func TestMain(m *testing.M) {
	code := m.Run()
	sharedBrowser.close()
	os.Exit(code)
}

// start starts the browser on its first call and returns why it could
// not; it is safe to call from any goroutine.
func (b *browser) start() error {
	b.once.Do(func() {
		// The profile is a directory chromedp makes and removes when
		// the browser has gone (see internal/export's browser test).
		actx, acancel := chromedp.NewExecAllocator(context.Background(), append(chromedp.DefaultExecAllocatorOptions[:],
			chromedp.ExecPath(chromiumPath), chromedp.NoSandbox, chromedp.DisableGPU)...)
		bctx, bcancel := chromedp.NewContext(actx)
		b.cancel = func() {
			// A graceful close first, then whatever is left is killed.
			ctx, cancel := context.WithTimeout(bctx, 10*time.Second)
			defer cancel()
			_ = chromedp.Cancel(ctx)
			bcancel()
			acancel()
		}
		// The first Run starts the process; a timeout on its context
		// would end the browser with it, so the start is bounded here.
		started := make(chan error, 1)
		go func() { started <- chromedp.Run(bctx) }()
		select {
		case b.err = <-started:
		case <-time.After(browserStartTimeout):
			b.err = fmt.Errorf("not started in %v", browserStartTimeout)
		}
		if b.err != nil {
			b.err = fmt.Errorf("starting %s: %w", chromiumPath, b.err)
			bcancel()
			acancel()
			b.cancel = nil
			return
		}
		b.ctx = bctx
	})
	return b.err
}

// close ends the browser if it was started.
func (b *browser) close() {
	if b.cancel != nil {
		b.cancel()
	}
}

// run runs actions, which load u, in a new tab of a browser context of
// its own, all within pageTimeout. It is safe to call from any goroutine.
func (b *browser) run(u string, actions ...chromedp.Action) error {
	if err := b.start(); err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(b.ctx, pageTimeout)
	defer cancel()
	err := b.inNewContext(ctx, actions)
	if err != nil && ctx.Err() != nil {
		return fmt.Errorf("chromium: %s not loaded and read in %v: %w", u, pageTimeout, err)
	}
	if err != nil {
		return fmt.Errorf("chromium: %s: %w", u, err)
	}
	return nil
}

// inNewContext makes a browser context, opens a tab in it, runs actions
// there and disposes of the context and its tab. The tab is opened in a
// window of its own: this headless chromium answers "no browser is open"
// to a tab asked for in a new context without one (as chromedp's
// WithNewBrowserContext asks).
func (b *browser) inNewContext(ctx context.Context, actions []chromedp.Action) error {
	exec := cdp.WithExecutor(ctx, chromedp.FromContext(b.ctx).Browser)
	id, err := target.CreateBrowserContext().Do(exec)
	if err != nil {
		return fmt.Errorf("new browser context: %w", err)
	}
	defer func() {
		// ctx may have expired: the disposal has a bound of its own.
		dctx, cancel := context.WithTimeout(b.ctx, 10*time.Second)
		defer cancel()
		_ = target.DisposeBrowserContext(id).Do(cdp.WithExecutor(dctx, chromedp.FromContext(b.ctx).Browser))
	}()
	tabID, err := target.CreateTarget("about:blank").WithBrowserContextID(id).WithNewWindow(true).Do(exec)
	if err != nil {
		return fmt.Errorf("new tab: %w", err)
	}
	tab, closeTab := chromedp.NewContext(ctx, chromedp.WithTargetID(tabID))
	defer closeTab()
	return chromedp.Run(tab, actions...)
}

// dumpSource loads u in chromium and returns the DOM it built once the
// page's load event had fired, serialized (what chromium's --dump-dom
// prints). It reads the DOM through the DevTools protocol, not a script,
// so a page that may run none (a sandboxed one) is read all the same.
func dumpSource(t *testing.T, u string) string {
	t.Helper()
	var src string
	err := sharedBrowser.run(u, chromedp.Navigate(u), chromedp.ActionFunc(func(ctx context.Context) error {
		doc, err := dom.GetDocument().Do(ctx)
		if err != nil {
			return err
		}
		// By its backend id: chromedp asks for the document itself when
		// it changes, and that renumbers the protocol's node ids.
		src, err = dom.GetOuterHTML().WithBackendNodeID(doc.BackendNodeID).Do(ctx)
		return err
	}))
	if err != nil {
		t.Fatal(err)
	}
	return src
}

// dump loads u in chromium and returns the DOM it built.
func dump(t *testing.T, u string) *html.Node {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(dumpSource(t, u)))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// capture loads u in chromium with a viewport of width × height and
// saves a PNG screenshot of the viewport at path. It is safe to call from
// any goroutine.
func capture(u, path string, width, height int64) error {
	var png []byte
	if err := sharedBrowser.run(u, chromedp.EmulateViewport(width, height), chromedp.Navigate(u), chromedp.CaptureScreenshot(&png)); err != nil {
		return err
	}
	return os.WriteFile(path, png, 0o644)
}

// find returns the elements below n for which match is true, in order.
func find(n *html.Node, match func(*html.Node) bool) []*html.Node {
	var rv []*html.Node
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && match(n) {
			rv = append(rv, n)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return rv
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func hasClass(n *html.Node, class string) bool {
	return strings.Contains(" "+attr(n, "class")+" ", " "+class+" ")
}

func tag(name string) func(*html.Node) bool { return func(n *html.Node) bool { return n.Data == name } }

// text is the text content of n with white space collapsed.
func text(n *html.Node) string {
	return strings.Join(strings.Fields(extract.NodeText(n)), " ")
}

// innerHTML renders the children of n.
func innerHTML(n *html.Node) string {
	var b bytes.Buffer
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		_ = html.Render(&b, c)
	}
	return b.String()
}

// resolve makes href absolute against the page at base.
func resolve(t *testing.T, base, href string) string {
	t.Helper()
	b, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	r, err := b.Parse(href)
	if err != nil {
		t.Fatal(err)
	}
	return r.String()
}

// artifactDir is $WENMING_ARTIFACTS, created if needed, or a temp dir.
func artifactDir(t *testing.T) string {
	if d := os.Getenv("WENMING_ARTIFACTS"); d != "" {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
		return d
	}
	return t.TempDir()
}

// TestBrowser drives the reader in headless chromium the way a reader on a
// phone would: search from the home page's form, narrow by a facet, open an
// article. It saves phone-sized screenshots as artifacts.
func TestBrowser(t *testing.T) {
	if _, err := os.Stat(chromiumPath); err != nil {
		t.Skipf("no %s (apt-get install chromium)", chromiumPath)
	}
	if testing.Short() {
		t.Skip("drives chromium")
	}
	arts := testArticles()
	srv := newTestServer(t, arts)
	// Screenshots are taken in the background while the test goes on, in
	// tabs of the shared browser, two at a time: the page loads of the
	// test's own checks share the browser and the machine's cores with them.
	var shots sync.WaitGroup
	defer shots.Wait()
	shotSlots := make(chan struct{}, 2)
	artifacts := artifactDir(t)
	// Each page kind at phone and desktop width.
	shot := func(name, u string) {
		for _, size := range []struct {
			suffix        string
			width, height int64
		}{{"", 390, 844}, {"-desktop", 1280, 900}} {
			shots.Add(1)
			go func() {
				defer shots.Done()
				shotSlots <- struct{}{}
				defer func() { <-shotSlots }()
				screenshot(t, filepath.Join(artifacts, strings.TrimSuffix(name, ".png")+size.suffix+".png"), u, size.width, size.height)
			}()
		}
	}
	shot("home.png", srv.URL+"/")
	shot("error.png", srv.URL+"/articles/"+server.ArticleID("https://nowhere/"))

	// 1. The home page has a GET search form.
	home := dump(t, srv.URL+"/")
	forms := find(home, tag("form"))
	if len(forms) != 1 || !strings.EqualFold(attr(forms[0], "method"), "get") {
		t.Fatalf("home: want one GET form, got %d", len(forms))
	}
	inputs := find(forms[0], func(n *html.Node) bool { return n.Data == "input" && attr(n, "type") == "search" })
	if len(inputs) != 1 || attr(inputs[0], "name") == "" {
		t.Fatal("home: no search input")
	}
	if !strings.Contains(text(home), "已收录 5 篇文章") {
		t.Errorf("home text: %s", text(home))
	}

	// 2. Submitting the form: action?name=query.
	action := resolve(t, srv.URL+"/", attr(forms[0], "action"))
	searchURL := action + "?" + url.Values{attr(inputs[0], "name"): {"志愿服务"}}.Encode()
	results := dump(t, searchURL)
	if s := text(results); !strings.Contains(s, "找到 5 篇文章") {
		t.Errorf("results: %s", s)
	}
	hits := find(results, func(n *html.Node) bool { return n.Data == "li" && hasClass(n, "hit") })
	if len(hits) != 5 {
		t.Fatalf("results: %d hits", len(hits))
	}
	marks := find(results, tag("mark"))
	if len(marks) == 0 {
		t.Error("results: nothing highlighted")
	}
	for _, m := range marks {
		if text(m) != "志愿服务" {
			t.Errorf("mark holds %q, want the whole term", text(m))
		}
	}
	if len(find(results, tag("script"))) != 0 {
		t.Error("results: a script element made it into the DOM")
	}
	if !strings.Contains(innerHTML(results), "&lt;script&gt;") {
		t.Error("results: the escaped <script> text is not shown")
	}
	shot("search.png", searchURL)

	// 3. Click a facet: the link to 邢台文明网 in the facets.
	var facetHref string
	for _, a := range find(results, tag("a")) {
		if strings.HasPrefix(text(a), "邢台文明网") && strings.Contains(attr(a, "href"), "site%3A") {
			facetHref = attr(a, "href")
		}
	}
	if facetHref == "" {
		t.Fatal("results: no facet link for 邢台文明网")
	}
	facetURL := resolve(t, searchURL, facetHref)
	narrowed := dump(t, facetURL)
	if s := text(narrowed); !strings.Contains(s, "找到 2 篇文章") || !strings.Contains(s, "✓ 邢台文明网") {
		t.Errorf("facet page: %s", s)
	}
	if box := find(narrowed, func(n *html.Node) bool { return n.Data == "input" && attr(n, "type") == "search" }); len(box) != 1 ||
		attr(box[0], "value") != "志愿服务 site:邢台文明网" {
		t.Error("facet page: the search box does not show the added filter")
	}

	// 4. Open the first article.
	titles := find(narrowed, func(n *html.Node) bool { return n.Data == "a" && hasClass(n, "title") })
	if len(titles) != 2 {
		t.Fatalf("facet page: %d title links", len(titles))
	}
	articleURL := resolve(t, facetURL, attr(titles[0], "href"))
	page := dump(t, articleURL)
	h1 := find(page, tag("h1"))
	if len(h1) != 1 || text(h1[0]) != arts[0].Title {
		t.Errorf("article: h1 %v", h1)
	}
	crumbs := find(page, func(n *html.Node) bool { return n.Data == "nav" && hasClass(n, "crumbs") })
	if len(crumbs) != 1 || text(crumbs[0]) != "中国文明网 › 河北文明网 › 邢台文明网 › 南宫文明网" {
		t.Errorf("article: breadcrumbs %q", text(crumbs[0]))
	}
	s := text(page)
	for _, want := range []string{"发布时间 2023-03-22 09:00", "来源 南宫市文明办", "作者 李明", "编辑 王芳", "栏目 志愿服务",
		"志愿服务活动内容丰富，群众纷纷点赞。", "浏览数记录 3 次：308 → 1,234", "存档快照"} {
		if !strings.Contains(s, want) {
			t.Errorf("article lacks %q", want)
		}
	}
	if len(find(page, tag("polyline"))) != 1 || len(find(page, tag("circle"))) != 3 {
		t.Error("article: no view-count chart")
	}
	if len(find(page, func(n *html.Node) bool { return n.Data == "p" && n.Parent != nil && hasClass(n.Parent, "body") })) != 3 {
		t.Error("article: want 3 body paragraphs")
	}
	shot("article.png", articleURL)

	// 5. The capture: the replay page frames it sandboxed; the framed
	// page, loaded alone, ran none of its scripts (they would have written
	// PWNED) and kept its text.
	replays := find(page, func(n *html.Node) bool { return n.Data == "a" && hasClass(n, "replay") })
	if len(replays) != 1 {
		t.Fatal("article: no replay link")
	}
	replayURL := resolve(t, articleURL, attr(replays[0], "href"))
	rp := dump(t, replayURL)
	frames := find(rp, tag("iframe"))
	if len(frames) != 1 || attr(frames[0], "sandbox") != replay.Sandbox {
		t.Fatalf("replay: frame %v", frames)
	}
	if s := text(rp); !strings.Contains(s, "抓取于 2024-06-01 12:00（北京时间）") || !strings.Contains(s, arts[0].URL) {
		t.Errorf("replay banner: %s", s)
	}
	framed := dump(t, resolve(t, replayURL, attr(frames[0], "src")))
	if s := text(framed); strings.Contains(s, "PWNED") || !strings.Contains(s, arts[0].Title) {
		t.Errorf("framed capture: %s", s)
	}
	shot("replay.png", replayURL)
}

// TestBrowserSandbox: the replay's policy alone keeps a capture's script
// from running, whatever the rewrite leaves: an unrewritten hostile page
// served with it runs nothing, and served without it runs (the check can
// tell).
func TestBrowserSandbox(t *testing.T) {
	if _, err := os.Stat(chromiumPath); err != nil {
		t.Skipf("no %s (apt-get install chromium)", chromiumPath)
	}
	if testing.Short() {
		t.Skip("drives chromium")
	}
	// What a script writes is spelt apart in its source, so that only a
	// script that ran puts PWNED into the DOM.
	const hostile = `<html><head><script>document.title='PW'+'NED'</script></head>` +
		`<body onload="document.body.setAttribute('data-ran','PW'+'NED')"><p>正文</p><script>document.write('<p>PW'+'NED</p>')</script></body></html>`
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Query().Get("policy") == "1" {
			replay.Header(w.Header())
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		io.WriteString(w, hostile)
	}))
	defer srv.Close()
	ran := func(u string) bool {
		return strings.Contains(dumpSource(t, u), "PWNED")
	}
	if !ran(srv.URL + "/?policy=0") {
		t.Fatal("the hostile page's script does not run even without the policy: the check cannot tell")
	}
	if ran(srv.URL + "/?policy=1") {
		t.Error("a script ran under the replay's policy")
	}
}

// screenshot saves a screenshot of u with a viewport of width × height
// as an artifact. It may run in its own goroutine.
func screenshot(t *testing.T, path, u string, width, height int64) {
	if err := capture(u, path, width, height); err != nil {
		t.Error(err)
		return
	}
	fi, err := os.Stat(path)
	if err != nil || fi.Size() < 1000 {
		t.Errorf("screenshot %s: %v", path, err)
		return
	}
	t.Logf("screenshot: %s", path)
}
