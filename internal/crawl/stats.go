package crawl

import (
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/wenming-archive/wenming/internal/article"
)

type stats struct {
	started           time.Time
	requests          atomic.Int64
	pages             atomic.Int64
	otherPages        atomic.Int64
	counters          atomic.Int64
	robotsBlocked     atomic.Int64
	capped            atomic.Int64
	knownSkipped      atomic.Int64
	pagingStopped     atomic.Int64
	notModified       atomic.Int64
	articlesNew       atomic.Int64
	articlesUpdated   atomic.Int64
	articlesUnchanged atomic.Int64
	articlesAliased   atomic.Int64
	retried           atomic.Int64
	retriedLonger     atomic.Int64
	linksCapped       atomic.Int64
	processed         atomic.Int64 // frontier requests done in this run
	images            captureStats // the images of archived articles (images.go)
	attachments       captureStats // the attachments of archived articles (attachments.go)

	mu      sync.Mutex
	errors  map[string]int64
	samples map[string]string // kind → the first such error, for the summary
	scope   map[string]int64  // static scope rule → URLs it rejected
	dead    []string          // the first maxDeadLinks URLs answered 404
}

// KindDeadLink is the error kind of a page answered 404 Not Found: a link
// the site prints to a page it does not have, the site's dead link rather
// than a failure of the crawl.
const KindDeadLink = "http_404"

// maxDeadLinks is how many dead links a Summary lists.
const maxDeadLinks = 100

func (s *stats) addScope(rule string) {
	s.mu.Lock()
	if s.scope == nil {
		s.scope = map[string]int64{}
	}
	s.scope[rule]++
	s.mu.Unlock()
}

func (s *stats) addError(kind, u string, err error) {
	s.mu.Lock()
	s.errors[kind]++
	if _, ok := s.samples[kind]; !ok {
		if s.samples == nil {
			s.samples = map[string]string{}
		}
		msg := u
		if err != nil {
			msg += ": " + err.Error()
		}
		s.samples[kind] = msg
	}
	if kind == KindDeadLink && len(s.dead) < maxDeadLinks {
		s.dead = append(s.dead, u)
	}
	s.mu.Unlock()
}

// Stats are live figures of a running crawl.
type Stats struct {
	Elapsed  time.Duration
	Requests int64 // HTTP requests made, robots.txt and counters included
	Pages    int64 // pages fetched with a 2xx answer
	Articles int64 // articles archived (new + updated + unchanged)
	// ArticlesNew and ArticlesUpdated are the articles of Articles new
	// to the archive and changed since their last capture.
	ArticlesNew, ArticlesUpdated int64
	Errors                       int64
	// ErrorKinds counts the errors by kind (KindNetwork …).
	ErrorKinds map[string]int64
	Pending    int // requests waiting in the frontier
	// Done counts the frontier's requests this run has finished (fetched,
	// or decided without a fetch); InFlight those handed out and not done.
	// Done of Done+Pending+InFlight is how far the run is through the
	// requests known so far: the queue grows while pages reveal new links.
	Done     int64
	InFlight int
	// NotModified counts revisits answered 304 Not Modified.
	NotModified int64
}

func (s *stats) snapshot(f Frontier) Stats {
	s.mu.Lock()
	var errs int64
	kinds := make(map[string]int64, len(s.errors))
	for k, n := range s.errors {
		errs += n
		kinds[k] = n
	}
	started := s.started
	s.mu.Unlock()
	return Stats{
		Elapsed:         time.Since(started),
		Requests:        s.requests.Load(),
		Pages:           s.pages.Load(),
		Articles:        s.articlesNew.Load() + s.articlesUpdated.Load() + s.articlesUnchanged.Load() + s.articlesAliased.Load(),
		ArticlesNew:     s.articlesNew.Load(),
		ArticlesUpdated: s.articlesUpdated.Load(),
		Errors:          errs,
		ErrorKinds:      kinds,
		Pending:         f.Len(),
		Done:            s.processed.Load(),
		InFlight:        f.InFlight(),
		NotModified:     s.notModified.Load(),
	}
}

// Summary is the account of one crawl run.
type Summary struct {
	Started  time.Time
	Duration time.Duration
	// Sites counts the known sites of each level: those whose homepage
	// answered or whose place is fixed (see Unanswered).
	Sites map[article.Level]int
	// Unanswered are the hosts of sites in the crawl's scope that other
	// sites list but whose homepage never answered in any run (dead, or
	// not reached yet), sorted; they are not counted in Sites, nor are
	// the sites out of a site crawl's scope (Options.Only) never read.
	Unanswered        []string
	Requests          int64 // HTTP requests, robots.txt and counters included
	Pages             int64 // pages fetched with a 2xx answer
	OtherPages        int64 // fetched pages that are not articles (homepages, lists …)
	Counters          int64 // view counters fetched
	ArticlesNew       int64
	ArticlesUpdated   int64
	ArticlesUnchanged int64
	ArticlesAliased   int64 // found again under another URL: recorded as an alias
	RobotsBlocked     int64 // URLs not fetched because robots.txt disallows them
	Capped            int64 // URLs left out by max_pages_per_site
	KnownSkipped      int64 // links to archived articles not fetched again
	PagingStopped     int64 // list pages where paging stopped at archived articles
	NotModified       int64 // revisits answered 304 Not Modified
	Retried           int64 // failed requests tried again later in the run
	// RetriedLonger counts the requests tried past Options.Retries: each
	// had failed that often while its host answered nothing else, as
	// when a server is restarting or overloaded (outage.go).
	RetriedLonger int64
	LinksCapped   int64 // links past the per-page cap, not followed
	Errors        map[string]int64
	ErrorSamples  map[string]string // kind → the first error of that kind (URL: message)
	// DeadLinks are the first 100 URLs answered 404 (KindDeadLink).
	DeadLinks []string
	Pending   int // requests left in the frontier (an interrupted run)
	// Stopped lists the URL patterns whose pages revealed nothing new (a
	// calendar, an archive view, a pager past its end): not expanded further.
	Stopped []StoppedPattern
	// Inert lists the query parameters learnt to name no page of their
	// own on a URL pattern (see InertParam): links of the pattern were
	// followed without them.
	Inert []InertParam
	// OutOfScope counts URLs rejected by the static scope rules, by rule
	// (repeated_path, deep_path, long_url, many_params).
	OutOfScope map[string]int64
	// SkippedHosts are hosts left for this run, with the reason (a
	// Retry-After past the cap); their queued pages wait for the next run.
	SkippedHosts map[string]string
	// Unverified are the hosts whose HTTPS certificate failed verification
	// (a chain without its intermediate, expired, for another name), or
	// that could be reached only by a legacy protocol version or cipher
	// suite, with why: their pages were fetched and archived all the same
	// (see ClientTLS; Options.StrictTLS refuses them instead).
	Unverified map[string]string
	// Images says what became of the images of the articles archived,
	// with Options.CaptureImages (all zero without).
	Images ImageSummary
	// Attachments says what became of the attachments of the articles
	// archived, with Options.CaptureAttachments (all zero without).
	Attachments AttachmentSummary
	// Removed says what the revisits found gone from their sites
	// (removed.go): the articles marked removed at the source, and the
	// answers held on hosts that did not show themselves healthy.
	Removed RemovalSummary
}

// Summary returns the account of the run so far (Run returns the final one).
func (c *Crawler) Summary() Summary { return c.summary() }

func (c *Crawler) summary() Summary {
	s := &c.stats
	s.mu.Lock()
	errs := make(map[string]int64, len(s.errors))
	for k, v := range s.errors {
		errs[k] = v
	}
	samples := make(map[string]string, len(s.samples))
	for k, v := range s.samples {
		samples[k] = v
	}
	started := s.started
	dead := slices.Clone(s.dead)
	scope := make(map[string]int64, len(s.scope))
	for k, v := range s.scope {
		scope[k] = v
	}
	s.mu.Unlock()
	c.skippedMu.Lock()
	skipped := make(map[string]string, len(c.skipped))
	for k, v := range c.skipped {
		skipped[k] = v
	}
	c.skippedMu.Unlock()
	sites, listed := c.sites.countByLevel()
	var unanswered []string // a site crawl's siblings and their kin are none of its business
	for _, h := range listed {
		if c.inScope(h) {
			unanswered = append(unanswered, h)
		}
	}
	return Summary{
		Started:           started,
		Duration:          time.Since(started),
		Sites:             sites,
		Unanswered:        unanswered,
		Requests:          s.requests.Load(),
		Pages:             s.pages.Load(),
		OtherPages:        s.otherPages.Load(),
		Counters:          s.counters.Load(),
		ArticlesNew:       s.articlesNew.Load(),
		ArticlesUpdated:   s.articlesUpdated.Load(),
		ArticlesUnchanged: s.articlesUnchanged.Load(),
		ArticlesAliased:   s.articlesAliased.Load(),
		RobotsBlocked:     s.robotsBlocked.Load(),
		Capped:            s.capped.Load(),
		KnownSkipped:      s.knownSkipped.Load(),
		PagingStopped:     s.pagingStopped.Load(),
		NotModified:       s.notModified.Load(),
		Retried:           s.retried.Load(),
		RetriedLonger:     s.retriedLonger.Load(),
		LinksCapped:       s.linksCapped.Load(),
		Stopped:           c.traps.report(),
		Inert:             c.inert.report(),
		OutOfScope:        scope,
		SkippedHosts:      skipped,
		Unverified:        c.opts.TLSNotes.Hosts(),
		Images:            s.images.summary(),
		Attachments:       AttachmentSummary(s.attachments.summary()),
		Removed:           c.removals.summary(),
		Errors:            errs,
		ErrorSamples:      samples,
		DeadLinks:         dead,
		Pending:           c.front.Len() + c.front.InFlight(),
	}
}
