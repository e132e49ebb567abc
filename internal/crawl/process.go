package crawl

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/PuerkitoBio/goquery"
	"github.com/gocolly/colly/v2"
	whatwg "github.com/nlnwa/whatwg-url/url"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/text/encoding"

	"github.com/wenming-archive/wenming/internal/article"
	"github.com/wenming-archive/wenming/internal/cms"
	"github.com/wenming-archive/wenming/internal/extract"
	"github.com/wenming-archive/wenming/internal/frontier"
)

// fetched is what one GET produced, filled in by the colly callbacks.
type fetched struct {
	held        heldBody // the body as the guard read it (see heldBody)
	status      int
	challenge   bool // an error answer that is a script challenge (KindBotChallenge)
	contentType string
	body        []byte // UTF-8 for HTML pages
	charset     string // the charset an HTML page was decoded from (extract.Decoding)
	final       *url.URL
	etag        string
	lastMod     string
	anchors     []anchor
	tooLarge    bool
	retryAfter  time.Duration // from a Retry-After header; 0 if none
	linksCapped int           // anchors past maxLinksPerPage, not followed
	err         error
}

// maxLinksPerPage bounds the anchors of one page that are followed; a page
// with more (a hostile or generated page) has the rest counted and left.
const maxLinksPerPage = 2000

// Keys of the colly request context.
const (
	fetchedKey = "wenming.fetched"
	kindKey    = "wenming.kind"
)

// newCollector builds the colly collector whose clones do the fetching
// (see fetcher): robots and revisit checks are ours (see robotsCache and
// package frontier), charset decoding happens in OnResponse. Colly parses
// nothing: process parses each page once (extract.Parse) for its links
// and its fields.
func (c *Crawler) newCollector() *colly.Collector {
	col := colly.NewCollector(
		colly.UserAgent(c.opts.UserAgent),
		colly.AllowURLRevisit(),
		colly.IgnoreRobotsTxt(),
		colly.MaxBodySize(c.opts.MaxBodyBytes+1),
	)
	col.SetClient(c.client)
	col.SetRedirectHandler(c.checkRedirect)
	return col
}

// addCallbacks gives col, a clone of c.colly, the callbacks that fill in
// a fetch's fetched (clones do not share their base's).
func (c *Crawler) addCallbacks(col *colly.Collector) {
	col.OnResponseHeaders(hideCharset) // guard.go: OnResponse decodes charsets, not colly
	col.OnResponse(func(r *colly.Response) {
		f, _ := r.Ctx.GetAny(fetchedKey).(*fetched)
		if f == nil {
			return
		}
		f.status = r.StatusCode
		f.final = r.Request.URL
		f.contentType = contentType(r)
		f.retryAfter = retryAfter(r.Headers.Get("Retry-After"), time.Now())
		c.moved.answered(r.Request.URL, r.StatusCode, r.Headers.Get("Strict-Transport-Security"))
		f.etag = r.Headers.Get("ETag")
		f.lastMod = r.Headers.Get("Last-Modified")
		c.noteServer(r.Request.URL.Host, *r.Headers)
		body := f.bodyOf(r)
		f.held.body = nil // taken: f.body keeps what the page needs
		if len(body) > c.opts.MaxBodyBytes {
			f.tooLarge = true
			return
		}
		if r.StatusCode == http.StatusOK && r.Ctx.Get(kindKey) != kindCounter &&
			(f.contentType == "" || strings.Contains(strings.ToLower(f.contentType), "html")) {
			if why, ok := serverFailure(body); ok {
				f.err = failureError(r.StatusCode, why)
				return
			}
		}
		if isHTML(f.contentType, body) {
			dbody, dec, err := extract.Decode(body, f.contentType)
			c.noteCharset(r.Request.URL.Host, dec)
			if err != nil {
				f.err = &FetchError{Kind: KindDecode, Err: fmt.Errorf("decode %s: %w", r.Request.URL, err)}
			} else {
				body, f.charset = dbody, dec.Charset
				r.Headers.Set("Content-Type", "text/html; charset=utf-8")
			}
		}
		f.body = body
	})
	col.OnError(func(r *colly.Response, err error) {
		if r == nil || r.Ctx == nil {
			return
		}
		if f, _ := r.Ctx.GetAny(fetchedKey).(*fetched); f != nil {
			f.status = r.StatusCode
			f.err = err
			if body := f.bodyOf(r); len(body) <= maxChallengeBytes && isBotChallenge(f.status, body) {
				f.challenge = true
				f.err = botChallengeError(f.status)
			}
			if r.Headers != nil {
				f.retryAfter = retryAfter(r.Headers.Get("Retry-After"), time.Now())
				c.noteServer(r.Request.URL.Host, *r.Headers)
			}
		}
	})
}

// bodyOf returns the body of r, the answer to f's request: the one the
// guard held, colly's when the guard held none.
func (f *fetched) bodyOf(r *colly.Response) []byte {
	if f.held.ok {
		return f.held.body
	}
	return r.Body
}

// fetcher returns a collector for one fetch at a time whose requests
// hand their bodies to f.held (see heldBody): a clone of c.colly with its
// callbacks, which go back to c.fetchers after the fetch.
func (c *Crawler) fetcher(f *fetched) *colly.Collector {
	col, _ := c.fetchers.Get().(*colly.Collector)
	if col == nil {
		col = c.colly.Clone()
		c.addCallbacks(col)
	}
	col.Context = holding(c.colly.Context, &f.held)
	return col
}

// anchorsOf returns the links of a parsed page (at most maxLinksPerPage,
// and how many more there were), resolved against its <base href> the
// way browsers do (WHATWG URL parsing, as colly resolves). On a homepage
// each link also says whether it sits in a member-site or link block.
func anchorsOf(doc *extract.Document, home bool) (anchors []anchor, capped int) {
	return anchorsIn(doc, home, nil)
}

// anchorsIn is anchorsOf for a page whose links' queries enc writes (see
// queryEncoder; nil: UTF-8).
func anchorsIn(doc *extract.Document, home bool, enc *encoding.Encoder) (anchors []anchor, capped int) {
	base := doc.Base()
	if base == nil {
		return nil, 0
	}
	lb, ok := linkBaseOf(base) // the base is read once per page
	if !ok {
		return nil, 0
	}
	var gdoc *goquery.Document // for inSiteBlock, made on a homepage's first root link
	blocks := siteBlocks{}     // what the ancestors of its root links are
	read := 0                  // the anchors read, those left out as scriptOrMail included
	eachLinkAt(doc.Root(), doc.URL(), func(n *html.Node, href string) {
		if read >= maxLinksPerPage {
			capped++
			return
		}
		href = strings.TrimSpace(href)
		if href == "" || strings.HasPrefix(href, "#") {
			return
		}
		if scriptOrMail(href) {
			// A URL without a host, which nothing follows: counted, not
			// resolved (the WHATWG parser, which would take it, is costly).
			read++
			return
		}
		abs, err := lb.resolve(inPageCharset(href, enc))
		if err != nil {
			return
		}
		read++
		text := strings.TrimSpace(extract.NodeText(n))
		if text == "" {
			text = pictureName(n)
		}
		a := anchor{URL: abs, Text: text, Frame: n.Data == "frame" || n.Data == "iframe"}
		if len(n.Attr) == 1 && n.Attr[0].Key == recordsAttr {
			a.Records = resolveTemplate(n.Attr[0].Val, lb.resolve)
		}
		if home && (isRootURL(a.URL) || a.Frame) {
			if gdoc == nil {
				gdoc = goquery.NewDocumentFromNode(doc.Root())
			}
			a.InBlock, a.InLinks = blocks.classify(gdoc.FindNodes(n))
		}
		anchors = append(anchors, a)
	})
	if home {
		// Member sites a script writes into the page (scriptsites.go).
		scriptSites(doc.Root(), func(n *html.Node, href, name string) {
			abs, err := lb.resolve(href)
			if err != nil || !isRootURL(abs) {
				return
			}
			a := anchor{URL: abs, Text: name}
			if gdoc == nil {
				gdoc = goquery.NewDocumentFromNode(doc.Root())
			}
			a.InBlock, a.InLinks = blocks.classify(gdoc.FindNodes(n))
			anchors = append(anchors, a)
		})
	}
	return anchors, capped
}

// pictureName is the name of a link that shows no text: its title, an
// image map area's alt text, or the alt (else title) of the picture it
// holds — a logo banner of a member site (<a><img alt="某县文明网"></a>), a
// county on a map of the province (<area alt="南县">), an image button
// (<img alt="下一页">).
func pictureName(n *html.Node) string {
	if v, _ := attrOf(n, "title"); strings.TrimSpace(v) != "" {
		return strings.TrimSpace(v)
	}
	if n.Data == "area" {
		v, _ := attrOf(n, "alt")
		return strings.TrimSpace(v)
	}
	budget := 16
	var find func(*html.Node) string
	find = func(x *html.Node) string {
		for c := x.FirstChild; c != nil && budget > 0; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			budget--
			if c.Data == "img" {
				if v, _ := attrOf(c, "alt"); strings.TrimSpace(v) != "" {
					return strings.TrimSpace(v)
				}
				v, _ := attrOf(c, "title")
				return strings.TrimSpace(v)
			}
			if v := find(c); v != "" {
				return v
			}
		}
		return ""
	}
	return find(n)
}

// scriptOrMail reports whether href is a javascript:, mailto: or tel: URL
// with an opaque path, which WHATWG parsing always takes, whatever the
// base, as a URL without a host.
func scriptOrMail(href string) bool {
	scheme, rest, ok := strings.Cut(href, ":")
	if !ok || strings.HasPrefix(rest, "/") {
		return false
	}
	return strings.EqualFold(scheme, "javascript") || strings.EqualFold(scheme, "mailto") || strings.EqualFold(scheme, "tel")
}

// eachLink calls fn, in document order, for every <a> and <area> with an
// href below root, with the value of its first href: what goquery's
// Find("a[href], area[href]") selects and its Attr("href") reads, without
// building the selection. It also reads the links of data islands (see
// islandLinks), the pages of frames and inline frames (their src), and
// the links pages write as script (scriptnav.go): where a link's
// javascript: or empty href or its onclick handler goes, any other
// element's onclick, the URL a row or a load-more button keeps for its
// script in a data attribute (dataTarget), a jump menu's options; and,
// after the page's other links, where a link's or a row's call of a page
// function goes (scriptfunc.go).
func eachLink(root *html.Node, fn func(n *html.Node, href string)) {
	eachLinkAt(root, nil, fn)
}

// eachLinkAt is eachLink for the page at page (nil when unknown): a page
// function that builds its URL of the page's own path
// (location.pathname + "?page=" + n) is read with that path.
func eachLinkAt(root *html.Node, page *url.URL, fn func(n *html.Node, href string)) {
	var calls []pageCall // links calling a page function (scriptfunc.go)
	var scripts []string // the inline scripts, where those functions are
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.Data {
			case "a", "area":
				href, ok := linkTarget(n)
				if noURL(href) {
					if t := dataTarget(n); t != "" {
						fn(n, t)
						break
					}
					if c, isCall := callOf(n); isCall && len(calls) < maxLinksPerPage {
						calls = append(calls, c)
						break
					}
				}
				if ok {
					fn(n, href)
				}
			case "frame", "iframe":
				if src, ok := attrOf(n, "src"); ok {
					fn(n, src)
				}
			case "select":
				if jumpMenu(n) {
					eachOption(n, fn)
					return
				}
				if form, hidden := formMenu(n); form != nil {
					eachFormOption(n, form, hidden, fn)
					return
				}
			case "script":
				if t := n.FirstChild; t != nil && t.Type == html.TextNode {
					scripts = append(scripts, t.Data)
				}
				islandLinks(n, fn)
				return
			default:
				js, data := rowAttrs(n)
				if js == "" && data == "" {
					break
				}
				if href := navTarget(js); href != "" {
					fn(n, href)
				} else if data != "" {
					fn(n, data)
				} else if c, isCall := scriptCall(n, js); isCall && len(calls) < maxLinksPerPage {
					calls = append(calls, c)
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	for c := root.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode {
			walk(c)
		}
	}
	if reqs := xhrRequests(scripts); len(reqs) > 0 {
		n := xhrNode
		if tmpl := recordTemplate(scripts); tmpl != "" {
			n = &html.Node{Type: html.ElementNode, Data: "script", Attr: []html.Attribute{{Key: recordsAttr, Val: tmpl}}}
		}
		for _, u := range reqs {
			fn(n, u)
		}
	}
	if len(calls) > 0 {
		funcs := functionsOf(scripts, calls)
		for _, c := range calls {
			if u := funcs.call(c, page); u != "" {
				fn(c.n, u)
			}
		}
	}
}

// islandTypes are the <script> types whose text is markup a page's script
// turns into the page: a data island of XML records holding HTML (the
// column lists of 大汉 JCMS-style government site platforms carry their
// entries as <script type="text/xml"><datastore><recordset><record>
// <![CDATA[<li><a href=…>…]]>), or a client-side template.
var islandTypes = map[string]bool{
	"text/xml": true, "application/xml": true, "text/html": true,
	"text/template": true, "text/x-template": true,
}

// islandLinks calls fn for every link of the markup in a data island
// script (see islandTypes): its text, CDATA markers dropped, parsed as
// HTML. A script of another type (JavaScript, JSON) gives none.
func islandLinks(script *html.Node, fn func(n *html.Node, href string)) {
	typ, _ := attrOf(script, "type")
	if !islandTypes[strings.ToLower(strings.TrimSpace(typ))] || script.FirstChild == nil || script.FirstChild.Type != html.TextNode {
		return
	}
	text := script.FirstChild.Data
	if !strings.Contains(text, "href") {
		return
	}
	text = strings.NewReplacer("<![CDATA[", "", "]]>", "").Replace(text)
	nodes, err := html.ParseFragment(strings.NewReader(text), &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div})
	if err != nil {
		return
	}
	holder := &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div}
	for _, n := range nodes {
		holder.AppendChild(n)
	}
	eachLink(holder, fn)
}

// urlParser resolves links as browsers (and colly) do.
var urlParser = whatwg.NewParser(whatwg.WithPercentEncodeSinglePercentSign())

func isHTML(contentType string, body []byte) bool {
	ct := strings.ToLower(contentType)
	if ct == "" {
		ct = strings.ToLower(http.DetectContentType(body))
	}
	return strings.Contains(ct, "text/html") || strings.Contains(ct, "xhtml")
}

// markFinal marks the page a fetch of req was redirected to seen: it has
// been read, and a link to it is not fetched again.
func (c *Crawler) markFinal(req frontier.Request, f *fetched) {
	if f.final == nil {
		return
	}
	canon, err := c.canonicalize(f.final.String())
	if err != nil || canon == req.URL || !c.inScope(Host(canon)) {
		return
	}
	if _, err := c.front.MarkSeen(canon); err != nil {
		c.record("frontier", req.URL, err)
	}
}

// isRobotsURL reports whether u is a host's robots.txt.
func isRobotsURL(u *url.URL) bool {
	return u.Path == "/robots.txt" && u.RawQuery == ""
}

// checkRedirect follows a redirect only to an http(s) URL (KindBadScheme),
// at most maxRedirects in a row (KindRedirectLoop), only to a site of the
// hierarchy and only where robots.txt allows it (KindRedirect). A redirect
// to the site's error page (see errorPage) is the dead link it stands
// for (KindDeadLink).
func (c *Crawler) checkRedirect(req *http.Request, via []*http.Request) error {
	if err := checkRedirectChain(req, via); err != nil {
		return err
	}
	if errorPage(req.URL) {
		return fetchErr(KindDeadLink, "redirected to the error page %s", req.URL)
	}
	canon, err := Canonicalize(req.URL.String())
	if err != nil {
		return &FetchError{Kind: KindBadURL, Err: fmt.Errorf("redirect: %w", err)}
	}
	c.gateJar.redirected(via[len(via)-1].URL, req.URL, req.Response)
	if isRobotsURL(via[0].URL) && isRobotsURL(req.URL) {
		// robots.txt redirected: followed across hosts, as RFC 9309
		// asks (a site that moved sends its robots.txt to the new host
		// with the rest); no rule applies to robots.txt itself.
		c.moved.redirected(via[len(via)-1].URL, req.URL)
		return nil
	}
	if !c.inScope(Host(canon)) {
		if mv := movedSite(c.sites, via[0].URL.String(), canon); mv != nil {
			c.moved.redirected(via[len(via)-1].URL, req.URL) // followed at the new host
			return mv
		}
		return fetchErr(KindRedirect, "redirect out of scope to %s", req.URL)
	}
	ok, _, err := c.robots.allowed(req.Context(), req.URL)
	if err != nil {
		return err
	}
	if !ok {
		return &FetchError{Kind: KindRedirect, Err: fmt.Errorf("redirect to %s: %w", req.URL, errRobots)}
	}
	c.moved.redirected(via[len(via)-1].URL, req.URL)
	return nil
}

var errRobots = errors.New("disallowed by robots.txt")

// errorPage reports whether a redirect's target is the page a server
// sends every request it cannot answer to: ASP.NET's customErrors
// defaultRedirect, which names the page that failed
// (/Error.aspx?aspxerrorpath=/missing.aspx), or a page named for the
// error (/404.html, /Error.aspx, /error/404/, /notfound.htm). Such a page
// answers 200 whatever was asked: followed, a missing page would be
// fetched as a page, each under its own aspxerrorpath.
func errorPage(u *url.URL) bool {
	for k := range u.Query() {
		if strings.EqualFold(k, "aspxerrorpath") {
			return true
		}
	}
	name := strings.ToLower(path.Base(u.Path))
	if i := strings.IndexByte(name, '.'); i > 0 {
		name = name[:i]
	}
	switch name {
	case "404", "error", "error404", "404error", "notfound", "not_found", "pagenotfound":
		return true
	}
	return false
}

// fetch GETs u through colly, retrying network errors, 429 and 5xx up to
// retries times. Frontier requests are fetched once (retries 0): the
// scheduler retries them later in the run, so a failing page never holds
// a worker. Continuation pages and counters, which belong to an article
// being archived, are retried here.
func (c *Crawler) fetch(ctx context.Context, u, kind string, retries int) *fetched {
	return c.fetchWith(ctx, u, kind, nil, retries)
}

// fetchWith is fetch with extra request headers (conditional GETs).
func (c *Crawler) fetchWith(ctx context.Context, u, kind string, extra http.Header, retries int) *fetched {
	var f *fetched
	backoff := c.opts.RetryBackoff
	for attempt := 0; ; attempt++ {
		f = &fetched{}
		cctx := colly.NewContext()
		cctx.Put(fetchedKey, f)
		cctx.Put(kindKey, kind)
		c.stats.requests.Add(1)
		var hdr http.Header
		if extra != nil {
			hdr = extra.Clone()
		}
		col := c.fetcher(f)
		if n := fenceOf(ctx); n != nil {
			col.Context = withFence(col.Context, n)
		}
		err := col.Request(http.MethodGet, u, nil, cctx, hdr)
		col.Context = nil
		c.fetchers.Put(col)
		if f.err == nil && err != nil {
			f.err = err
		}
		if fenced(ctx) {
			if refused(f.err) {
				c.stats.requests.Add(-1) // not sent
			}
			return f
		}
		if pu, perr := url.Parse(u); perr == nil && f.retryAfter > 0 {
			// Everything else sent to the host waits too.
			c.holdHost(pu.Host, min(f.retryAfter, maxRetryAfter))
		}
		if !retryable(f) || attempt >= retries || ctx.Err() != nil || f.retryAfter > maxRetryAfter {
			return f
		}
		t := time.NewTimer(max(backoff, f.retryAfter))
		select {
		case <-t.C:
		case <-ctx.Done():
			t.Stop()
			return f
		}
		backoff *= 2
	}
}

// maxRetryAfter caps how long a crawl waits for a host that answered 429
// or 503 with Retry-After; a host asking for longer is left for this run.
const maxRetryAfter = 10 * time.Minute

// retryAfter parses a Retry-After header: delay-seconds or an HTTP date.
// 0 means none (or a date in the past).
func retryAfter(v string, now time.Time) time.Duration {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0
	}
	if n, err := strconv.Atoi(v); err == nil {
		if n <= 0 {
			return 0
		}
		return time.Duration(min(n, 366*24*3600)) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil && t.After(now) {
		return t.Sub(now)
	}
	return 0
}

// retryable reports whether a failed fetch is worth another try: 429,
// 5xx, and the transport failures retryableKind names.
func retryable(f *fetched) bool {
	if f.challenge {
		return false // the same script again
	}
	if f.status == http.StatusTooManyRequests || f.status >= 500 {
		return true
	}
	if f.err != nil && errKind(f.err) == KindServerFailure {
		return true
	}
	return f.status == 0 && f.err != nil && retryableKind(errKind(f.err))
}

// errorKind names a failed fetch for the summary.
func errorKind(f *fetched) string {
	switch {
	case f.challenge:
		return KindBotChallenge
	case f.tooLarge:
		return "too_large"
	case f.status == 404 || f.status == 410, errKind(f.err) == KindDeadLink:
		return KindDeadLink
	case f.status >= 500:
		return "http_5xx"
	case f.status >= 400:
		return "http_4xx"
	case f.status >= 300:
		return "redirect"
	}
	return errKind(f.err)
}

// process handles one frontier request. It returns the worker's report
// and, for a page that is an article, what stores it (commit): the
// article's commit waits on disks, so it runs apart from the worker, which
// goes on fetching meanwhile; the request is marked done when its article
// is stored (see commitArticle).
func (c *Crawler) process(ctx context.Context, req frontier.Request) (d done, commit func() map[string]int) {
	d.host = req.Host
	// A request cut short by cancellation, or to be retried later in the
	// run, stays in flight in the frontier, which hands it out again if
	// the crawl stops before it is done. One whose lease this process can
	// no longer prove (fence.go) is the lease's next holder's: whatever
	// it fetched is dropped, and the frontier has it still.
	keep := false
	note := &fenceNote{req: req}
	ctx = withFence(ctx, note)
	defer func() {
		if note.hit.Load() {
			keep, commit, d = true, nil, done{host: req.Host, leaseLost: true}
		}
		if !keep && commit == nil {
			c.markDone(req.URL)
		}
	}()
	if ctx.Err() != nil {
		keep = true
		return d, nil
	}
	if _, ok := c.mayAct(ctx); !ok {
		return d, nil
	}
	if k := c.captureOf(req.Kind); k != nil {
		keep = c.processCapture(ctx, req, k, &d)
		return d, nil
	}
	// A site another process sharing the frontier found.
	c.sites.lookup(req.Site, true)
	u, err := url.Parse(req.URL)
	if err != nil {
		c.record("bad_url", req.URL, err)
		return d, nil
	}
	if c.requeueWithoutInert(req, u, d.pushedMap()) || c.requeueFolded(req, d.pushedMap()) {
		return d, nil
	}
	if !c.mayFetch(ctx, req, u, &d, &keep) {
		return d, nil
	}
	f := c.fetchPage(ctx, req, &d, &keep)
	if f == nil {
		return d, nil
	}
	pageURL := f.final
	if pageURL == nil {
		pageURL = u
	}
	doc := c.parsePage(req, f, pageURL)
	site, ok := c.sites.get(req.Site)
	if !ok {
		site, _ = c.sites.get(req.Host)
	}
	if req.Kind == kindHome || req.Kind == kindSites {
		d.pushed = c.discover(req, f)
	}
	if mv := c.desktopMove(req, f.anchors); mv != nil {
		c.follow(req, mv, d.pushedMap())
	}
	if req.Kind == kindHome {
		c.noteHome(requestSite(req))
		if site, ok = c.sites.get(req.Site); !ok {
			return d, nil
		}
		if _, other := c.knownAs(req.Site); !other {
			c.pushSitemaps(u, req, d.pushedMap()) // another name's are the known site's
		}
	}
	var res *extract.Result
	if req.Kind != kindHome && doc != nil {
		if res, err = extract.ExtractDocument(doc, c.opts.Extract); err != nil {
			c.record("extract", req.URL, err)
		}
	}
	if doc != nil {
		doc.Release() // links and fields read: the tree's memory goes to the next page
	}
	dropWidgetFrames(f, res)
	c.goneOrPresent(req, f, pageURL, res)
	commit = c.afterRead(ctx, req, f, pageURL, site, res, &d, &keep)
	return d, commit
}

// afterRead does what the page req fetched (f, at pageURL, of site) asks
// once read (res; nil when it was not extracted): a sweep's check, or
// the links it leads to, the homepage's sweep, and for an article what
// stores it (commit) or its retry, set in d and keep as process reports
// them.
func (c *Crawler) afterRead(ctx context.Context, req frontier.Request, f *fetched, pageURL *url.URL, site siteEntry, res *extract.Result, d *done, keep *bool) (commit func() map[string]int) {
	var seen pageSeen
	if req.Kind == kindSweep {
		// A sweep asks; it does not discover, and an article found as
		// archived is only recorded as checked (sweep.go).
		if c.sweptAsArchived(req, res) {
			c.checked(req)
			return nil
		}
		if res == nil || !res.IsArticle {
			return nil
		}
		seen = pageSeen{req: req, productive: true}
	} else {
		seen = c.followPage(req, pageURL, f, res, d.pushedMap())
	}
	if req.Kind == kindHome {
		// Queued after the homepage's links: its lists, and what is new,
		// come first.
		c.sweep(req, d.pushedMap())
	}
	if res != nil {
		a, again := c.prepareArticle(ctx, req, f, site, res)
		if a == nil && (ctx.Err() != nil || fenced(ctx)) {
			// Cut short (a continuation page cancelled): not archived, so
			// not done.
			*keep = true
			return nil
		}
		if again {
			// Its counter or a continuation page failed: the whole article
			// is tried again later, after the host's backoff.
			c.stats.retried.Add(1)
			*keep, d.retry, d.failed = true, &req, true
			return nil
		}
		if a != nil {
			d.committing = true
			return func() map[string]int { return c.commitArticle(ctx, a, seen) }
		}
	}
	c.observe(seen)
	return nil
}

// followPage queues what a page leads to: its frames and parts, and its
// links but an article's own continuation pages, which are fetched with
// it. It returns what the page taught, for observe.
func (c *Crawler) followPage(req frontier.Request, pageURL *url.URL, f *fetched, res *extract.Result, pushed map[string]int) pageSeen {
	c.followParts(req, pageURL, f, pushed)
	links := c.links(req, f)
	if res != nil && len(res.NextPages) > 0 {
		links = c.dropURLs(links, res.NextPages)
	}
	productive, all, allCoarse, outlinks := c.pushLinks(req, links, pushed)
	return pageSeen{req: req, productive: productive, all: all, allCoarse: allCoarse, outlinks: outlinks}
}

// parsePage parses a fetched page, at pageURL, once for its links (into
// f.anchors) and its extraction; nil when it cannot be parsed (recorded).
func (c *Crawler) parsePage(req frontier.Request, f *fetched, pageURL *url.URL) *extract.Document {
	doc, err := extract.Parse(f.body, pageURL)
	if err != nil {
		c.record("extract", req.URL, err)
		return nil
	}
	f.anchors, f.linksCapped = anchorsIn(doc, req.Kind == kindHome || req.Kind == kindSites, queryEncoder(f.charset))
	for _, a := range f.anchors {
		if a.Records != "" {
			c.jsonLists.learn(a.URL, a.Records)
		}
	}
	if f.linksCapped > 0 {
		c.stats.linksCapped.Add(int64(f.linksCapped))
	}
	return doc
}

// withoutInert returns a page link without the query parameters learnt
// inert on its pattern, and whether any was left out.
func withoutInert(ip *inertParams, l pageLink, kind string) (pageLink, bool) {
	if kind != kindPage || !ip.learntAny() {
		return l, false
	}
	s, pu, ok := ip.strip(l.u, l.keys().coarse)
	if !ok {
		return l, false
	}
	l.URL, l.u, l.shaped = s, pu, nil
	return l, true
}

// requeueWithoutInert queues, for a page request queued before one of its
// query parameters was learnt inert (see InertParam), the page without it
// instead (the frontier drops it if known), and reports whether it did.
func (c *Crawler) requeueWithoutInert(req frontier.Request, u *url.URL, pushed map[string]int) bool {
	if req.Kind != kindPage || !c.inert.learntAny() {
		return false
	}
	coarse, _ := keysOfURL(u)
	s, _, ok := c.inert.strip(u, coarse)
	if ok {
		c.push([]frontier.Request{{URL: s, Host: req.Host, Kind: kindPage, Depth: req.Depth, Site: req.Site, Referer: req.Referer}}, pushed)
	}
	return ok
}

// dropWidgetFrames leaves an article's frames out of its links: they are
// its widgets (comments, a player, a share box), not pages of the site to
// read. Its print view (a link reading 打印本页, 【打印此文】 …: PowerEasy's
// Print.asp?ArticleID=N, a CMS's ?print=1) is the article again, a
// request per article for a page the archive holds as an alias.
func dropWidgetFrames(f *fetched, res *extract.Result) {
	if res != nil && res.IsArticle {
		f.anchors = slices.DeleteFunc(f.anchors, func(a anchor) bool { return a.Frame || printView(a.Text) })
	}
}

// printViewWords are what a link to an article's print view reads.
var printViewWords = []string{"打印", "打印本页", "打印此页", "打印此文", "打印本文", "打印文章", "打印该页", "打印页面", "打印预览"}

// printView reports whether a link's text asks for the page's print view:
// one of printViewWords, alone or in brackets.
func printView(text string) bool {
	t := strings.TrimSpace(strings.Trim(strings.TrimSpace(text), "【】[]［］〖〗()（）"))
	return slices.Contains(printViewWords, t)
}

// maxFrames bounds the frames of a page followed as parts of it.
const maxFrames = 16

// followParts queues, on the page's own host and as the same kind of
// request, the pages it sends the browser on to by itself (the target of
// a stub, see stubTarget) and, on a homepage, the pages it is made of:
// the homepage behind a homepage stub, the frames of a frameset homepage
// (<frameset><frame src="main.htm">, as older sites are built) and a
// homepage's inline frames (its friend-site links or a column list) are
// read for child sites and lists as the homepage; an inline frame standing
// in a block of member sites (<h3>县区文明网</h3><iframe src=…>) is read as
// a page of member sites (kindSites), the block's heading being outside
// it. Any other page's frames, and a frame on another host, are ordinary
// links (see links), with their scope rules and pattern budget.
func (c *Crawler) followParts(req frontier.Request, pageURL *url.URL, f *fetched, pushed map[string]int) {
	var parts []frontier.Request
	add := func(abs, kind string) {
		canon, err := c.canonicalize(abs)
		if err != nil || canon == req.URL || Host(canon) != req.Host {
			return
		}
		parts = append(parts, frontier.Request{URL: canon, Host: req.Host, Kind: kind, Depth: req.Depth, Site: req.Site, Referer: req.URL})
	}
	if ref := stubTarget(f.body); ref != "" {
		if abs, err := pageURL.Parse(ref); err == nil {
			add(abs.String(), req.Kind)
			c.stubMoved(req, abs.String(), pushed)
		}
	}
	frames := 0
	for _, a := range f.anchors {
		if a.Frame && req.Kind == kindHome && frames < maxFrames {
			frames++
			kind := req.Kind
			if a.InBlock {
				kind = kindSites
			}
			add(a.URL, kind)
		}
	}
	if req.Kind == kindHome {
		if u := splashTarget(f.anchors, req.Host); u != "" {
			add(u, req.Kind)
		}
	}
	if len(parts) > 0 {
		c.push(parts, pushed)
	}
}

// pageSeen is what a page showed the pattern budget: whether it revealed
// something new, and its links (see pushLinks).
type pageSeen struct {
	req            frontier.Request
	productive     bool
	record         bool // an article archived under its own URL, not as another's alias
	all, allCoarse []string
	outlinks       []string
}

// observe hands what a page showed to the pattern budget.
func (c *Crawler) observe(s pageSeen) {
	for _, p := range c.traps.observe(s.req.URL, s.req.Referer, s.productive, s.record, c.traps.articleURLs(s.all, s.allCoarse), fingerprint(s.outlinks)) {
		c.stoppedNotes.log(c.log, "pattern", p.Pattern, "requests", p.Requests, "reason", p.Reason, "example", p.Example)
	}
}

// commitArticle hands an article page's record to the sink and, once the
// sink has stored it (its capture made durable first), counts it, tells
// the pattern budget what the page showed and marks the request done:
// never before, so that a crash before the commit leaves the page to be
// fetched again. A record that could not be stored while the run stops
// stays in flight in the frontier. It returns the requests it queued per
// host: the article's images and attachments, with Options.CaptureImages
// and CaptureAttachments.
func (c *Crawler) commitArticle(ctx context.Context, a *article.Article, s pageSeen) (pushed map[string]int) {
	if _, ok := c.front.Fence(s.req); !ok {
		// The host's lease was lost (or cannot be proven) since the
		// page was fetched: its next holder archives it.
		c.log.Warn("article not archived: this process can no longer prove its lease on the host; the host's next holder fetches it", "url", s.req.URL)
		return nil
	}
	out, archived := c.archive(s.req, a)
	if !archived && ctx.Err() != nil {
		return nil
	}
	if archived {
		pushed = c.queueCaptures(s.req, a)
		c.traps.markArticle(s.req.URL)
		if out == Added || out == Changed {
			c.traps.noteNews(Host(s.req.URL))
		}
		s.productive = s.productive || out == Added || out == Changed || out == FirstAlias
		s.record = out == Added || out == Changed || out == Unchanged
	}
	c.observe(s)
	c.markDone(s.req.URL)
	return pushed
}

// markDone marks a request done in the frontier, unless the archive cannot
// be written: then nothing is marked done, since what the page queued or
// archived may be incomplete, and the next run fetches it again.
func (c *Crawler) markDone(url string) {
	if c.diskFailure() != nil {
		return
	}
	if err := c.front.Done(url); err != nil {
		c.record("frontier", url, err)
	} else {
		c.stats.processed.Add(1)
	}
}

// mayFetch asks robots.txt whether req may be fetched. False ends the
// request: disallowed, or robots.txt unavailable (then the request is
// retried later in the run, or its host left for the next run).
func (c *Crawler) mayFetch(ctx context.Context, req frontier.Request, u *url.URL, d *done, keep *bool) bool {
	firstRobots := !c.robots.fetched(u)
	allowed, delay, err := c.robots.allowed(ctx, u)
	d.delay = delay
	if firstRobots && !refused(err) {
		c.stats.requests.Add(1)
	}
	if err != nil {
		if ctx.Err() != nil || fenced(ctx) || c.fatal(req.URL, err) {
			*keep = true
			return false
		}
		// robots.txt unreachable or answering 5xx: nothing of the host may
		// be fetched (RFC 9309). Ask again later in the run; if it stays
		// unavailable, leave the host and its queue for the next run.
		*keep, d.failed = true, true
		if ans, ok := errors.AsType[*robotsAnswer](err); ok {
			// Backed off as after the same answer to a page: a 429 or a
			// Retry-After is a host that is up and asks to wait.
			d.status, d.retryAfter = ans.status, ans.retryAfter
		}
		if errKind(err) == KindBotChallenge {
			// A challenge answers the same script again: the host is left
			// for this run at once, saying why.
			c.record(KindBotChallenge, req.URL, err)
			d.skip = "answers an anti-bot script challenge: " + err.Error()
			return false
		}
		switch {
		case isCertificateError(err):
			// The same certificate fails again (Options.StrictTLS).
			c.record(KindCertificate, req.URL, err)
			d.skip = "its HTTPS certificate failed verification: " + err.Error()
			return false
		case isHandshakeRefusal(err):
			// The same offer is refused again (Options.StrictTLS).
			c.record(KindTLSHandshake, req.URL, err)
			d.skip = "its HTTPS server refused the TLS versions and cipher suites offered: " + err.Error()
			return false
		}
		if c.attempt(req.URL) <= c.opts.Retries {
			c.stats.retried.Add(1)
			d.retry = &req
			return false
		}
		c.record(KindRobotsUnreachable, req.URL, err)
		d.skip = "robots.txt unavailable: " + err.Error()
		return false
	}
	if !allowed {
		if k := c.captureOf(req.Kind); k != nil {
			k.stats.robots.Add(1) // counted with their kind, apart from pages
			return false
		}
		c.stats.robotsBlocked.Add(1)
		if req.Kind == kindHome {
			// Nothing of the site is reached: say so by name.
			d.skip = "robots.txt disallows its homepage (scope.ignore_robots_hosts lifts that for a site you may archive)"
		}
		return false
	}
	return true
}

// fetchPage fetches req and returns the HTML page to read, or nil when the
// request ends here: not modified, failed (retried later or recorded), a
// sitemap (read here), or not HTML.
func (c *Crawler) fetchPage(ctx context.Context, req frontier.Request, d *done, keep *bool) *fetched {
	f := c.probe(ctx, req)
	if f == nil {
		f = c.fetchDirectory(ctx, req) // dirindex.go
	}
	if f == nil {
		f = c.fetchWith(ctx, req.URL, req.Kind, withReferer(c.conditional(req), req.URL, req.Referer), 0)
		f = c.directoryIndexAnswer(ctx, req, f) // dirindex.go
	}
	d.status, d.retryAfter = f.status, f.retryAfter
	d.failed = retryable(f)
	c.answered(req.Host, f)
	if f.status == http.StatusNotModified {
		c.notePresent(req)
		c.checked(req)
		c.stats.notModified.Add(1)
		c.traps.observe(req.URL, req.Referer, true, false, nil, 0)
		return nil
	}
	if f.err != nil || f.tooLarge || f.status < 200 || f.status > 299 {
		if ctx.Err() != nil || fenced(ctx) {
			*keep = true
			return nil
		}
		if req.Kind == kindSitemap && errorKind(f) == KindDeadLink {
			c.sitemapListed(req.URL, 0)
			return nil // no sitemap: nothing wrong
		}
		if d.failed && f.retryAfter <= maxRetryAfter && c.tryAgain(req.Host, req.URL, f) {
			// Tried again later in the run, after the host's backoff.
			c.stats.retried.Add(1)
			*keep, d.retry = true, &req
			return nil
		}
		if mv, ok := errors.AsType[*siteMoved](f.err); ok {
			c.follow(req, mv, d.pushedMap())
			return nil
		}
		if c.goneDeadLink(req, f) {
			return nil // marked removed before: counted with the removals
		}
		c.record(errorKind(f), req.URL, f.err)
		return nil
	}
	c.stats.pages.Add(1)
	c.markFinal(req, f)
	if req.Kind == kindSitemap {
		d.pushed = c.sitemap(req, f)
		return nil
	}
	if !isHTML(f.contentType, f.body) {
		if page, ok := islandPage(f.contentType, f.body); ok {
			f.body = page
			return f
		}
		if u := finalURL(req, f); u != nil {
			if page, print, ok := jsonListPage(f.contentType, f.body, u, c.jsonLists.template(req.URL)); ok && !c.jsonLists.pagePrint(u, print) {
				f.body = page
				return f
			}
		}
		c.traps.observe(req.URL, req.Referer, false, false, nil, 0)
		return nil
	}
	return f
}

// islandPage returns, for an XML answer that carries records of markup
// (a data island served alone: the later pages of a column list that a
// government platform's pager script asks its data proxy for, as
// <datastore><recordset><record><![CDATA[<li><a href=…>…]]>), a page
// holding it as the island it is on the column's own page, so its links
// are read as islandLinks reads them. Any other answer is no page.
func islandPage(contentType string, body []byte) ([]byte, bool) {
	mt, _, _ := strings.Cut(strings.ToLower(contentType), ";")
	if mt = strings.TrimSpace(mt); mt != "text/xml" && mt != "application/xml" {
		return nil, false
	}
	if !bytes.Contains(body, []byte("<![CDATA[")) || !bytes.Contains(body, []byte("href")) {
		return nil, false
	}
	text, _, err := extract.Decode(body, contentType)
	if err != nil {
		return nil, false
	}
	if bytes.HasPrefix(text, []byte("<?xml")) {
		if end := bytes.Index(text, []byte("?>")); end >= 0 {
			text = text[end+2:]
		}
	}
	page := make([]byte, 0, len(text)+80)
	page = append(page, `<html><body><script type="text/xml">`...)
	page = append(page, text...)
	return append(page, `</script></body></html>`...), true
}

// pushLinks queues a page's links and reports whether it revealed
// something (new URLs of another path), with what the pattern budget
// weighs: all links and their patterns, and the links outside the page's
// own pattern.
//
// What the page revealed is counted apart from what it merely links: only
// new URLs of another path (an article from a list, a list from a
// homepage) count, not the next calendar month, the next list page or
// another query of the same script, nor a URL the host's robots.txt
// disallows (a forum post's reply or message link, unique to the post,
// that will never be fetched). Its links into article patterns, and
// the fingerprint of its links outside its own pattern, let the pattern
// budget tell a list from a trap (budget.go).
func (c *Crawler) pushLinks(req frontier.Request, links []pageLink, pushed map[string]int) (productive bool, all, allCoarse, outlinks []string) {
	own, family := keysOf(req.URL)
	// Sized once: appending link by link regrew each slice about ten
	// times a page.
	all, allCoarse = make([]string, 0, len(links)), make([]string, 0, len(links))
	others := make([]frontier.Request, 0, len(links))
	var near []frontier.Request
	var robots *robotsEntry // of the page's host, when read
	if pu, err := url.Parse(req.URL); err == nil {
		robots = c.robots.read(pu)
	}
	for i := range links {
		l := &links[i]
		k := l.keys()
		all, allCoarse = append(all, l.URL), append(allCoarse, k.coarse)
		if k.coarse != own {
			outlinks = append(outlinks, l.URL)
		}
		if k.path != family && (robots == nil || l.Host != req.Host || !robots.disallows(l.u, l.URL)) {
			others = append(others, l.Request)
		} else {
			// Queued all the same: robots.txt is asked again, and the
			// URL counted, when it comes up.
			near = append(near, l.Request)
		}
	}
	revealed := c.push(others, pushed)
	c.push(near, pushed)
	productive = revealed > 0 || req.Kind == kindHome || asksArticle(req.Kind)
	return productive, all, allCoarse, outlinks
}

// pushedMap returns d.pushed, creating it.
func (d *done) pushedMap() map[string]int {
	if d.pushed == nil {
		d.pushed = map[string]int{}
	}
	return d.pushed
}

// push queues requests and attributes the new ones to hosts in m. It
// returns how many were new.
func (c *Crawler) push(reqs []frontier.Request, m map[string]int) int {
	if len(reqs) == 0 {
		return 0
	}
	n, err := c.front.Push(reqs...)
	if err != nil {
		c.record("frontier", reqs[0].Referer, err)
	}
	if n > 0 {
		c.countPushed(m, reqs, n)
	}
	return n
}

// dropURLs removes the links to the given (absolute) URLs.
func (c *Crawler) dropURLs(links []pageLink, urls []string) []pageLink {
	drop := map[string]bool{}
	for _, u := range urls {
		if canon, err := c.canonicalize(u); err == nil {
			drop[canon] = true
		}
	}
	out := links[:0]
	for _, l := range links {
		if !drop[l.URL] {
			out = append(out, l)
		}
	}
	return out
}

// archivedThisPass reports whether the page is an article archived since
// the crawl pass began: fetching it again would fetch twice what is
// already archived.
func (c *Crawler) archivedThisPass(req frontier.Request) bool {
	if c.opts.Known == nil || c.opts.PassStart.IsZero() || req.Kind == kindHome {
		return false
	}
	k, ok := c.opts.Known(req.URL)
	return ok && !k.CaptureLost && !k.FetchedAt.Before(c.opts.PassStart)
}

// conditional returns If-None-Match / If-Modified-Since headers for the
// revisit (or sweep) of an archived article whose server gave validators:
// not for one marked removed, nor one whose capture was lost, which are
// asked for whole.
func (c *Crawler) conditional(req frontier.Request) http.Header {
	if !asksArticle(req.Kind) || c.opts.Known == nil {
		return nil
	}
	k, ok := c.opts.Known(req.URL)
	if !ok || k.Removed || k.CaptureLost || (k.ETag == "" && k.LastModified == "") {
		return nil
	}
	h := http.Header{}
	if k.ETag != "" {
		h.Set("If-None-Match", k.ETag)
	}
	if k.LastModified != "" {
		h.Set("If-Modified-Since", k.LastModified)
	}
	return h
}

// withReferer returns h (made when nil) with the Referer a browser would
// send for a request of target from the page referer: the page's URL
// within its origin, only its origin to another one, nothing from https
// to http (strict-origin-when-cross-origin, browsers' default policy).
// Servers see the crawl as they see readers: view counters and
// anti-hotlinking rules (Discuz! attachments, nginx valid_referers) that
// answer only requests from the site's own pages answer it.
func withReferer(h http.Header, target, referer string) http.Header {
	if referer == "" {
		return h
	}
	from, err := url.Parse(referer)
	if err != nil || (from.Scheme != "http" && from.Scheme != "https") {
		return h
	}
	to, err := url.Parse(target)
	if err != nil {
		return h
	}
	from.Fragment, from.RawFragment, from.User = "", "", nil
	var ref string
	switch {
	case from.Scheme == "https" && to.Scheme != "https":
		return h
	case originOf(from) == originOf(to):
		ref = from.String()
	default:
		ref = originOf(from) + "/"
	}
	if h == nil {
		h = http.Header{}
	}
	h.Set("Referer", ref)
	return h
}

// countPushed attributes the new requests to hosts for the scheduler.
// Links of one page are almost always of one host, and then the count is
// exact. Otherwise every link counts: an overcount costs one empty Pop, and
// the scheduler re-reads the frontier before it decides the crawl is over.
func (c *Crawler) countPushed(m map[string]int, links []frontier.Request, n int) {
	hosts := map[string]int{}
	for _, l := range links {
		hosts[l.Host]++
	}
	if len(hosts) == 1 {
		for h := range hosts {
			m[h] += n
		}
		return
	}
	for h, cnt := range hosts {
		m[h] += cnt
	}
}

func (c *Crawler) underCap(site string) bool {
	if c.opts.MaxPagesPerSite <= 0 {
		return true
	}
	c.pagesMu.Lock()
	defer c.pagesMu.Unlock()
	if c.pages[site] >= c.opts.MaxPagesPerSite {
		return false
	}
	c.pages[site]++
	return true
}

// notPage reports whether a link is a file, never a page: its path ends
// in one of skipExt, or a query value does — a download script naming the
// file it sends (/module/download/downfile.jsp?filename=….pdf,
// download.php?file=….doc); or a redirector sending the browser to
// another host, whose URL is a query value (see redirectorTarget).
func notPage(u *url.URL) bool {
	if skipExt[strings.ToLower(path.Ext(u.Path))] || queryNamesFile(u, skipExt) || isAttachment(u) {
		return true
	}
	for q := u.RawQuery; q != ""; {
		var pair string
		pair, q, _ = strings.Cut(q, "&")
		_, v, _ := strings.Cut(pair, "=")
		if len(v) > 7 && strings.EqualFold(v[:4], "http") {
			if _, ok := redirectorTarget(u, u.Host); ok {
				return true
			}
		}
	}
	return false
}

// queryNamesFile reports whether a value of u's query ends in one of exts
// (lower case, with their dot): a script serving a file it names
// (DownFile.aspx?path=/upload/通知.doc).
func queryNamesFile(u *url.URL, exts map[string]bool) bool {
	for q := u.RawQuery; q != ""; {
		var pair string
		pair, q, _ = strings.Cut(q, "&")
		_, v, _ := strings.Cut(pair, "=")
		if i := strings.LastIndexByte(v, '.'); i >= 0 && len(v)-i <= 5 && exts[strings.ToLower(v[i:])] {
			return true
		}
	}
	return false
}

// skipExt are links that are never pages.
var skipExt = map[string]bool{
	".jpg": true, ".jpeg": true, ".png": true, ".gif": true, ".bmp": true, ".webp": true, ".svg": true, ".ico": true,
	".css": true, ".js": true, ".pdf": true, ".doc": true, ".docx": true, ".xls": true, ".xlsx": true, ".ppt": true,
	".pptx": true, ".wps": true, ".zip": true, ".rar": true, ".7z": true, ".gz": true, ".mp3": true, ".mp4": true,
	".avi": true, ".flv": true, ".wmv": true, ".swf": true, ".exe": true, ".apk": true, ".txt": true, ".xml": true,
	".tgz": true, ".tar": true, ".bz2": true, ".xz": true,
}

// links turns a page's anchors (and the script pagers of a CMS, such as
// TRS createPageHTML: cms.ListPages) into frontier
// requests for pages of the sites in scope.
//
// On a later crawl, links to articles already archived are left out, but
// for young articles (published within RevisitAge), which are fetched
// again for their view counts. A list page whose rows reached Overlap
// archived articles is as far back as new articles go: its pager links are
// left out, so paging stops there (listRows.reachedArchive: the rows next
// to the pager, not a sidebar's archived articles beside new rows).
func (c *Crawler) links(req frontier.Request, f *fetched) []pageLink {
	base := f.final
	if base == nil {
		base, _ = url.Parse(req.URL)
	}
	// Sized for the page's links: grown link by link, the candidates
	// (about 150 bytes each) and the set were copied over and over.
	n := len(f.anchors)
	s := linkCands{c: c, req: req, base: base, seen: make(map[string]bool, n), cands: make([]linkCand, 0, n), lookup: make([]string, 0, n)}
	for _, a := range f.anchors {
		if namesDocument(a.Text) {
			continue // a file, whatever its URL (attachments.go)
		}
		s.add(a.URL, pagerLink(base, a), titleLike(a.Text))
	}
	fromAnchors := len(s.cands) // the rest are script pagers', placed nowhere
	for _, p := range cms.ListPages(f.body, base) {
		s.add(p, true, false)
	}
	knownOf := c.knownMany(s.lookup)
	out := make([]pageLink, 0, len(s.cands))
	var pager []pageLink
	var rows listRows
	now := time.Now()
	for i, cd := range s.cands {
		l := cd.l
		if cd.isPager && i < fromAnchors {
			rows.pager()
		}
		if l.Kind == kindPage {
			k, ok := knownOf(l.URL)
			archived, revisit, before := c.archived(k, ok, now)
			rows.add(archived && before, cd.titled && !cd.isPager)
			if archived {
				if !revisit {
					continue
				}
				l.Kind = kindRevisit
			}
		}
		if cd.isPager {
			if req.Kind == kindSites && Host(l.URL) == req.Host {
				l.Kind = kindSites // a paged page of member sites: its next pages list more
			}
			pager = append(pager, l)
			continue
		}
		out = append(out, l)
	}
	if c.opts.Known != nil && c.opts.Overlap > 0 && rows.reachedArchive(c.opts.Overlap) {
		c.stats.pagingStopped.Add(1)
		return out
	}
	return append(out, pager...)
}

// linkCand is a link of a page that Crawler.links may follow.
type linkCand struct {
	l       pageLink
	isPager bool
	titled  bool // its text reads as an article's title (listRows)
}

// linkCands gathers the links of the page req fetched (at base) that
// Crawler.links may follow: each URL once, as the crawl would fetch it,
// in scope and not the page itself.
type linkCands struct {
	c      *Crawler
	req    frontier.Request
	base   *url.URL
	seen   map[string]bool
	cands  []linkCand
	lookup []string // page links, asked of Known together
}

// add adds the link to raw, a pager's or not, titled as an article or not.
func (s *linkCands) add(raw string, isPager, titled bool) {
	canon, pu, err := s.c.canonicalParts(raw)
	if err != nil || s.seen[canon] || canon == s.req.URL {
		return
	}
	s.seen[canon] = true
	if pu == nil {
		if pu, err = url.Parse(canon); err != nil {
			return
		}
	}
	if at, apu := s.c.fetchedAt(canon, pu, s.base.Scheme, s.req.Host); at != canon {
		if apu == nil || s.seen[at] || at == s.req.URL {
			return
		}
		s.seen[at] = true
		canon, pu = at, apu
	}
	host := pu.Host // Host(canon)
	if !s.c.inScope(host) || notPage(pu) {
		return
	}
	kind := kindPage
	if e, ok := s.c.sites.get(host); ok && (e.Home == canon || s.c.caseless.has(host) && foldedURL(e.Home) == canon) {
		kind = kindHome
	}
	l := pageLink{Request: frontier.Request{URL: canon, Host: host, Kind: kind, Depth: s.req.Depth + 1, Site: s.c.siteOf(host), Referer: s.req.URL}, u: pu}
	if nl, changed := withoutInert(s.c.inert, l, kind); changed {
		if s.seen[nl.URL] || nl.URL == s.req.URL {
			return
		}
		s.seen[nl.URL] = true
		l, canon, pu = nl, nl.URL, nl.u
	}
	if kind == kindPage {
		if why := pathological(pu); why != "" {
			s.c.stats.addScope(why)
			return
		}
		if s.c.traps.anyStopped() && s.c.traps.stoppedKeyed(l.keys().coarse, canon, s.req.URL) {
			return
		}
		s.lookup = append(s.lookup, canon)
	}
	s.cands = append(s.cands, linkCand{l, isPager, titled})
}

// pagerLink reports whether a, a link of the page at base, goes to
// another page of the page's list: its text reads as a pager's (or as a
// 加载更多 button's) and its URL is of the list's. Only such a link's URL
// is parsed for the test.
func pagerLink(base *url.URL, a anchor) bool {
	switch {
	case isPagerText(a.Text):
		pu, err := url.Parse(a.URL)
		return err == nil && samePagedList(base, pu)
	case loadMoreText(a.Text):
		pu, err := url.Parse(a.URL)
		return err == nil && loadsMore(base, pu)
	}
	return false
}

// pageLink is a link of a page on its way to the frontier: the request,
// the canonical URL parsed once, and its pattern keys, worked out once
// when first needed (see keysOf).
type pageLink struct {
	frontier.Request
	u      *url.URL
	shaped *linkKeys
}

// linkKeys are a URL's coarse pattern key and its path key.
type linkKeys struct{ coarse, path string }

// keys returns the link's pattern keys, shaping its URL the first time.
func (l *pageLink) keys() linkKeys {
	if l.shaped == nil {
		coarse, path := keysOfURL(l.u)
		l.shaped = &linkKeys{coarse, path}
	}
	return *l.shaped
}

// knownMany looks urls up (Options.KnownMany, else Known for each) and
// returns what is known of each.
func (c *Crawler) knownMany(urls []string) func(string) (Known, bool) {
	switch {
	case c.opts.Known == nil || len(urls) == 0:
		return func(string) (Known, bool) { return Known{}, false }
	case c.opts.KnownMany == nil:
		return c.opts.Known
	}
	m := c.opts.KnownMany(urls)
	return func(u string) (Known, bool) {
		k, ok := m[u]
		return k, ok
	}
}

// archived reports whether a link is an archived article (a later crawl:
// k and ok from Known) and, if so, whether it is young enough
// (RevisitAge) to be fetched again for its view count, and whether it was
// archived before this pass began; an archived article not revisited is
// counted as skipped. One whose raw capture was lost (CaptureLost) counts
// as not archived: it is fetched again.
//
// Only articles of an earlier pass tell that a list page is as far back
// as new articles go (Overlap): one archived in this pass — through
// another list, or before an interruption such as a full disk — says
// nothing of the list's older pages, and stopping there would lose them.
func (c *Crawler) archived(k Known, ok bool, now time.Time) (archived, revisit, before bool) {
	if !ok || k.CaptureLost {
		return false, false, false
	}
	before = c.opts.PassStart.IsZero() || k.FetchedAt.Before(c.opts.PassStart)
	if c.opts.RevisitAge > 0 && !k.Published.IsZero() && now.Sub(k.Published) < c.opts.RevisitAge {
		return true, true, before
	}
	c.stats.knownSkipped.Add(1)
	return true, false, before
}

// pagerText is the text of a pager link or a page menu's option: a page
// number (2, 第2页) or a word such as 下一页 / 尾页 / ».
var pagerText = regexp.MustCompile(`^\s*(?:\d{1,5}|\.\.\.\s*\d{1,5}|第\s*\d{1,5}\s*页|下一?页|上一?页|后页|前页|首页|尾页|末页|最后一页|第一页|下页|上页|[›»>]+|next|Next|NEXT)\s*$`)

// isPagerText is pagerText.MatchString, the regexp asked only of a text
// that starts (after spaces) as one of its words can: most links' texts
// are titles, and running the regexp on every anchor of every page cost
// more than the rest of reading the links.
func isPagerText(text string) bool {
	t := strings.TrimLeft(text, "\t\n\f\r ") // \s of the regexp
	r, _ := utf8.DecodeRuneInString(t)
	if !(r >= '0' && r <= '9') && !strings.ContainsRune(".nN>›»下上后前首尾末最第", r) {
		return false
	}
	return pagerText.MatchString(text)
}

// loadMoreText reports whether a link's text is a 加载更多 button's
// (加载更多, 点击加载更多): short, and saying it loads.
func loadMoreText(text string) bool {
	return len(text) <= 24 && strings.Contains(text, "加载")
}

// loadsMore reports whether the URL a 加载更多 button on page loads is the
// list's next page: on page's host, with a page number (its own
// fragment's URL, as often as not, not the list's).
func loadsMore(page, link *url.URL) bool {
	return page.Host == link.Host && (pageNumber.MatchString(link.Path) || pagerParam(link.Query()))
}

// pageNumber matches the page-number part of list URLs: TRS and 帝国CMS
// index_2.html, DedeCMS list_5_2.html, list-5-2.html, VSB zxdt/2.htm, and
// the /page/2/ of WordPress and most blog engines (the first page is the
// list's directory).
var pageNumber = regexp.MustCompile(`(?:[_-]\d+)(\.s?html?)$|/\d+(\.s?html?)$|/page/\d+/?$`)

// pagedListKey is a list URL with its page number taken out: the pages of
// one list share a key.
func pagedListKey(u *url.URL) string {
	p := u.Path
	if m := pageNumber.FindStringSubmatchIndex(p); m != nil {
		switch {
		case m[2] >= 0:
			p = p[:m[0]] + p[m[2]:m[3]] // index_2.html → index.html
		case m[4] >= 0:
			p = p[:m[0]] + p[m[4]:m[5]] // /xwzx/zxdt/2.htm → /xwzx/zxdt.htm
		default:
			p = p[:m[0]] + "/" // /category/news/page/2/ → /category/news/
		}
	}
	p = strings.TrimSuffix(p, "index.html")
	p = strings.TrimSuffix(p, "index.shtml")
	p = strings.TrimSuffix(p, "index.htm")
	q := u.Query()
	for k := range q {
		if pagerParams[strings.ToLower(k)] {
			q.Del(k)
		}
	}
	return u.Host + p + "?" + q.Encode()
}

// pagerParam reports whether a query numbers its list's page: one of
// pagerParams (page=, pageNo=, pn=, curPage= …) with a number.
func pagerParam(q url.Values) bool {
	for k, v := range q {
		if pagerParams[strings.ToLower(k)] && len(v) > 0 && v[0] != "" && strings.Trim(v[0], "0123456789") == "" {
			return true
		}
	}
	return false
}

// samePagedList reports whether link is another page of the list at page
// (a pager link): same list key, a page number in the URL.
func samePagedList(page, link *url.URL) bool {
	if page.Host != link.Host {
		return false
	}
	hasNumber := pageNumber.MatchString(link.Path) || pagerParam(link.Query())
	if !hasNumber {
		return false
	}
	// A CMS's own list form (DedeCMS: the first page is the directory,
	// the next ones list_<typeid>_<n>.html inside it).
	if cms.ListPage(page, link) {
		return true
	}
	// A list whose first page is its directory and whose next pages are
	// numbered files in it (/zyfw/ → /zyfw/list_2.html, /zyfw/2.html).
	if strings.HasSuffix(page.Path, "/") && page.RawQuery == "" && link.RawQuery == "" &&
		pageNumber.MatchString(link.Path) && path.Dir(link.Path)+"/" == page.Path {
		return true
	}
	return pagedListKey(page) == pagedListKey(link)
}

// maxSitesPages bounds the pages of member sites read per homepage.
const maxSitesPages = 4

// sitesPages returns, as kindSites requests, the homepage's links to pages
// of its own site named as a list of member sites (市县文明网, 文明网联盟,
// 友情链接 …: a member block's heading as a link's whole text), where a
// parent lists its children on a page of their own rather than on its
// homepage.
func sitesPages(req frontier.Request, anchors []anchor) []frontier.Request {
	var out []frontier.Request
	seen := map[string]bool{}
	for _, a := range anchors {
		if len(out) >= maxSitesPages {
			break
		}
		text := strings.TrimSpace(a.Text)
		if n := utf8.RuneCountInString(text); n == 0 || n > 12 || !siteBlock.MatchString(text) && !linkBlock.MatchString(text) {
			continue
		}
		canon, err := Canonicalize(a.URL)
		if err != nil || seen[canon] || canon == req.URL || Host(canon) != req.Host || isRootURL(canon) {
			continue
		}
		seen[canon] = true
		out = append(out, frontier.Request{URL: canon, Host: req.Host, Kind: kindSites, Depth: req.Depth + 1, Site: req.Site, Referer: req.URL})
	}
	return out
}

// memberPage returns the links of a page of member sites as in its
// block: all of them when the page never links its own site (an inline
// frame holding the member list alone, whose heading the homepage shows
// beside it); otherwise each is at least in a list of links, the page
// being one named by a member block's heading (地方文明网), so that a place
// name on a civilization-site domain (南昌 at nc.wenming.cn) is a member
// as in a 友情链接 block.
func memberPage(anchors []anchor, own string) []anchor {
	out := slices.Clone(anchors)
	frame := !slices.ContainsFunc(anchors, func(a anchor) bool { return Host(a.URL) == own || twinHosts(Host(a.URL), own) })
	for i := range out {
		out[i].InBlock = out[i].InBlock || frame
		out[i].InLinks = true
	}
	return out
}

// discover reads a homepage: the top strip fixes the site's own place in
// the hierarchy, the link blocks name child (and sibling) sites, whose
// homepages are queued, and the site's pages of member sites (see
// sitesPages) are queued to be read alike. On such a page (kindSites)
// only the member sites are read: the homepage placed the site. It
// returns the new requests per host.
func (c *Crawler) discover(req frontier.Request, f *fetched) map[string]int {
	own := req.Site
	anchors := f.anchors
	if req.Kind == kindSites {
		anchors = memberPage(anchors, own)
	}
	ancestors, others := readStrip(anchors, own)
	ancestors = c.otherNames(ancestors)
	others = c.knownNames(others)
	ancestors, known := c.selfInStrip(req, f, ancestors)
	if known != "" {
		// Another name of a known site: its pages are the known site's.
		return nil
	}
	self, _ := c.sites.get(own)
	var reqs []frontier.Request
	if req.Kind == kindSites {
		ancestors = nil
	} else {
		reqs = sitesPages(req, f.anchors)
	}
	registerStrip := func() (parent string) {
		for i, a := range ancestors {
			host := Host(a.URL)
			c.sites.add(siteEntry{Site: article.Site{Host: host, Name: a.Text, Level: article.LevelAt(i)}, Home: mustCanon(a.URL), Parent: parent, Fixed: true})
			parent = host
		}
		return parent
	}
	switch {
	case len(ancestors) > 0 && !self.Fixed:
		c.sites.place(own, registerStrip(), article.LevelAt(len(ancestors)))
		self, _ = c.sites.get(own)
	case len(ancestors) > 0 && self.Parent != "" && !c.sites.known(self.Parent) &&
		Host(ancestors[len(ancestors)-1].URL) == self.Parent && len(ancestors) == self.Site.Level.Depth():
		// A listed site whose parent no crawl has met yet (a group crawl
		// on a new archive): the top strip, agreeing with the config,
		// names the ancestors, so that the site's articles get their
		// whole lineage.
		registerStrip()
	}
	if req.Kind == kindHome {
		c.sites.setName(own, titleName(f.body))
		c.sites.answered(own)
	}
	childLevel := article.LevelAt(self.Site.Level.Depth() + 1)
	listed := map[string]bool{}
	for _, a := range others {
		listed[Host(a.URL)] = true
	}
	for _, a := range append(ancestors, others...) {
		host := Host(a.URL)
		home := mustCanon(a.URL)
		if home == "" {
			continue
		}
		if !c.sites.known(host) {
			if _, ok := mobileEditionOf(host, func(h string) bool { return listed[h] || c.sites.known(h) }); ok {
				continue // a listed site's mobile edition, no site (mobilehost.go)
			}
			if self.Site.Level.Depth()+1 > c.opts.MaxLevel.Depth() || self.Site.Level == article.County {
				continue
			}
			if !c.sites.add(siteEntry{Site: article.Site{Host: host, Name: a.Text, Level: childLevel}, Home: home, Parent: own}) {
				continue
			}
		} else {
			// Known sites may have better names here (a top strip names
			// them in full where a link block gave the place only).
			c.sites.setName(host, a.Text)
		}
		if !c.inScope(host) {
			continue
		}
		reqs = append(reqs, frontier.Request{URL: home, Host: host, Kind: kindHome, Depth: req.Depth + 1, Site: host, Referer: req.URL})
	}
	if err := c.sites.save(); err != nil {
		c.record("state", req.URL, err)
	}
	n, err := c.front.Push(reqs...)
	if err != nil {
		c.record("frontier", req.URL, err)
		return nil
	}
	if n == 0 {
		return nil
	}
	pushed := map[string]int{}
	for _, r := range reqs {
		pushed[r.Host]++ // an overcount costs one empty Pop
	}
	return pushed
}

func mustCanon(raw string) string {
	s, err := Canonicalize(raw)
	if err != nil {
		return ""
	}
	return s
}

var titleTag = regexp.MustCompile(`(?is)<title[^>]*>(.*?)</title>`)

// titleName guesses a site's name from its homepage <title>: the part that
// names a 文明网 site, else the whole title.
func titleName(body []byte) string {
	m := titleTag.FindSubmatch(body)
	if m == nil {
		return ""
	}
	t := strings.TrimSpace(string(m[1]))
	for _, part := range strings.FieldsFunc(t, func(r rune) bool { return strings.ContainsRune("-_|—–", r) }) {
		if p := strings.TrimSpace(part); strings.Contains(p, "文明") {
			return p
		}
	}
	return t
}

// noteCharset logs (charsetNotes), once per host, how its pages' charset was decided
// when the bytes overrode a label or the labels disagree.
func (c *Crawler) noteCharset(host string, dec extract.Decoding) {
	if !dec.Overrode && (dec.Header == "" || dec.Meta == "" || strings.EqualFold(dec.Header, dec.Meta)) {
		return
	}
	if _, loaded := c.charsets.LoadOrStore(host, dec.Charset); loaded {
		return
	}
	c.charsetNotes.log(c.log, "host", host, "charset", dec.Charset, "header", dec.Header, "meta", dec.Meta, "reason", dec.Reason)
}

// fetchedAt returns where the link canon (pu as parsed), found on a page
// of host at scheme, is fetched: at a known site when it names the site
// by another name the crawl learnt (othernames.go), at the site's twin
// host when it names
// the site's other name (twinHosts), at the scheme the site is known by
// when it names the other of http and https (atSiteScheme), at the origin
// its origin has moved to (movedOrigins: to https, to a new domain); canon
// itself otherwise. The URL returned is nil when the link names no page
// there.
func (c *Crawler) fetchedAt(canon string, pu *url.URL, scheme, host string) (string, *url.URL) {
	if canon, pu = c.atKnownName(canon, pu); pu == nil {
		return "", nil
	}
	if !c.inScope(pu.Host) && twinHosts(pu.Host, host) && !c.sites.known(pu.Host) {
		canon, pu = c.atTwin(pu, scheme, host)
		if pu == nil {
			return "", nil
		}
	}
	if canon, pu = c.atSiteScheme(canon, pu); pu == nil {
		return "", nil
	}
	for range 3 { // a move after a move
		to, ok := c.moved.target(pu)
		if !ok {
			break
		}
		s, u, err := movedURL(canon, originOf(pu), to)
		if err != nil {
			return "", nil
		}
		canon, pu = s, u
	}
	return canon, pu
}

// atTwin returns the canonical URL, and the URL, of the page u names on
// its site's twin host (see twinHosts), as scheme://host; nil when it has
// none.
func (c *Crawler) atTwin(u *url.URL, scheme, host string) (string, *url.URL) {
	tu := *u
	tu.Scheme, tu.Host = scheme, host
	return c.reCanonical(&tu)
}

// reCanonical returns the canonical URL, and the URL, of u, a canonical
// URL given another scheme or host; nil when it names no page.
func (c *Crawler) reCanonical(u *url.URL) (string, *url.URL) {
	canon, pu, err := c.canonicalParts(u.String())
	if err != nil {
		return "", nil
	}
	if pu == nil {
		if pu, err = url.Parse(canon); err != nil {
			return "", nil
		}
	}
	return canon, pu
}

// twinHosts reports whether a and b are one site's two names, its bare
// domain and www. before it (twinwm.cn and www.twinwm.cn). Many sites
// answer under both with no redirect between them (one server bound to
// both names) while their pages link one and their parent's link block
// names the other: a link from a site's page to its twin is a link to the
// site's own page, followed at the host the crawl knows it by.
func twinHosts(a, b string) bool {
	a, b = strings.ToLower(a), strings.ToLower(b)
	return a != b && (a == "www."+b || b == "www."+a)
}
