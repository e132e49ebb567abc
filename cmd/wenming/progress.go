package main

import (
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"time"

	"github.com/schollz/progressbar/v3"

	"github.com/wenming-archive/wenming/internal/article"
	"github.com/wenming-archive/wenming/internal/crawl"
)

// progress shows a live line on a terminal; elsewhere it stays silent.
type progress struct {
	bar *progressbar.ProgressBar
	on  bool

	mu   sync.Mutex
	pace pace // of the work whose progress the line shows
	what string
}

func newProgress(g *globals) *progress {
	p := &progress{on: g.interactive()}
	if p.on {
		p.bar = progressbar.NewOptions(-1,
			progressbar.OptionSetWriter(g.stderr),
			progressbar.OptionSpinnerType(14),
			progressbar.OptionSetDescription("crawling"),
			progressbar.OptionThrottle(200*time.Millisecond),
			progressbar.OptionClearOnFinish(),
		)
	}
	return p
}

// sample feeds the pace of the work named what (a new name starts it
// afresh), counted in units, and returns how far it is.
func (p *progress) sample(what, units string, done, left int64) string {
	return p.sampleWith(what, done, left, func(pc *pace, now time.Time) string { return pc.describe(now, units) })
}

// sampleWith is sample with its own description of the pace.
func (p *progress) sampleWith(what string, done, left int64, describe func(*pace, time.Time) string) string {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.what != what {
		p.what, p.pace = what, pace{}
	}
	now := time.Now()
	p.pace.add(now, done, left)
	return describe(&p.pace, now)
}

func (p *progress) crawl(s crawl.Stats) {
	if !p.on {
		return
	}
	p.bar.Describe("crawling: " + crawlLine(s, p.sample("crawl", "requests", s.Done, int64(s.Pending+s.InFlight))))
	_ = p.bar.Add(0)
}

// crawlLine is the figures of a crawl in one line, after how far it is.
func crawlLine(s crawl.Stats, far string) string {
	rate := 0.0
	if s.Elapsed > 0 {
		rate = float64(s.Pages) / s.Elapsed.Seconds()
	}
	dead := s.ErrorKinds[deadLinkKind]
	line := fmt.Sprintf("%s · %d articles · %.1f pages/s", far, s.Articles, rate)
	if s.NotModified > 0 {
		line += fmt.Sprintf(" · %d not modified", s.NotModified)
	}
	line += fmt.Sprintf(" · %d errors", s.Errors-dead)
	if dead > 0 {
		line += fmt.Sprintf(" · %d dead links", dead)
	}
	return line
}

func (p *progress) index(done, total int) {
	if !p.on {
		return
	}
	p.bar.Describe("indexing: " + p.sample("index", "articles scanned", int64(done), int64(total-done)))
	_ = p.bar.Add(0)
}

// clear wipes the live line, so that a warning printed next stands alone
// (the line comes back at the next update).
func (p *progress) clear() {
	if p.on {
		_ = p.bar.Clear()
	}
}

func (p *progress) finish() {
	if p.on {
		_ = p.bar.Finish()
	}
}

// progressLogger logs crawl figures now and then, for logs rather than a
// terminal: how far the run is through the requests known so far and,
// once the queue shrinks, when it should end.
func progressLogger(log *slog.Logger, job string) func(crawl.Stats) {
	var pc pace
	return func(s crawl.Stats) {
		now := time.Now()
		left := int64(s.Pending + s.InFlight)
		pc.add(now, s.Done, left)
		attrs := []any{"job", job, "done", s.Done, "queued", left}
		if total := s.Done + left; total > 0 {
			attrs = append(attrs, "percent", percent(s.Done, total))
		}
		if eta, ok := pc.eta(now); ok {
			attrs = append(attrs, "eta", eta, "ends", now.Add(eta).In(article.China).Format("15:04:05"))
		}
		dead := s.ErrorKinds[deadLinkKind]
		attrs = append(attrs, "pages", s.Pages, "articles", s.Articles, "not_modified", s.NotModified,
			"errors", s.Errors-dead, "dead_links", dead, "elapsed", s.Elapsed)
		log.Info("progress", attrs...)
	}
}

// pace follows a piece of work through samples of what is done and what
// is left, and tells how long the rest should take at the recent pace.
type pace struct {
	start   time.Time
	samples []paceSample // those of the window, oldest first
}

type paceSample struct {
	at         time.Time
	done, left int64
}

const (
	// paceWindow is how far back the pace is measured at most: long
	// enough to smooth bursts, short enough to follow a change of speed.
	// Early in the work the window is a third of the time so far, so
	// that the start (a crawl's queue growing from its seeds) is soon
	// left behind.
	paceWindow = 30 * time.Second
	// paceMinimum is the least time observed before an ETA is given.
	paceMinimum = 3 * time.Second
)

func (p *pace) add(at time.Time, done, left int64) {
	if len(p.samples) == 0 {
		p.start = at
	}
	p.samples = append(p.samples, paceSample{at, done, left})
	window := min(paceWindow, max(paceMinimum, at.Sub(p.start)/3))
	// Keep one sample older than the window, as its start.
	k := 0
	for k+1 < len(p.samples) && at.Sub(p.samples[k+1].at) >= window {
		k++
	}
	p.samples = p.samples[k:]
}

// eta is the time the work left should take at the pace the work left
// shrank over the window: for a crawl that is the pace of the queue net
// of what its pages add to it. It is not knowable (ok false) before
// paceMinimum has been observed, or while the work left does not shrink
// (a crawl still discovering more than it fetches).
func (p *pace) eta(now time.Time) (_ time.Duration, ok bool) {
	if len(p.samples) < 2 {
		return 0, false
	}
	first, last := p.samples[0], p.samples[len(p.samples)-1]
	span := last.at.Sub(first.at)
	if span < paceMinimum || last.left >= first.left {
		return 0, false
	}
	perLeft := float64(span) / float64(first.left-last.left)
	return time.Duration(perLeft * float64(last.left)), true
}

// describe says how far the work is: "1234 of 2000 requests (62%) · ETA
// 1m30s (≈ 00:36 Beijing time)"; without a total, how much is done.
func (p *pace) describe(now time.Time, units string) string {
	if len(p.samples) == 0 {
		return ""
	}
	last := p.samples[len(p.samples)-1]
	total := last.done + last.left
	if total <= 0 {
		return fmt.Sprintf("%d %s", last.done, units)
	}
	return fmt.Sprintf("%d of %d %s (%.0f%%)", last.done, total, units, percent(last.done, total)) + p.etaText(now)
}

// etaText is " · ETA 1m30s (≈ 00:36 Beijing time)" when the end is
// knowable, " · queue growing" while the work left grows, else "".
func (p *pace) etaText(now time.Time) string {
	if n := len(p.samples); n > 0 && p.samples[n-1].left == 0 {
		return "" // done, or about to be
	}
	if eta, ok := p.eta(now); ok {
		return fmt.Sprintf(" · ETA %s (≈ %s Beijing time)", humanDuration(eta), now.Add(eta).In(article.China).Format("15:04"))
	}
	if n := len(p.samples); n > 1 && p.samples[n-1].left > p.samples[0].left {
		return " · queue growing"
	}
	return ""
}

// percent is done of total, in percent, to one decimal.
func percent(done, total int64) float64 {
	if total <= 0 {
		return 0
	}
	return float64(int64(1000*float64(done)/float64(total))) / 10
}

// humanDuration writes a duration for people: "0.4s", "12s", "1m30s",
// "2h5m", "3d4h" — no more precision than a reader needs. Machine output
// (--json) gives seconds as a number instead.
func humanDuration(d time.Duration) string {
	if d < 0 {
		return "-" + humanDuration(-d)
	}
	if d == 0 {
		return "0s"
	}
	if d < 100*time.Millisecond {
		return fmt.Sprintf("%dms", d.Milliseconds())
	}
	if d < 10*time.Second {
		return strings.TrimSuffix(fmt.Sprintf("%.1f", d.Seconds()), ".0") + "s"
	}
	d = d.Round(time.Second)
	days, h, m, s := int64(d/(24*time.Hour)), int64(d/time.Hour%24), int64(d/time.Minute%60), int64(d/time.Second%60)
	var parts []string
	add := func(n int64, unit string) {
		if n > 0 {
			parts = append(parts, fmt.Sprintf("%d%s", n, unit))
		}
	}
	switch {
	case days > 0:
		add(days, "d")
		add(h, "h")
	case h > 0:
		add(h, "h")
		add(m, "m")
	default:
		add(m, "m")
		add(s, "s")
	}
	return strings.Join(parts, "")
}
