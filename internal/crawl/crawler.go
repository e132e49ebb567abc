package crawl

import (
	"container/heap"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/gocolly/colly/v2"

	"github.com/wenming-archive/wenming/internal/article"
	"github.com/wenming-archive/wenming/internal/extract"
	"github.com/wenming-archive/wenming/internal/frontier"
)

// Kinds of frontier requests.
const (
	kindHome = "home" // a site's homepage: discovery and lineage
	kindPage = "page" // any other page of a site
	// kindSites is a page of a site that lists member sites, linked from
	// its homepage by a member block's name (市县文明网, 文明网联盟): read
	// for child sites as the homepage's link blocks are, and as a page.
	kindSites = "sites"
	// kindCounter marks a view-counter fetch (never queued).
	kindCounter = "counter"
	// kindRevisit is an archived article fetched again for its view count
	// (conditionally, where the server gave validators).
	kindRevisit = "revisit"
	// kindSitemap is a sitemap or sitemap index (robots.txt Sitemap: lines
	// and /sitemap.xml), read for page URLs.
	kindSitemap = "sitemap"
	// kindImage is an image of an archived article, fetched for its
	// capture alone (Options.CaptureImages; images.go).
	kindImage = "image"
	// kindAttachment is a document an archived article links, fetched
	// for its capture alone (Options.CaptureAttachments; attachments.go).
	kindAttachment = "attachment"
	// kindOffered is the document a download page offers (an attachment
	// answered with that page: downloadpage.go), fetched as an attachment
	// but never read for a download page in turn.
	kindOffered = "attachment-offered"
	// kindProbe is a host's robots.txt asked before a request that waits
	// out the host's outage is sent again (never queued; outage.go).
	kindProbe = "probe"
)

// Known is what a crawl knows of an archived article.
type Known struct {
	Published, FetchedAt time.Time
	ETag, LastModified   string
	// CaptureLost: the raw capture of the archived page was lost (see
	// article.Article.CaptureLost); the page is fetched again as though
	// it were not archived.
	CaptureLost bool
	// Removed: the article is marked removed at the source (removed.go);
	// its revisit asks for it whole, so that its text, served again,
	// ends the mark.
	Removed bool
}

// SiteSpec is a site given by the caller: a seed, or a site listed in the
// config with its place in the hierarchy.
type SiteSpec struct {
	URL    string
	Name   string
	Level  article.Level
	Parent string // host of the parent site
}

// Outcome is what archiving one article did.
type Outcome int

// Outcomes of a Sink call.
const (
	Unchanged Outcome = iota // the record existed with the same content (a new view count may still be recorded)
	Added                    // first record of this URL
	Changed                  // the content changed
	Aliased                  // the same article is archived under another URL; this URL became its alias (or, of a preferred form, took the record over)
	// FirstAlias is Aliased where the record had no alias before: the
	// first dynamic, mobile or redirected form of an article found pays
	// its way in the trap budget, a stream of further ones does not.
	FirstAlias
)

// Stored is what a Sink did with an article.
type Stored struct {
	Outcome Outcome
	// Record is, for Aliased and FirstAlias, the URL of the record that
	// holds the article: the URL the archive found it under first, or ""
	// when the sink does not tell (or the article's URL took the record).
	Record string
}

// Sink receives every extracted article. It must be safe for concurrent use.
// It is called apart from the workers, which go on fetching while it runs
// (up to maxCommitting calls a worker at once): it may wait on disks, as a
// durable store does. The article's request is marked done once it
// returns, never before.
type Sink func(*article.Article) (Stored, error)

// Options configure a Crawler. Zero values take the defaults noted.
type Options struct {
	Seeds []SiteSpec
	Sites []SiteSpec

	UserAgent     string        // default "wenming/0.1"
	Workers       int           // requests in flight overall; default 8
	PerHost       int           // requests in flight per host; default 1
	Delay         time.Duration // between requests to one host
	RandomDelay   time.Duration // up to this much extra delay
	Timeout       time.Duration // per exchange, a second more per 32 KiB of body received (allowance.go); default 30s
	Retries       int           // retries after network errors, 429 and 5xx
	RetryBackoff  time.Duration // first backoff; doubles; default 1s
	Proxy         string        // proxy URL; "" = HTTP_PROXY etc. from the environment
	FetchCounters bool          // fetch view counts loaded by script
	MaxBodyBytes  int           // default 10 MiB

	// CaptureImages fetches the images of every article archived, so that
	// the WARC recorder behind Transport keeps them (images.go).
	CaptureImages bool
	// CaptureAttachments records the documents every article archived
	// links (article.Attachments) and fetches them, so that the WARC
	// recorder behind Transport keeps them (attachments.go).
	CaptureAttachments bool
	// CapturedBefore tells whether an earlier run captured a URL (the
	// WARC index); an image it captured is not fetched again. Nil: none.
	CapturedBefore func(url string) bool
	// Archived returns the archived record of an article URL (the Sink's
	// store): with CaptureAttachments, a record listing an attachment
	// that turns out to be a download page is stored again listing the
	// document behind it, and a later run takes that document from it
	// (downloadpage.go). Nil: records list the download pages. A removal
	// sweep compares its page with it too (sweep.go); nil: a sweep
	// archives what it finds, as a revisit does.
	Archived func(url string) (*article.Article, bool)

	MaxLevel     article.Level // deepest level discovered; default county
	ExcludeHosts []string
	// IgnoreRobotsHosts are hosts whose robots.txt rules are not obeyed
	// (its Crawl-delay still is): sites the user runs or may archive,
	// whose robots.txt lets only search engines' crawlers in.
	IgnoreRobotsHosts []string
	MaxPagesPerSite   int // 0 = no cap
	// Only restricts the crawl to these sites (hosts) and their descendants:
	// a crawl of one site group. They must be seeds, listed sites or sites
	// an earlier crawl found. Empty means the whole hierarchy.
	Only []string

	// Known tells whether an article is archived already (a later crawl):
	// its links are then not followed, but for articles younger than
	// RevisitAge, which are fetched again (conditionally) for a new view
	// count. A list page showing Overlap or more archived articles stops
	// paging. Known nil makes every crawl a full one.
	Known func(url string) (Known, bool)
	// KnownMany is Known for the links of one page at once (one look-up
	// instead of one per link): what is known of those archived, by URL.
	// Nil asks Known for each.
	KnownMany  func(urls []string) map[string]Known
	RevisitAge time.Duration
	Overlap    int
	// PassStart is when the crawl pass began that this run starts or
	// resumes: an article archived since then is never fetched again in
	// the pass, even if a crash kept it from being marked done.
	PassStart time.Time

	// Removed, when set, records that a revisit found the archived
	// article url names gone from its site (removed.go): called at the
	// end of the run for the answers of healthy hosts, it reports whether
	// the record changed.
	Removed func(url string, r article.Removal) (bool, error)

	// RemovalSweep is how many archived articles of each site a pass asks
	// again, those asked longest ago first, beyond the young ones it
	// revisits: when the site's homepage answers, up to this many that
	// Unchecked names are queued (sweep.go). 0: no sweep.
	RemovalSweep int
	// Unchecked returns the URLs of up to n archived articles of host
	// last fetched or checked before askedBefore and not published since
	// publishedSince (zero: any), asked longest ago first.
	Unchecked func(host string, askedBefore, publishedSince time.Time, n int) ([]string, error)
	// Checked records that a revisit or a sweep found the archived
	// article url names still served as archived at at: a 304, or (a
	// sweep) a page of the record's title and text.
	Checked func(url string, at time.Time) error

	// Capture, when set, tells where the raw exchange of a fetched URL was
	// archived (the WARC recorder); articles then point at their capture.
	Capture func(url string) (article.Capture, bool)

	// Extract passes the user's profiles (config.yaml) to the extractor.
	Extract extract.Options

	// StateDir holds the site registry (sites.json). "" keeps it in memory.
	StateDir string
	// SharedSites, when set, keeps the site registry instead, shared with
	// the other processes crawling the same frontier.
	SharedSites SiteStore
	Logger      *slog.Logger
	// Transport replaces the HTTP transport (the WARC recorder's, tests);
	// Proxy and TLS are then its own.
	Transport http.RoundTripper
	// StrictTLS refuses a site whose HTTPS certificate fails
	// verification (KindCertificate) or that speaks only a legacy
	// protocol version or cipher suite; by default its pages are fetched
	// and the host noted in TLSNotes (see ClientTLS).
	StrictTLS bool
	// TLSNotes collects the hosts whose certificate failed verification
	// or whose TLS was legacy, for Summary.Unverified: the same notes the
	// Transport's TLS configuration (ClientTLS) writes. nil: New makes
	// its own.
	TLSNotes *TLSNotes
}

// Crawler runs one crawl over a frontier.
type Crawler struct {
	opts     Options
	front    Frontier
	sink     Sink
	log      *slog.Logger
	client   *http.Client
	colly    *colly.Collector // the base of fetchers' clones (see fetcher)
	fetchers sync.Pool        // *colly.Collector clones, one per fetch at a time
	robots   *robotsCache
	sites    *sites
	stats    stats
	// images and attachments are the kinds of capture (capture.go).
	images, attachments captureKind
	offers              offers // the download pages read (downloadpage.go)
	agent               string
	pagesMu             sync.Mutex
	pages               map[string]int // pages fetched per site in this run
	gatesMu             sync.Mutex
	gates               map[string]*hostGate
	traps               *patterns
	jsonLists           jsonLists     // JSON list endpoints' record templates and page prints (jsonrecords.go)
	inert               *inertParams  // query parameters learnt to name no page of their own
	dirIndexes          *urlMemory    // directories answering 404, served by their index page or gone (dirindex.go)
	noSitemaps          *urlMemory    // guessed sitemaps that listed nothing (sitemapmemory.go)
	moved               *movedOrigins // origins learnt to redirect every URL to another (https, a new domain)
	gateJar             *gateCookies  // cookies of cookie gates, per host
	listDates           listDates     // row dates of the list pages read lately (listdate.go)
	counts              countMemo     // view counts read lately, by counter URL (countmemo.go)

	// outages are the failed attempts per URL in this run and what their
	// hosts answered meanwhile (outage.go).
	outages outages
	// removals are what the revisits of the run found gone (removed.go).
	removals removals

	charsets sync.Map // host → charset decision already logged
	names    sync.Map // host → the known site's host it is another name of (othernames.go)
	// Notes logged a line per URL pattern stopped, per host whose
	// charset the bytes decided, per host left and per query parameter
	// learnt inert, the first few at their level (notes.go).
	stoppedNotes, charsetNotes, leftNotes, inertNotes notes

	skippedMu sync.Mutex
	skipped   map[string]string // host → why it was left for this run

	// caseless are the hosts that answer paths in any case (IIS).
	caseless caselessHosts

	// abort stops the run at the first DiskError, which failure keeps.
	abort     context.CancelCauseFunc
	failureMu sync.Mutex
	failure   *DiskError
}

// New prepares a crawl. The frontier may hold the unfinished work of an
// earlier run, which is resumed.
func New(opts Options, front Frontier, sink Sink) (*Crawler, error) {
	if front == nil || sink == nil {
		return nil, errors.New("crawl: frontier and sink are required")
	}
	if opts.UserAgent == "" {
		opts.UserAgent = "wenming/0.1"
	}
	if opts.Workers <= 0 {
		opts.Workers = 8
	}
	if opts.PerHost <= 0 {
		opts.PerHost = 1
	}
	if opts.Timeout <= 0 {
		opts.Timeout = 30 * time.Second
	}
	if opts.RetryBackoff <= 0 {
		opts.RetryBackoff = time.Second
	}
	if opts.MaxBodyBytes <= 0 {
		opts.MaxBodyBytes = 10 << 20
	}
	if opts.MaxLevel == "" {
		opts.MaxLevel = article.County
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	if opts.TLSNotes == nil {
		opts.TLSNotes = NewTLSNotes()
	}
	c := &Crawler{
		opts: opts, front: front, sink: sink, log: opts.Logger,
		pages: map[string]int{}, gates: map[string]*hostGate{}, traps: newPatterns(idleLimit), inert: newInertParams(), dirIndexes: newDirIndexes(), noSitemaps: newNoSitemaps(), moved: newMovedOrigins(), gateJar: newGateCookies(),
		outages: newOutages(), skipped: map[string]string{},
	}
	c.stats.errors = map[string]int64{}
	c.stoppedNotes.msg, c.charsetNotes.msg = "URL pattern stopped: its pages revealed nothing new", "charset decided by the bytes"
	c.leftNotes.msg, c.leftNotes.level = "host left for this run", slog.LevelWarn
	c.inertNotes.msg = "query parameter learnt inert: its pages are the pages without it"
	c.images, c.attachments = imageKind(&c.stats.images), attachmentKind(&c.stats.attachments)
	if err := c.inert.load(opts.StateDir, time.Now()); err != nil {
		c.log.Warn("inert query parameters of earlier runs not read", "err", err)
	}
	if err := c.traps.loadTraps(opts.StateDir, time.Now()); err != nil {
		c.log.Warn("URL patterns stopped by earlier runs not read", "err", err)
	}
	for _, m := range []*urlMemory{c.dirIndexes, c.noSitemaps} {
		if err := m.load(opts.StateDir, time.Now()); err != nil {
			c.log.Warn("what earlier runs learnt not read", "err", err)
		}
	}

	transport := opts.Transport
	if transport == nil {
		t := http.DefaultTransport.(*http.Transport).Clone()
		t.MaxIdleConnsPerHost = opts.PerHost + 2
		t.ResponseHeaderTimeout = opts.Timeout
		t.TLSClientConfig = ClientTLS(opts.StrictTLS, nil, opts.TLSNotes)
		if opts.Proxy != "" {
			pu, err := url.Parse(opts.Proxy)
			if err != nil {
				return nil, fmt.Errorf("crawl: proxy %q: %w", opts.Proxy, err)
			}
			t.Proxy = http.ProxyURL(pu)
		} else {
			t.Proxy = http.ProxyFromEnvironment
		}
		transport = t
	}
	// Every request, whoever sends it (colly, the robots.txt check), passes
	// the per-host gate at the moment it goes out, then the guard, which
	// reads the body within the timeout and the size cap (guard.go). The
	// client has no timeout of its own: the guard's allowance, which grows
	// with what arrives, bounds each exchange (allowance.go), and at most
	// maxRedirects of them make a request.
	guarded := guard{inner: transport, maxBody: int64(opts.MaxBodyBytes), timeout: opts.Timeout}
	c.client = &http.Client{Transport: gated{inner: guarded, c: c}}
	c.agent = productToken(opts.UserAgent)
	c.robots = newRobotsCache(c.client, c.agent, opts.UserAgent, opts.IgnoreRobotsHosts...)

	s, err := openSitesOf(opts)
	if err != nil {
		return nil, err
	}
	c.sites = s
	c.colly = c.newCollector()
	return c, nil
}

// inScope reports whether pages of host may be fetched: a known site of
// the hierarchy (or its mobile edition's host), and in a group crawl one
// of the group's sites or their descendants.
func (c *Crawler) inScope(host string) bool {
	if !c.sites.known(host) {
		if site, ok := c.sites.mobileOf(host); ok {
			return c.inScope(site) // a site's mobile edition (mobilehost.go)
		}
		return false
	}
	if len(c.opts.Only) == 0 {
		return true
	}
	for _, s := range c.sites.lineage(host) {
		from := ""
		if e, ok := c.sites.get(s.Host); ok {
			from = e.MovedFrom
		}
		for _, h := range c.opts.Only {
			if s.Host == h || from == h {
				return true
			}
		}
	}
	return false
}

// productToken is the part of a User-Agent that robots.txt groups name:
// "wenming/0.1 (…)" → "wenming".
func productToken(ua string) string {
	tok := ua
	if i := strings.IndexAny(tok, "/ "); i > 0 {
		tok = tok[:i]
	}
	return strings.ToLower(tok)
}

// Run crawls until the frontier is empty or ctx is cancelled. On
// cancellation the requests in flight finish and Run returns ctx's error
// with the summary so far; the frontier keeps the rest for the next run.
//
// A write to the archive that fails for lack of space or permission (a
// DiskError, from the sink, the frontier, the site registry or the WARC
// recorder behind Transport) stops the run at once: the requests in
// flight are cancelled and no request is marked done from then on, so
// everything not archived is fetched by the next run. Run then returns
// that *DiskError.
func (c *Crawler) Run(ctx context.Context) (Summary, error) {
	ctx, abort := context.WithCancelCause(ctx)
	defer abort(nil)
	c.abort = abort
	c.stats.mu.Lock()
	c.stats.started = time.Now()
	c.stats.mu.Unlock()
	if err := c.enqueueSites(); err != nil {
		return c.summary(), err
	}
	c.colly.Context = ctx
	err := c.schedule(ctx)
	if de := c.diskFailure(); de != nil {
		// The cancellation was ours: report why.
		return c.summary(), de
	}
	if serr := c.sites.finish(); serr != nil && err == nil {
		err = serr
	}
	if serr := c.inert.save(c.opts.StateDir); serr != nil && err == nil {
		err = serr
	}
	if serr := c.traps.saveTraps(c.opts.StateDir, time.Now(), c.failedHosts()); serr != nil && err == nil {
		err = serr
	}
	for _, m := range []*urlMemory{c.dirIndexes, c.noSitemaps} {
		if serr := m.save(c.opts.StateDir); serr != nil && err == nil {
			err = serr
		}
	}
	c.recordRemovals() // an interrupted run's too: what it met is so
	c.stoppedNotes.logMore(c.log, "URL patterns stopped; the summary lists them all")
	c.charsetNotes.logMore(c.log, "hosts whose charset the bytes decided")
	c.leftNotes.logMore(c.log, "hosts left for this run; the summary lists them all")
	c.inertNotes.logMore(c.log, "query parameters learnt inert; the summary lists them all")
	sum := c.summary()
	if err == nil && sum.Pages == 0 && len(sum.Errors) > 0 {
		// Not a single page: the seeds are unreachable (a wrong proxy, no
		// network). Say so rather than report an empty success.
		err = fmt.Errorf("%w: %s", ErrNothingFetched, firstSample(sum.ErrorSamples))
	}
	return sum, err
}

// enqueueSites registers the seeds and listed sites and queues their
// homepages (the frontier drops those already seen in this crawl).
func (c *Crawler) enqueueSites() error {
	var reqs []frontier.Request
	add := func(sp SiteSpec) error {
		e, err := c.sites.addSpec(sp)
		if err != nil {
			return err
		}
		reqs = append(reqs, frontier.Request{URL: e.Home, Host: e.Site.Host, Kind: kindHome, Site: e.Site.Host})
		return nil
	}
	for _, sp := range c.opts.Seeds {
		if sp.Level == "" {
			sp.Level = article.National
		}
		if err := add(sp); err != nil {
			return err
		}
	}
	for _, sp := range c.opts.Sites {
		if err := add(sp); err != nil {
			return err
		}
	}
	if len(c.opts.Only) > 0 {
		// A group crawl starts at the group's sites alone.
		reqs = reqs[:0]
		only := make([]string, 0, len(c.opts.Only))
		for _, given := range c.opts.Only {
			h, err := c.sites.resolve(given)
			if err != nil {
				return fmt.Errorf("site group: %w", err)
			}
			e, _ := c.sites.get(h)
			only = append(only, h)
			reqs = append(reqs, frontier.Request{URL: e.Home, Host: h, Kind: kindHome, Site: h})
		}
		c.opts.Only = only // hosts, for inScope
	}
	if _, err := c.front.Push(reqs...); err != nil {
		return fmt.Errorf("queue seeds: %w", err)
	}
	return c.sites.save()
}

// hostState is the scheduler's view of one host.
type hostState struct {
	inflight   int
	committing int       // its articles being stored (see scheduler.committing)
	next       time.Time // earliest start of the next request
	delay      time.Duration
	fails      int    // failed answers (429, 5xx, network) in a row
	silent     int    // of those, the last in a row that said nothing of when to come back
	skip       string // why the host is left for this run; "" if it is not
	fenced     bool   // a request of it was stopped by the lease fence since the host was last claimed
}

// done is a worker's report to the scheduler.
type done struct {
	host       string
	leaseLost  bool              // the request was left in the frontier to the host's next holder (fence.go)
	pushed     map[string]int    // new requests per host
	delay      time.Duration     // Crawl-delay learnt from robots.txt
	status     int               // HTTP status of the page; 0 if none
	failed     bool              // a failure worth retrying (network, 429, 5xx)
	retryAfter time.Duration     // the server's Retry-After
	retry      *frontier.Request // stays in flight, to be retried later
	skip       string            // leave the host for this run, for this reason
	committing bool              // the page's article is being stored: a report with committed follows
	committed  bool              // not a worker's report: the end of an article's commit
}

// retryItem is a request waiting to be tried again.
type retryItem struct {
	req frontier.Request
	at  time.Time
}

// Backoff after failures of one host: doubling from RetryBackoff (at most
// maxBackoffDoublings times: 1s … 32s by default), never past maxHostBackoff.
const (
	maxBackoffDoublings = 5
	maxHostBackoff      = time.Minute
)

// hostDownFailures is how many failed answers in a row (network errors,
// 5xx, failure pages) leave a host for the run as down, its queue kept
// for the next run; a 429, or a 503 that says when to come back, breaks
// the row (the server is up and talking). Each failure waits the doubling
// backoff before the next request, so by then the host has failed for
// minutes (over 2.5 with the default 1s backoff: 1+2+4+…+32+32+32+32 s,
// the timeouts aside), longer than a burst of overload lasts; and a host
// that went down mid-crawl is not asked for each of its queued pages,
// each up to the timeout and again after every retry (Nutch's
// fetcher.max.exceptions.per.queue does the same).
const hostDownFailures = 10

// schedule hands requests to workers so that every host gets at most
// PerHost requests at once and its delay between them. A host that fails
// (429, 5xx, network errors) is backed off on its own — by its
// Retry-After, or doubling from RetryBackoff — while the other hosts go
// on; the failed request is retried later in the run, up to Retries
// times. A host whose Retry-After is past maxRetryAfter is left for the
// run (its requests stay queued for the next one).
func (c *Crawler) schedule(ctx context.Context) error {
	jobs := make(chan frontier.Request)
	results := make(chan done, c.opts.Workers)
	var wg sync.WaitGroup
	for i := 0; i < c.opts.Workers; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for req := range jobs {
				d, commit := c.process(ctx, req)
				results <- d
				if commit != nil {
					// Reported after d, so the scheduler counts the
					// commit before its end.
					go func() {
						results <- done{host: d.host, committed: true, pushed: commit()}
					}()
				}
			}
		}()
	}
	defer func() {
		close(jobs)
		wg.Wait()
	}()

	s := &scheduler{c: c, ctx: ctx, jobs: jobs, pending: map[string]int{}, hosts: map[string]*hostState{}}
	if err := s.claim(); err != nil {
		return err
	}
	timer := time.NewTimer(time.Hour)
	defer timer.Stop()
	for {
		stopping := ctx.Err() != nil || s.runErr != nil
		// Hand out as much work as hosts and workers allow.
		s.now, s.wake = time.Now(), time.Time{}
		if !stopping {
			if !s.full() && s.now.Sub(s.claimed) >= claimEvery {
				// Take hosts other processes sharing the frontier left.
				if err := s.claim(); err != nil {
					s.runErr = err
					continue
				}
			}
			s.dispatchQueued()
			s.dispatchRetries()
		}
		if s.idle() && (stopping || (len(s.pending) == 0 && len(s.retries) == 0)) {
			if s.runErr != nil {
				return s.runErr
			}
			if stopping {
				return ctx.Err()
			}
			more, err := s.refreshPending()
			if err != nil {
				return err
			}
			if !more {
				return nil
			}
			continue
		}
		var timerC <-chan time.Time
		if !s.wake.IsZero() {
			if !timer.Stop() {
				select {
				case <-timer.C:
				default:
				}
			}
			timer.Reset(time.Until(s.wake))
			timerC = timer.C
		}
		select {
		case d := <-results:
			s.received(d)
		case <-timerC:
		case <-ctx.Done():
			if s.idle() {
				return ctx.Err()
			}
			s.count(<-results)
		}
	}
}

// scheduler is the state of one schedule loop: the queued requests per
// host, each host's politeness and backoff, the retries and the requests
// in flight.
type scheduler struct {
	c       *Crawler
	ctx     context.Context
	jobs    chan<- frontier.Request
	pending map[string]int // queued requests per host (hints; the frontier has the last word)
	// ready and waiting hold the hosts with queued requests that may be
	// handed one now, and those waiting for their next allowed time
	// (readyhosts.go); a host in neither has pagesPerHost requests in
	// flight.
	ready    readyHosts
	waiting  waitingHosts
	hosts    map[string]*hostState
	retries  []retryItem
	inflight int
	// committing counts the articles being stored after their workers
	// went on (see Crawler.process): their requests stay in flight in
	// the frontier until then.
	committing int
	runErr     error
	now        time.Time // this round's time
	wake       time.Time // when the round's earliest waiting host may go on
	claimed    time.Time // when hosts were last claimed from the frontier
}

// claimEvery is how often a crawl with idle workers asks the frontier for
// more hosts, and waits for work other processes hold.
const claimEvery = time.Second

// claim asks the frontier for the hosts this crawl may work on (all of
// them, unless other processes share the frontier) and notes their
// queued requests and next allowed times; it gives back those the
// frontier asks it to share (Lease.GiveBack) where it has nothing in
// flight. claimWait reports whether others hold work that may still come
// this crawl's way.
func (s *scheduler) claim() error {
	_, err := s.claimWait()
	return err
}

func (s *scheduler) claimWait() (wait bool, err error) {
	s.claimed = time.Now()
	leases, wait, err := s.c.front.Claim(max(2*s.c.opts.Workers, 4))
	if err != nil {
		s.c.fatal("", err)
		return false, fmt.Errorf("frontier: %w", err)
	}
	for _, l := range leases {
		hs := s.state(l.Host)
		hs.fenced = false // held, and proven so by the claim
		if hs.skip != "" || (l.GiveBack && s.giveBack(l.Host, hs)) {
			continue
		}
		if l.Pending > 0 {
			s.queue(l.Host, l.Pending-s.pending[l.Host])
			s.makeReady(l.Host)
		} else {
			delete(s.pending, l.Host)
		}
		if l.Next.After(hs.next) {
			hs.next = l.Next
			s.c.holdHost(l.Host, time.Until(l.Next))
		}
	}
	return wait, nil
}

// release lets go of a host this crawl has no more work for (nothing
// queued, in flight or to retry), so that another process sharing the
// frontier may take it, from its next allowed time on.
func (s *scheduler) release(host string) {
	hs := s.state(host)
	if (s.pending[host] > 0 && hs.skip == "") || s.busy(host, hs) {
		return
	}
	s.letGo(host, hs)
}

// giveBack lets go of a host the frontier asks this crawl to share, with
// its queued requests, unless a request of it is in flight, being stored
// or to be retried here: another process takes it from its next allowed
// time on.
func (s *scheduler) giveBack(host string, hs *hostState) bool {
	if s.busy(host, hs) {
		return false
	}
	delete(s.pending, host)
	s.letGo(host, hs)
	return true
}

// busy reports whether host has requests in flight, articles being stored
// or requests to retry (those of a host left for the run do not count).
func (s *scheduler) busy(host string, hs *hostState) bool {
	if hs.inflight > 0 || hs.committing > 0 {
		return true
	}
	for _, r := range s.retries {
		if r.req.Host == host && hs.skip == "" {
			return true
		}
	}
	return false
}

// letGo releases host to the frontier with its next allowed time.
func (s *scheduler) letGo(host string, hs *hostState) {
	next := hs.next
	if hs.skip != "" {
		// Left for this run: the others leave it too, for a while.
		next = maxTime(next, time.Now().Add(maxRetryAfter))
	}
	if err := s.c.front.Release(host, next); err != nil {
		s.c.record("frontier", host, err)
	}
}

func (s *scheduler) state(h string) *hostState {
	hs, ok := s.hosts[h]
	if !ok {
		hs = &hostState{}
		s.hosts[h] = hs
	}
	return hs
}

// later notes that a host may go on at t.
func (s *scheduler) later(t time.Time) {
	if s.wake.IsZero() || t.Before(s.wake) {
		s.wake = t
	}
}

// dispatch hands req to a worker, reporting false when the crawl was
// cancelled first.
func (s *scheduler) dispatch(req frontier.Request, hs *hostState) bool {
	hs.inflight++
	s.inflight++
	// Reserve the slot's start time now so parallel slots are spaced too.
	hs.next = s.now.Add(s.c.pause(hs))
	select {
	case s.jobs <- req:
		return true
	case <-s.ctx.Done():
		// It stays in flight in the frontier, which requeues it on open.
		hs.inflight--
		s.inflight--
		return false
	}
}

// dispatchQueued hands out the hosts' queued requests, as far as the
// workers, each host's pagesPerHost and its next allowed time allow. When
// more hosts are ready than workers are free, the hosts with the longest
// queues go first. A crawl lasts at least as long as its largest host
// takes at pagesPerHost requests at once: a large host taking its turn
// among small ones, one request each, is left to end the crawl alone on
// pagesPerHost of the workers while the rest of them idle. Served first,
// it keeps its requests in flight from the start and the small hosts fill
// the other workers. (In the simulation the national site holds a quarter
// of the articles: with 16 workers and 4 per host it needs its share all
// along.)
// Only the hosts that may go on are looked at (readyhosts.go).
func (s *scheduler) dispatchQueued() {
	s.waiting.wakeUntil(s.now, s.makeReady)
	for s.ready.Len() > 0 && !s.full() && s.runErr == nil {
		s.dispatchHost(s.ready.take())
	}
	if len(s.waiting) > 0 {
		s.later(s.waiting[0].at)
	}
}

// makeReady puts host among the hosts that may be handed a request now,
// at the place its queue's length gives it; the next round finds out
// whether it may (it may have PerHost requests in flight or have to wait).
func (s *scheduler) makeReady(host string) {
	if n := s.pending[host]; n > 0 {
		s.ready.add(host, n)
	}
}

// queue notes n more queued requests of host. Only hosts with queued
// requests are in s.pending (a host whose count falls to 0 is taken out
// where it falls, see dispatchHost), so that an idle crawl with nothing
// pending ends.
func (s *scheduler) queue(host string, n int) {
	if _, ok := s.pending[host]; !ok && n <= 0 {
		return
	}
	s.pending[host] += n
	s.makeReady(host)
}

// dispatchHost hands out the next queued request of host, when the host
// may have one now, and puts the host where it belongs after: among the
// ready hosts, the waiting ones, or neither (readyhosts.go).
func (s *scheduler) dispatchHost(host string) {
	c := s.c
	n, ok := s.pending[host]
	if !ok {
		return
	}
	if n <= 0 {
		delete(s.pending, host)
		return
	}
	hs := s.state(host)
	if hs.skip != "" {
		delete(s.pending, host)
		return
	}
	if hs.inflight >= c.pagesPerHost() {
		return
	}
	if s.now.Before(hs.next) {
		heap.Push(&s.waiting, hostWait{hs.next, host})
		return
	}
	// Requests decided without a fetch (see skip) use no politeness
	// slot: pop on until one is dispatched.
	for s.pending[host] > 0 && s.runErr == nil {
		req, ok, err := c.front.Pop(host)
		if err != nil {
			c.fatal(host, err)
			s.runErr = fmt.Errorf("frontier: %w", err)
			break
		}
		if !ok {
			delete(s.pending, host)
			s.release(host)
			break
		}
		s.pending[host]--
		if c.skip(req) {
			if err := c.front.Done(req.URL); err != nil {
				c.record("frontier", req.URL, err)
			} else {
				c.stats.processed.Add(1)
			}
			continue
		}
		if !s.dispatch(req, hs) {
			return // cancelled: nothing more is handed out
		}
		break
	}
	if s.runErr != nil {
		return
	}
	n, ok = s.pending[host]
	switch {
	case ok && n <= 0:
		delete(s.pending, host) // the frontier is asked again at the end
		s.release(host)         // all popped were skipped: nothing in flight
	case !ok || hs.inflight >= c.pagesPerHost():
		// back when one of its requests is counted (count)
	case s.now.Before(hs.next):
		heap.Push(&s.waiting, hostWait{hs.next, host})
	default:
		s.makeReady(host)
	}
}

// dispatchRetries hands out failed requests again (after the queues, so
// that pending is exact here). A failed request is tried again once its
// host's queue is empty: a burst of errors is then spread over many pages
// instead of spending every retry of one page.
func (s *scheduler) dispatchRetries() {
	kept := s.retries[:0]
	for _, r := range s.retries {
		hs := s.state(r.req.Host)
		switch {
		case hs.skip != "":
			// Left in flight: the next run tries it again.
		case s.pending[r.req.Host] > 0 || s.full() || hs.inflight >= s.c.pagesPerHost():
			kept = append(kept, r)
		case s.now.Before(r.at) || s.now.Before(hs.next):
			s.later(maxTime(r.at, hs.next))
			kept = append(kept, r)
		default:
			if !s.dispatch(r.req, hs) {
				kept = append(kept, r)
			}
		}
	}
	s.retries = kept
}

// refreshPending asks the frontier for what is left once the hints ran
// out, and reports whether there is more to do: hosts to work on, or work
// other processes sharing the frontier hold (then it waits a moment).
func (s *scheduler) refreshPending() (bool, error) {
	wait, err := s.claimWait()
	if err != nil {
		return false, err
	}
	for h, n := range s.pending {
		if hs, ok := s.hosts[h]; (ok && hs.skip != "") || n <= 0 {
			delete(s.pending, h)
		}
	}
	if len(s.pending) > 0 {
		return true, nil
	}
	if !wait {
		return false, nil
	}
	t := time.NewTimer(claimEvery)
	defer t.Stop()
	select {
	case <-t.C:
	case <-s.ctx.Done():
	}
	return true, nil
}

// received takes a worker's report: the host's slot, Crawl-delay and
// backoff, a retry, and the requests the page queued.
func (s *scheduler) received(d done) {
	hs := s.count(d)
	if d.committed {
		// The host's slot was given back when its worker reported; the
		// article's images and attachments may have been queued
		// (capture.go).
		for h, n := range d.pushed {
			s.queue(h, n)
		}
		if hs.skip != "" || (hs.inflight == 0 && s.pending[d.host] == 0) {
			s.release(d.host)
		}
		return
	}
	if d.leaseLost {
		s.leaseLost(d.host, hs)
	}
	if d.delay > hs.delay {
		hs.delay = d.delay
	}
	if next := time.Now().Add(s.c.pause(hs)); next.After(hs.next) {
		hs.next = next
	}
	s.c.backOff(d, hs)
	if d.retry != nil && hs.skip == "" {
		s.retries = append(s.retries, retryItem{req: *d.retry, at: hs.next})
	}
	for h, n := range d.pushed {
		s.queue(h, n)
	}
	if hs.skip != "" || (hs.inflight == 0 && s.pending[d.host] == 0) {
		s.release(d.host)
	}
}

// leaseLost forgets the work of host this crawl knew of: a request of it
// was not sent (or its answer was dropped) because this process can no
// longer prove that it holds the host's lease (fence.go). The host's
// queued requests, and those waiting here to be retried, are the
// frontier's: another process's once it takes the host, this crawl's
// again if its next claim finds the host still its own (a renewal came
// through). Nothing more of the host is handed out meanwhile, and it is
// let go once nothing of it is in flight here (see received).
func (s *scheduler) leaseLost(host string, hs *hostState) {
	if !hs.fenced {
		hs.fenced = true
		s.c.log.Warn("host's lease cannot be proven: its requests are left to the host's next holder", "host", host)
	}
	delete(s.pending, host)
	kept := s.retries[:0]
	for _, r := range s.retries {
		if r.req.Host != host {
			kept = append(kept, r)
		}
	}
	s.retries = kept
}

// count takes a report off the counts of work in flight: a worker's,
// and the article's commit it started, or the end of that commit.
func (s *scheduler) count(d done) *hostState {
	hs := s.state(d.host)
	switch {
	case d.committed:
		hs.committing--
		s.committing--
	default:
		hs.inflight--
		s.inflight--
		s.makeReady(d.host) // a slot of the host is free
		if d.committing {
			hs.committing++
			s.committing++
		}
	}
	return hs
}

// maxCommitting bounds the articles being stored at once, per worker: a
// slow disk holds the crawl back rather than the records piling up.
const maxCommitting = 4

// pagesPerHost is how many pages of one host the scheduler hands to
// workers at once. With PerHost 1 (the default) a host is crawled a page
// at a time, each page's work ended before the next is sent, so that
// what one answer taught (the server's kind, a parameter learnt inert, a
// pattern's budget) applies to the next. With more, twice PerHost: the
// slots bound the host's exchanges (takeSlot), so PerHost of them may be
// on the wire while as many workers read the pages answered before.
func (c *Crawler) pagesPerHost() int {
	if c.opts.PerHost == 1 {
		return 1
	}
	return 2 * c.opts.PerHost
}

// full reports whether no more requests may be handed out now: every
// worker busy, or too many articles waiting to be stored.
func (s *scheduler) full() bool {
	return s.inflight >= s.c.opts.Workers || s.committing >= maxCommitting*s.c.opts.Workers
}

// idle reports whether nothing is in flight: no worker busy and no
// article being stored.
func (s *scheduler) idle() bool {
	return s.inflight == 0 && s.committing == 0
}

// backOff updates a host's state after an answer: a Retry-After holds the
// host that long (or, past maxRetryAfter, leaves it for the run); other
// failures hold it for a backoff doubling with each failure in a row; a
// success clears the count.
func (c *Crawler) backOff(d done, hs *hostState) {
	now := time.Now()
	switch {
	case d.skip != "":
		hs.skip = d.skip
		c.skipHost(d.host, hs.skip)
	case d.retryAfter > maxRetryAfter:
		hs.skip = fmt.Sprintf("Retry-After %s is longer than %s", d.retryAfter.Round(time.Second), maxRetryAfter)
		c.skipHost(d.host, hs.skip)
	case d.retryAfter > 0:
		hs.fails++
		hs.silent = 0 // a server that says when to come back is not down
		if until := now.Add(d.retryAfter); until.After(hs.next) {
			hs.next = until
		}
	case d.failed && d.status != http.StatusTooManyRequests && hs.silent+1 >= hostDownFailures:
		hs.skip = fmt.Sprintf("down: %d requests in a row failed (network errors, 5xx or failure pages)", hs.silent+1)
		c.skipHost(d.host, hs.skip)
	case d.failed:
		hs.fails++
		hs.silent++
		if d.status == http.StatusTooManyRequests {
			hs.silent = 0 // rate-limited: up and talking
		}
		wait := c.opts.RetryBackoff << min(hs.fails-1, maxBackoffDoublings)
		if until := now.Add(min(wait, maxHostBackoff)); until.After(hs.next) {
			hs.next = until
		}
	case d.status != 0:
		hs.fails, hs.silent = 0, 0
	}
	if !hs.next.Before(now) {
		c.holdHost(d.host, time.Until(hs.next))
	}
}

// skip decides, without a request, that a popped request needs no fetch:
// an article archived in this pass already (a crash came between archiving
// it and marking it done), a site over its page cap, a URL of a stopped
// pattern.
func (c *Crawler) skip(req frontier.Request) bool {
	if c.captureOf(req.Kind) != nil {
		return false // no page: neither archived nor under the page cap
	}
	if c.archivedThisPass(req) {
		c.stats.knownSkipped.Add(1)
		return true
	}
	if req.Kind == kindPage && c.traps.stopped(req.URL, req.Referer) {
		return true
	}
	if req.Kind != kindSweep && !c.underCap(req.Site) {
		// A sweep has a budget of its own (Options.RemovalSweep).
		c.stats.capped.Add(1)
		return true
	}
	return false
}

// skipHost leaves a host for the rest of the run.
func (c *Crawler) skipHost(host, why string) {
	c.skippedMu.Lock()
	defer c.skippedMu.Unlock()
	if _, ok := c.skipped[host]; !ok {
		c.skipped[host] = why
		c.leftNotes.log(c.log, "host", host, "reason", why)
	}
}

func maxTime(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

// pause is the politeness delay before the next request to a host.
func (c *Crawler) pause(hs *hostState) time.Duration {
	d := c.opts.Delay
	if c.opts.RandomDelay > 0 {
		d += rand.N(c.opts.RandomDelay)
	}
	if hs.delay > d {
		d = min(hs.delay, time.Minute)
	}
	return d
}

// ErrNothingFetched means a crawl could not fetch a single page.
var ErrNothingFetched = errors.New("no page could be fetched")

func firstSample(samples map[string]string) string {
	kinds := make([]string, 0, len(samples))
	for k := range samples {
		kinds = append(kinds, k)
	}
	sort.Strings(kinds)
	if len(kinds) == 0 {
		return ""
	}
	return samples[kinds[0]]
}

// Stats returns live figures of the running crawl.
func (c *Crawler) Stats() Stats { return c.stats.snapshot(c.front) }

// record counts an error of a kind and logs it. A DiskError is counted
// under its own kind and stops the run (see fatal).
func (c *Crawler) record(kind, u string, err error) {
	if c.fatal(u, err) {
		return
	}
	if errors.Is(err, context.Canceled) || errors.Is(err, errLeaseLost) {
		// Cut short because the run stops (an interrupt, a full disk),
		// or left to the host's next holder (fence.go): no failure of
		// the site's.
		return
	}
	c.stats.addError(kind, u, err)
	c.log.Debug("fetch failed", "kind", kind, "url", u, "err", err)
}

// fatal reports whether err is a failed write to the archive (a full disk,
// a read-only filesystem …). The first such error is kept and stops the
// run: every later page would fail alike, and a page counted as failed
// would be marked done and lost to later runs, which stop paging lists at
// archived articles.
func (c *Crawler) fatal(u string, err error) bool {
	de, ok := AsDiskError(err)
	if !ok {
		return false
	}
	c.stats.addError(de.Kind, u, err)
	c.failureMu.Lock()
	first := c.failure == nil
	if first {
		c.failure = de
	}
	c.failureMu.Unlock()
	if first {
		// Stop first, then say so: writing the log takes time in which
		// the workers would go on fetching pages that cannot be kept.
		if c.abort != nil {
			c.abort(de)
		}
		c.log.Error("cannot write the archive; stopping the crawl", "kind", de.Kind, "path", de.Path, "err", de.Err)
	}
	return true
}

// diskFailure is the DiskError that stopped the run, nil if none did.
func (c *Crawler) diskFailure() *DiskError {
	c.failureMu.Lock()
	defer c.failureMu.Unlock()
	return c.failure
}

// gated is the crawler's HTTP transport: it waits for the host's turn,
// checks that the frontier request it is sent for may still be acted on
// (the lease fence, fence.go), then sends the request, cut short if the
// proof of the lease runs out while it is under way.
type gated struct {
	inner http.RoundTripper
	c     *Crawler
}

func (g gated) RoundTrip(r *http.Request) (*http.Response, error) {
	// A slot of the host's PerHost for the exchange, taken before its
	// turn, so that the turns are spaced as the requests go out.
	release, err := g.c.takeSlot(r.Context(), r.URL.Host)
	if err != nil {
		return nil, err
	}
	defer release()
	g.c.waitTurn(r.Context(), r.URL.Host)
	if err := r.Context().Err(); err != nil {
		return nil, err
	}
	if c := g.c.gateJar.header(r.URL.Host); c != "" && r.Header.Get("Cookie") == "" {
		r = r.Clone(r.Context())
		r.Header.Set("Cookie", c)
	}
	// The last moment before the request goes out: a lease lost while
	// the request waited its turn (or the process stalled) stops it here.
	until, ok := g.c.mayAct(r.Context())
	if !ok {
		return nil, &fenceError{url: r.URL.Redacted()}
	}
	if until.IsZero() {
		return g.inner.RoundTrip(r)
	}
	ctx, stop := g.c.watchLease(r.Context(), fenceOf(r.Context()), until)
	defer stop()
	// The inner transport (the guard) reads the whole answer before it
	// returns: the exchange is over when the watch stops.
	resp, err := g.inner.RoundTrip(r.WithContext(ctx))
	if errors.Is(context.Cause(ctx), errLeaseLost) {
		if resp != nil {
			resp.Body.Close()
		}
		return nil, &fenceError{url: r.URL.Redacted(), cut: true}
	}
	return resp, err
}

// hostGate spaces the starts of requests to one host and holds their
// number on the wire to PerHost.
type hostGate struct {
	mu   sync.Mutex
	next time.Time
	// slots holds a token for each exchange with the host under way
	// (takeSlot): PerHost of them at most.
	slots chan struct{}
}

// takeSlot waits until fewer than PerHost exchanges with host are under
// way and counts one more, until release is called; err is ctx's when it
// ends first. The scheduler hands a host's pages to at most
// pagesPerHost workers at once; the exchanges are what the host sees, so
// they are what PerHost bounds: a page is read, its article extracted,
// its links pushed and its counter asked (another host's, often) while
// the host's next page is on the wire, which a slot held until the
// page's work ended would forbid (the last hosts of a crawl then ended it
// on PerHost of the workers, each slot busy mostly with work of ours).
// The guard reads the whole answer before RoundTrip returns, so the
// exchange is over when the slot is given back; the requests of one
// worker (a page, its redirects, its counter, its continuation pages)
// go one after another, so a worker never holds two slots.
func (c *Crawler) takeSlot(ctx context.Context, host string) (release func(), err error) {
	g := c.gate(host)
	select {
	case g.slots <- struct{}{}:
		return func() { <-g.slots }, nil
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// waitTurn blocks until a request to host may start: at least the host's
// delay (Delay, or a longer robots.txt Crawl-delay) after the previous
// start. The scheduler already spaces its dispatches; this gate holds the
// line for every request — robots.txt, pages, continuation pages,
// counters and redirects — at the moment it is sent.
func (c *Crawler) waitTurn(ctx context.Context, host string) {
	delay := c.opts.Delay
	if d := c.robots.crawlDelay(host); d > delay {
		delay = min(d, time.Minute)
	}
	g := c.gate(host)
	g.mu.Lock()
	now := time.Now()
	start := g.next
	if start.Before(now) {
		start = now
	}
	g.next = start.Add(delay)
	g.mu.Unlock()
	if wait := time.Until(start); wait > 0 {
		t := time.NewTimer(wait)
		defer t.Stop()
		select {
		case <-t.C:
		case <-ctx.Done():
		}
	}
}

func (c *Crawler) gate(host string) *hostGate {
	c.gatesMu.Lock()
	defer c.gatesMu.Unlock()
	g, ok := c.gates[host]
	if !ok {
		g = &hostGate{slots: make(chan struct{}, c.opts.PerHost)}
		c.gates[host] = g
	}
	return g
}

// holdHost makes every request to host wait d from now (a Retry-After, a
// backoff after failures).
func (c *Crawler) holdHost(host string, d time.Duration) {
	if d <= 0 {
		return
	}
	g := c.gate(host)
	g.mu.Lock()
	if until := time.Now().Add(d); until.After(g.next) {
		g.next = until
	}
	g.mu.Unlock()
}
