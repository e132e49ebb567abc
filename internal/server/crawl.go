package server

import (
	"math"
	"time"

	"github.com/wenming-archive/wenming/internal/article"
	"github.com/wenming-archive/wenming/internal/runs"
)

// CrawlJSON is the crawl object of /api/stats: the crawl running on the
// archive, live, or the last one that ended while this server ran.
type CrawlJSON struct {
	Running  bool    `json:"running"`
	Job      string  `json:"job,omitempty"`
	Started  *string `json:"started"`
	Reported *string `json:"reported"` // when these figures were reported
	Ended    *string `json:"ended,omitempty"`
	Status   string  `json:"status,omitempty"` // of an ended crawl: ok, interrupted, failed

	Requests        int64            `json:"requests"`
	Pages           int64            `json:"pages"` // fetched with a 2xx answer
	Articles        int64            `json:"articles"`
	ArticlesNew     int64            `json:"articles_new"`
	ArticlesUpdated int64            `json:"articles_updated"`
	Errors          int64            `json:"errors"`     // dead links not counted
	DeadLinks       int64            `json:"dead_links"` // pages the sites link that answer 404
	ErrorsByKind    map[string]int64 `json:"errors_by_kind,omitempty"`
	Queued          int              `json:"queued"` // requests waiting

	// Percent is the share, in percent, of the requests known now (made
	// and waiting) that are made; ETA is when the queue empties at the
	// pace so far. Both move as pages reveal more links; absent until the
	// first requests are made.
	Percent *float64 `json:"percent,omitempty"`
	ETA     *string  `json:"eta,omitempty"`
}

// RunJSON is the last_run object of /api/stats: the last crawl in the
// archive's run log (or the one running, in whatever process).
type RunJSON struct {
	Trigger         string  `json:"trigger"`
	Status          string  `json:"status"`
	Started         *string `json:"started"`
	Finished        *string `json:"finished"`
	Pages           int64   `json:"pages"`
	ArticlesNew     int64   `json:"articles_new"`
	ArticlesUpdated int64   `json:"articles_updated"`
	Errors          int64   `json:"errors"`     // dead links not counted
	DeadLinks       int64   `json:"dead_links"` // pages the sites link that answer 404
	Pending         int     `json:"pending"`
}

// crawlStatus is the live crawl of Options.Crawl, or nil when there is
// none to tell of.
func (s *server) crawlStatus() *CrawlJSON {
	if s.opts.Crawl == nil {
		return nil
	}
	l := s.opts.Crawl()
	if !l.Running && l.Ended.IsZero() {
		return nil
	}
	errs, dead := runs.ErrorsAndDeadLinks(l.Errors)
	c := &CrawlJSON{Running: l.Running, Job: l.Job, Started: article.TimeJSON(l.Started), Reported: article.TimeJSON(l.Reported),
		Ended: article.TimeJSON(l.Ended), Status: l.Status, Requests: l.Requests, Pages: l.Pages, Articles: l.Articles,
		ArticlesNew: l.New, ArticlesUpdated: l.Updated, Errors: errs, DeadLinks: dead, ErrorsByKind: l.Errors, Queued: l.Queued}
	if done, eta, ok := l.Progress(); ok {
		p := math.Round(done*1000) / 10
		c.Percent, c.ETA = &p, article.TimeJSON(eta)
	}
	return c
}

// lastRun is the last run of Options.Runs, or nil.
func (s *server) lastRun() (*RunJSON, error) {
	if s.opts.Runs == nil {
		return nil, nil
	}
	list, err := s.opts.Runs()
	if err != nil || len(list) == 0 {
		return nil, err
	}
	r := list[len(list)-1]
	errs, dead := runs.ErrorsAndDeadLinks(r.Errors)
	return &RunJSON{Trigger: r.Trigger, Status: r.Status, Started: article.TimeJSON(r.Started), Finished: article.TimeJSON(r.Finished),
		Pages: r.Pages, ArticlesNew: r.ArticlesNew, ArticlesUpdated: r.ArticlesUpdated, Errors: errs, DeadLinks: dead, Pending: r.Pending}, nil
}

// crawlView is the crawl box of the home page.
type crawlView struct {
	Running                   bool
	Job                       string
	Started, Reported, Ended  time.Time
	Status                    string
	Pages, New, Updated, Errs int64
	Dead                      int64 // dead links, not among Errs
	Requests                  int64
	Queued                    int64
	Percent                   float64
	HasProgress               bool
	ETA                       time.Time
}

// runView is the last run on the home page.
type runView struct {
	Trigger, Status          string
	Started, Finished        time.Time
	Pages, New, Updated, Err int64
	Dead                     int64 // dead links, not among Err
	Running                  bool
}

// homeCrawl fills the crawl figures of the home page; refresh is the
// seconds after which the page reloads itself (0: never), set while a
// crawl runs.
func (s *server) homeCrawl(v *homeView) {
	if c := s.crawlStatus(); c != nil {
		l := s.opts.Crawl()
		cv := &crawlView{Running: l.Running, Job: l.Job, Started: l.Started, Reported: l.Reported, Ended: l.Ended,
			Status: l.Status, Pages: l.Pages, New: l.New, Updated: l.Updated, Errs: c.Errors, Dead: c.DeadLinks, Requests: l.Requests, Queued: int64(l.Queued)}
		if done, eta, ok := l.Progress(); ok {
			cv.Percent, cv.ETA, cv.HasProgress = math.Round(done*1000)/10, eta, true
		}
		v.Crawl = cv
	}
	if s.opts.Runs != nil {
		if list, err := s.opts.Runs(); err != nil {
			s.log.Warn("read the run log", "err", err)
		} else if len(list) > 0 {
			r := list[len(list)-1]
			rv := &runView{Trigger: r.Trigger, Status: r.Status, Started: r.Started, Finished: r.Finished, Pages: r.Pages,
				New: r.ArticlesNew, Updated: r.ArticlesUpdated, Running: r.Status == runs.StatusRunning}
			rv.Err, rv.Dead = runs.ErrorsAndDeadLinks(r.Errors)
			v.LastRun = rv
		}
	}
	if (v.Crawl != nil && v.Crawl.Running) || (v.LastRun != nil && v.LastRun.Running) {
		v.Refresh = crawlRefresh
	}
}

// crawlRefresh is how often, in seconds, the home page reloads itself
// while a crawl runs (the scheduler reports every 5 s).
const crawlRefresh = 10

// statusName is the Chinese name of a run's status.
func statusName(st string) string {
	switch st {
	case "ok":
		return "完成"
	case "interrupted":
		return "中断（可续采）"
	case "failed":
		return "失败"
	case runs.StatusRunning:
		return "进行中"
	case runs.StatusKilled:
		return "异常终止"
	}
	return st
}

// triggerName says what started a run, in Chinese.
func triggerName(t string) string {
	switch {
	case t == "crawl":
		return "手动采集"
	case t == "demo":
		return "演示"
	case len(t) > len("schedule:") && t[:len("schedule:")] == "schedule:":
		return "定时任务 " + t[len("schedule:"):]
	}
	return t
}
