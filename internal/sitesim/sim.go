package sitesim

import (
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"sync"
	"text/tabwriter"
	"time"
)

// Options configure a simulation. The zero value is usable.
type Options struct {
	Seed     int64         // same seed → same hierarchy, URLs, texts, dates, counts
	Articles int           // articles across the whole hierarchy at Now (0 → 300)
	Now      time.Time     // simulated "today"; zero → 2026-11-01 09:00 +08:00
	Log      func(Request) // optional; called for every request the sim receives

	// NewPerDay is the number of articles the hierarchy publishes per day
	// after Now (see Advance), split over the sites by weight. 0 → the
	// default: 1.5% of Articles a week, and at least one article per five
	// days on each site whose view count a crawler can read (Discuz!,
	// EmpireCMS, VSB). Negative: no new articles.
	NewPerDay float64
	// Calm switches the server signals off: no 429, no 503 page, no 5xx
	// burst (see signals.go). Traps, aliases and charsets stay.
	Calm bool
	// Latency is how long every request to a site of the hierarchy takes
	// (wall time, 0 = none), so that MaxInFlight sees overlapping requests.
	Latency time.Duration

	// EditsPerDay is the number of seeded edits per day after Now (see
	// Edit), each of an article chosen by the seed among those online;
	// 0 → none.
	EditsPerDay float64

	// Sites is the number of sites of the hierarchy. Up to 18 (and 0) it
	// is the fixed table of 18; above, generated provinces, cities and
	// counties are added in the real network's proportions (wide.go:
	// 3,200 is the real network's size), each a copy of a fixed site of
	// its level with its CMS, charsets, traps and signals.
	Sites int

	// Extras switches on, by name, facts of the real sites that the
	// default simulation leaves out (extras.go: AllExtras lists them),
	// each on the fixed site that carries it.
	Extras []string
}

// Request is one request as the simulation saw and answered it.
type Request struct {
	Host, Path, RawQuery, Method string
	Status                       int
	Outside                      bool      // host is not a site of the hierarchy
	Disallowed                   bool      // the site's own robots.txt disallows the URL for User-agent *
	Time                         time.Time // simulated clock: Now + wall time since New + Advance
	Trap                         string    // the Trap.Name the request fell into, if any
}

// defaultNow is the simulated "today" when Options.Now is zero.
var defaultNow = time.Date(2026, 11, 1, 9, 0, 0, 0, china)

// Sim is the simulated hierarchy. It is safe for concurrent use.
type Sim struct {
	opts   Options
	now    time.Time
	born   time.Time
	sites  []*site
	byHost map[string]*site

	d0 time.Time // midnight of the initial Now
	c0 int64     // working minutes begun between d0 and the initial Now

	mu    sync.Mutex
	adv   time.Duration
	state map[akey]*astate // fetched (counted) and edited articles only

	signals

	dead   bool       // the dead-site extra is on (extras.go)
	moves  bool       // a site relocates (the relocated extra, extras.go)
	pieces memoPieces // rendered pieces that never change (memo.go)
	titles titleTable // the last titles asked for (memo.go)
}

type akey struct{ site, j int32 }

// New builds a simulation. It never fails: every option has a default.
func New(opts Options) *Sim {
	if opts.Articles <= 0 {
		opts.Articles = 300
	}
	if opts.Now.IsZero() {
		opts.Now = defaultNow
	}
	sim := &Sim{opts: opts, now: opts.Now.In(china), born: time.Now(), byHost: map[string]*site{}, state: map[akey]*astate{}}
	sim.signals.init()
	sim.sites = hierarchy(opts.Sites, opts.Seed)
	today := time.Date(sim.now.Year(), sim.now.Month(), sim.now.Day(), 0, 0, 0, 0, china)
	sim.d0 = today
	sim.c0 = sim.started(sim.now)
	weights := make([]int, len(sim.sites))
	sum := 0
	for i, s := range sim.sites {
		weights[i] = s.weight
		sum += s.weight
		if !s.start.Before(today.AddDate(0, 0, -30)) {
			s.start = today.AddDate(-1, 0, 0)
		}
		sim.byHost[s.Host] = s
	}
	for i, n := range allocate(opts.Articles, weights) {
		s := sim.sites[i]
		s.n0 = n
		s.cur.Store(int64(n))
		s.rate = sim.newRate(s, sum)
		sim.layoutSite(s)
	}
	sim.applyExtras()
	return sim
}

// Sites lists all sites, national first, parents before children.
func (sim *Sim) Sites() []Site {
	out := make([]Site, len(sim.sites))
	for i, s := range sim.sites {
		out[i] = s.Site
	}
	return out
}

// DeadLinks lists the canonical URLs the sites link on purpose to pages
// they do not have (they answer 404), as real sites do: a crawl counts
// them as the sites' dead links, not as its own errors.
func (sim *Sim) DeadLinks() []string {
	var out []string
	for _, s := range sim.sites {
		for _, d := range s.deadLinks {
			if c, ok := Canonical(s.Home + strings.TrimPrefix(d, "/")); ok {
				out = append(out, c)
			}
		}
	}
	return out
}

func (sim *Sim) clock() time.Time {
	sim.mu.Lock()
	adv := sim.adv
	sim.mu.Unlock()
	return sim.now.Add(time.Since(sim.born) + adv)
}

// pageNow is the date pages print: Now plus Advance, no wall time, so that
// pages stay byte-identical between runs.
func (sim *Sim) pageNow() time.Time {
	sim.mu.Lock()
	defer sim.mu.Unlock()
	return sim.now.Add(sim.adv)
}

// Describe prints the site table.
func (sim *Sim) Describe(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 2, 8, 2, ' ', 0)
	fmt.Fprintln(tw, "HOST\tNAME\tLEVEL\tPARENT\tCMS\tCHARSET\tVIEWS\tARTICLES\tCOLUMNS")
	for _, s := range sim.sites {
		var cols []string
		for _, c := range s.cols {
			name := c.name
			if c.disallowed {
				name += "(robots-disallowed)"
			}
			cols = append(cols, fmt.Sprintf("%s[%d]", name, s.colCount(indexOf(s, c.name))))
		}
		parent := s.ParentHost
		if parent == "" {
			parent = "-"
		}
		views := "none"
		switch {
		case s.hasViews():
			views = "shown"
		case s.counts():
			views = "robots-blocked"
		}
		charset := s.Charset
		if s.HeaderCharset != s.Charset || s.MetaCharset != s.Charset {
			hdr := s.HeaderCharset
			if hdr == "" {
				hdr = "none"
			}
			charset += fmt.Sprintf("(header:%s,meta:%s)", hdr, s.MetaCharset)
		}
		extras := append([]string(nil), features[s.Host]...)
		if s.mobile {
			extras = append(extras, "mobile")
		}
		if len(extras) > 0 {
			cols = append(cols, "+"+strings.Join(extras, ","))
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%d\t%s\n", s.Host, s.Name, s.Level, parent, s.CMS, charset, views, s.count(), strings.Join(cols, " "))
	}
	if err := tw.Flush(); err != nil {
		return fmt.Errorf("describe sites: %w", err)
	}
	return nil
}

func indexOf(s *site, name string) int {
	for i, c := range s.cols {
		if c.name == name {
			return i
		}
	}
	return -1
}

// metaCharset is the charset the site's <meta> tags declare.
func (s *site) metaCharset() string { return s.MetaCharset }

// recorder remembers the status written and calls answering once, when
// the answer starts: from then on the client may hold all of it.
type recorder struct {
	http.ResponseWriter
	status    int
	answering func()
}

func (r *recorder) WriteHeader(code int) {
	r.status = code
	r.answered()
	r.ResponseWriter.WriteHeader(code)
}

func (r *recorder) Write(b []byte) (int, error) {
	r.answered()
	return r.ResponseWriter.Write(b)
}

// WriteString and ReadFrom pass on what the server's writer does without
// a copy or a buffer of its own (ServeContent copies the page with
// ReadFrom).
func (r *recorder) WriteString(s string) (int, error) {
	r.answered()
	return io.WriteString(r.ResponseWriter, s)
}

func (r *recorder) ReadFrom(src io.Reader) (int64, error) {
	r.answered()
	if rf, ok := r.ResponseWriter.(io.ReaderFrom); ok {
		return rf.ReadFrom(src)
	}
	return io.Copy(onlyWriter{r.ResponseWriter}, src)
}

// onlyWriter hides every method of a writer but Write.
type onlyWriter struct{ io.Writer }

func (r *recorder) answered() {
	if f := r.answering; f != nil {
		r.answering = nil
		f()
	}
}

// ServeHTTP routes by host: the same handler works as an HTTP proxy
// (absolute-form request lines) and as a virtual-host server.
func (sim *Sim) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	host := strings.ToLower(r.Host)
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	host = strings.TrimSuffix(strings.Trim(host, "[]"), ".")
	rec := &recorder{ResponseWriter: w, status: http.StatusOK}
	req := Request{Host: host, Path: r.URL.Path, RawQuery: r.URL.RawQuery, Method: r.Method, Time: sim.clock()}
	defer func() {
		req.Status = rec.status
		if sim.opts.Log != nil {
			sim.opts.Log(req)
		}
	}()
	if r.Method == http.MethodConnect {
		http.Error(rec, "CONNECT is not supported by the simulation", http.StatusMethodNotAllowed)
		return
	}
	s := sim.byHost[host]
	if s == nil && sim.dead && host == deadSite.host {
		hang(rec, r)
		return
	}
	if s == nil {
		if host == "127.0.0.1" || host == "localhost" || host == "::1" || host == "" {
			sim.write(rec, r, sim.index())
			return
		}
		req.Outside = true
		http.Error(rec, "502 Bad Gateway: "+host+" is outside the simulated hierarchy", http.StatusBadGateway)
		return
	}
	if r.URL.Path == "" {
		r.URL.Path = "/" // what a client sends for http://host
	}
	pq := r.URL.EscapedPath()
	if r.URL.RawQuery != "" {
		pq += "?" + r.URL.RawQuery
	}
	req.Disallowed = s.disallows(pq)
	// A request is in flight from its arrival until its answer starts: a
	// body large enough to go out while the handler still runs may reach
	// the client, which sends its next request, before this goroutine
	// returns (on a loaded machine, long before).
	sim.enter(host)
	rec.answering = func() { sim.leave(host) }
	defer rec.answered()
	if sim.opts.Latency > 0 {
		time.Sleep(sim.opts.Latency)
	}
	if out, refused := sim.signal(s, r, req.Time); refused {
		sim.write(rec, r, out)
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		rec.Header().Set("Allow", "GET, HEAD")
		http.Error(rec, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	var out resp
	if host == s.mhost {
		out = sim.serveMobile(s, r)
	} else {
		out = falseGzip(s, sim.serveCMS(s, r))
	}
	if out.trap != "" {
		req.Trap = out.trap
		sim.countTrap(s, out.trap)
	}
	sim.write(rec, r, out)
}

// index is the plain page served for 127.0.0.1 / localhost.
func (sim *Sim) index() resp {
	var b strings.Builder
	b.WriteString("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>wenming sitesim</title></head><body>\n<h1>Simulated 文明网 hierarchy</h1>\n<p>Use this server as an HTTP proxy, or send a Host header.</p>\n<ul>\n")
	for _, s := range sim.sites {
		fmt.Fprintf(&b, "<li><a href=\"%s\">%s</a> %s %s %s %d articles</li>\n", s.Home, s.Name, s.Level, s.CMS, s.Charset, s.count())
	}
	b.WriteString("</ul></body></html>\n")
	return resp{status: http.StatusOK, ctype: "text/html; charset=utf-8", body: b.String()}
}

// Fetches reports how many GETs so far raised the article's view count:
// GETs of any of its pages on Discuz sites, GETs of its counter script
// elsewhere. It counts on DedeCMS and PHPCMS sites too, whose counters
// robots.txt disallows.
func (sim *Sim) Fetches(canonicalURL string) int {
	a, ok := sim.resolve(canonicalURL)
	if !ok || !a.s.counts() {
		return 0
	}
	return int(sim.peek(a).hits)
}

// hit returns the count to show now (organic growth plus earlier counted
// GETs) and the number of earlier counted GETs; when count is true it
// adds one.
func (sim *Sim) hit(a ref, count bool) (views, prior int64) {
	sim.mu.Lock()
	now := sim.simNow()
	var n int64
	if st := sim.state[akey{int32(a.s.idx), int32(a.j)}]; st != nil {
		n = st.hits
	}
	if count {
		st := sim.stateOf(a)
		if st.hits == 0 {
			st.first = sim.adv
		}
		st.hits++
	}
	sim.mu.Unlock()
	return sim.organic(a, now) + n, n
}

// hitAfter adds one when count is true and returns the count after the
// increment, as DedeCMS's count.php (UPDATE, then SELECT) and the
// modelled VSB dynclicks.jsp answer.
func (sim *Sim) hitAfter(a ref, count bool) int64 {
	n, _ := sim.hit(a, count)
	if count {
		n++
	}
	return n
}
