package sitesim

import (
	"fmt"
	"math"
	"strings"
	"time"
)

// The hierarchy lives in simulated time (Options.Now plus every Advance;
// wall time never counts, so runs are reproducible):
//
//   - New articles. Each site publishes at its own rate (site.rate per
//     day). The k-th article after the initial Now gets index n0+k, the
//     next slot of the site's column pattern, the next aid/id/docid, and a
//     publish minute between 08:00 and 21:59 drawn from a seeded stream
//     (stream below). Whether it exists, and when it appeared, is a pure
//     function of (Seed, site, k, clock): nothing is stored per article.
//   - Organic views. The count of an article is viewsBefore at its base
//     time (the initial Now, or its appearance) plus a seeded, monotone
//     function of the time elapsed since, plus one per counted GET.
//   - Edits. Edit, or the seeded Options.EditsPerDay stream, appends an
//     update note to an article's body; the article's pages then carry a
//     new ETag and a later Last-Modified.

// workDay is the number of minutes in one publishing day, 08:00–21:59.
const workDay = 14 * 60

// stream is a seeded sequence of events at rate per publishing day: event
// k falls at working-minute x_k·workDay/rate after the initial Now, where
// x_k = k + u_k, u_k in (0, 1]. Counting the events up to a minute and
// placing one event are both O(1).
type stream struct {
	seed, key uint64
	rate      float64
}

// x is the position of event k in units of 1/rate publishing days.
func (st stream) x(k int) float64 {
	return float64(k) + (1 - unit(st.seed, st.key, uint64(k), purArrive))
}

// count is the number of events within the first q working minutes.
func (st stream) count(q int64) int {
	if st.rate <= 0 || q <= 0 {
		return 0
	}
	y := float64(q) * st.rate / workDay
	k := int(math.Floor(y))
	if st.x(k) <= y {
		k++
	}
	return k
}

// minute is the working minute (1-based, after the initial Now) of event
// k: the least q with count(q) > k.
func (st stream) minute(k int) int64 {
	x := st.x(k)
	q := max(1, int64(math.Ceil(x*workDay/st.rate)))
	for q > 1 && x <= float64(q-1)*st.rate/workDay {
		q--
	}
	for x > float64(q)*st.rate/workDay {
		q++
	}
	return q
}

func (sim *Sim) siteStream(s *site) stream {
	return stream{seed: uint64(sim.opts.Seed), key: uint64(s.idx)<<8 | 1, rate: s.rate}
}

func (sim *Sim) editStream() stream {
	return stream{seed: uint64(sim.opts.Seed), key: 0xED17, rate: sim.opts.EditsPerDay}
}

// newRate is the number of new articles per day of s: Options.NewPerDay
// split by site weight; by default 1.5% of Options.Articles a week, and at
// least one every five days on the sites whose view counts a polite
// crawler can read (Discuz!, EmpireCMS, VSB).
func (sim *Sim) newRate(s *site, weights int) float64 {
	share := float64(s.weight) / float64(weights)
	switch {
	case sim.opts.NewPerDay < 0:
		return 0
	case sim.opts.NewPerDay > 0:
		return sim.opts.NewPerDay * share
	}
	r := 0.015 * float64(sim.opts.Articles) / 7 * share
	if s.hasViews() {
		r = max(r, 0.2)
	}
	return r
}

// started is the number of working minutes that began in [d0, t].
func (sim *Sim) started(t time.Time) int64 {
	if t.Before(sim.d0) {
		return 0
	}
	el := t.Sub(sim.d0)
	days := int64(el / (24 * time.Hour))
	in := el - time.Duration(days)*24*time.Hour - 8*time.Hour
	if in < 0 {
		return days * workDay
	}
	return days*workDay + min(workDay, int64(in/time.Minute)+1)
}

// worked is the number of working minutes that began after the initial
// Now and no later than t.
func (sim *Sim) worked(t time.Time) int64 { return max(0, sim.started(t)-sim.c0) }

// minuteTime is the start of working minute q (1-based) after the initial Now.
func (sim *Sim) minuteTime(q int64) time.Time {
	i := sim.c0 + q - 1
	return sim.d0.Add(time.Duration(i/workDay)*24*time.Hour + 8*time.Hour + time.Duration(i%workDay)*time.Minute)
}

// arrival is the exact time article a appeared (j >= n0): whole minutes.
func (sim *Sim) arrival(a ref) time.Time {
	return sim.minuteTime(sim.siteStream(a.s).minute(a.j - a.s.n0))
}

// exact is when article a went online: its arrival, or for the initial
// articles the publish time the page shows.
func (sim *Sim) exact(a ref) time.Time {
	if a.j >= a.s.n0 {
		return sim.arrival(a)
	}
	return sim.published(a)
}

// baseTime is when viewsBefore(a) is the count: the initial Now, or the
// article's arrival.
func (sim *Sim) baseTime(a ref) time.Time {
	if a.j >= a.s.n0 {
		return sim.arrival(a)
	}
	return sim.now
}

// simNow is the simulated clock without wall time; the caller holds mu.
func (sim *Sim) simNow() time.Time { return sim.now.Add(sim.adv) }

// Now returns the simulated time: Options.Now plus every Advance. Unlike
// Request.Time it ignores wall time, so it is what view counts, new
// articles and edits follow; read it before a crawl round and pass it to
// ViewBounds.
func (sim *Sim) Now() time.Time { return sim.pageNow() }

// Count is the number of articles now: Options.Articles plus those
// published since the initial Now.
func (sim *Sim) Count() int {
	n := 0
	for _, s := range sim.sites {
		n += s.count()
	}
	return n
}

// Advance moves the simulated clock forward by d (d <= 0 does nothing).
// Articles published in (old Now, new Now] appear at the top of their
// column lists and on homepages, in ForEachArticle and Truth; view counts
// grow; edits scheduled by Options.EditsPerDay happen. The result depends
// only on the total advanced: Advance(a); Advance(b) equals Advance(a+b).
func (sim *Sim) Advance(d time.Duration) {
	if d <= 0 {
		return
	}
	sim.mu.Lock()
	defer sim.mu.Unlock()
	from := sim.worked(sim.simNow())
	sim.adv += d
	to := sim.worked(sim.simNow())
	for _, s := range sim.sites {
		s.cur.Store(int64(s.n0 + sim.siteStream(s).count(to)))
	}
	es := sim.editStream()
	for m, end := es.count(from), es.count(to); m < end; m++ {
		q := es.minute(m)
		total := 0
		for _, s := range sim.sites {
			total += s.n0 + sim.siteStream(s).count(q)
		}
		if total == 0 {
			continue
		}
		g := int(mix(uint64(sim.opts.Seed), uint64(m), purEdit) % uint64(total))
		for _, s := range sim.sites {
			n := s.n0 + sim.siteStream(s).count(q)
			if g < n {
				sim.editLocked(s.at(g), sim.minuteTime(q))
				break
			}
			g -= n
		}
	}
}

// astate is what the simulation remembers about one article: only
// articles that were fetched (counted) or edited have one.
type astate struct {
	hits   int64         // counted GETs
	first  time.Duration // Advance total at the first counted GET
	edits  int
	edited time.Time // simulated time of the latest edit (the date its note prints)
	mod    time.Time // Last-Modified base of the latest edit: strictly increasing
	gone   bool      // deleted (Delete)
}

func (sim *Sim) stateOf(a ref) *astate {
	k := akey{int32(a.s.idx), int32(a.j)}
	st := sim.state[k]
	if st == nil {
		st = &astate{}
		sim.state[k] = st
	}
	return st
}

func (sim *Sim) peek(a ref) astate {
	sim.mu.Lock()
	defer sim.mu.Unlock()
	if st := sim.state[akey{int32(a.s.idx), int32(a.j)}]; st != nil {
		return *st
	}
	return astate{}
}

// Edit changes the article stored under canonicalURL now: its body gains
// (or updates) a closing note "（本文于2026年11月5日更新）", "…第2次更新）" for
// later edits. Title, summary, URLs and page split stay. The article's
// pages then serve the new text, with a new ETag and a Last-Modified later
// than before; Truth returns the new Body and Updated. It reports whether
// the URL names an article that exists now.
func (sim *Sim) Edit(canonicalURL string) bool {
	a, ok := sim.resolve(canonicalURL)
	if !ok {
		return false
	}
	sim.mu.Lock()
	defer sim.mu.Unlock()
	sim.editLocked(a, sim.simNow())
	return true
}

// Delete deletes the article stored under canonicalURL now, as an editor
// deletes it in the CMS's back end: from then on its pages and the other
// URLs it was served under answer as the CMS answers an article that does
// not exist — 404 on the static-publishing CMSs (or the site's soft-404
// page where its server has one: 清河's 页面不存在 under /news/), Discuz!'s
// and DedeCMS's 200 message pages ("不存在或已被删除", "无法解析文档") —
// while every page that links it keeps linking it: the static list pages,
// homepages, 上一篇/下一篇, related and 点击排行 lists written before are not
// written again, nor are the sitemaps. Truth.Deleted is then set. It
// reports whether the URL names an article that exists now.
func (sim *Sim) Delete(canonicalURL string) bool {
	a, ok := sim.resolve(canonicalURL)
	if !ok {
		return false
	}
	sim.mu.Lock()
	defer sim.mu.Unlock()
	sim.stateOf(a).gone = true
	return true
}

// Restore undoes Delete, as an editor restores an article from the CMS's
// recycle bin (回收站: DedeCMS, PHPCMS and the Discuz! portal keep deleted
// articles there) or publishes it again: its pages answer as before,
// under the same URLs, and Truth.Deleted is cleared. It reports whether
// the URL names an article that was deleted.
func (sim *Sim) Restore(canonicalURL string) bool {
	a, ok := sim.resolve(canonicalURL)
	if !ok {
		return false
	}
	sim.mu.Lock()
	defer sim.mu.Unlock()
	st := sim.stateOf(a)
	if !st.gone {
		return false
	}
	st.gone = false
	return true
}

// deleted reports whether a was deleted (Delete).
func (sim *Sim) deleted(a ref) bool {
	return sim.peek(a).gone
}

func (sim *Sim) editLocked(a ref, at time.Time) {
	st := sim.stateOf(a)
	mod := at
	if m := sim.exact(a).Add(time.Second); mod.Before(m) {
		mod = m
	}
	if !st.mod.IsZero() && !mod.After(st.mod) {
		mod = st.mod.Add(time.Second)
	}
	st.edits++
	st.edited, st.mod = at, mod
}

// editNote appends the update note of an edited article to its content;
// page splitting keeps using the original paragraphs.
func (sim *Sim) editNote(a ref, c *content) {
	st := sim.peek(a)
	if st.edits == 0 {
		return
	}
	c.orig = len(c.paras)
	d := st.edited
	note := fmt.Sprintf("（本文于%d年%d月%d日更新）", d.Year(), d.Month(), d.Day())
	if st.edits > 1 {
		note = fmt.Sprintf("（本文于%d年%d月%d日第%d次更新）", d.Year(), d.Month(), d.Day(), st.edits)
	}
	c.paras = append(c.paras, para{text: note})
}

// pace is the article's long-run organic views per day.
func (sim *Sim) pace(a ref) float64 {
	return 0.5 + 2.5*unit(uint64(sim.opts.Seed), uint64(a.s.idx), uint64(a.j), purGrowth)
}

// organic is the count of a at simulated time at without the GETs of
// clients of the simulation: viewsBefore at the base time plus
// pace·(A + 20·ln(1+A)) between the ages then and at, A in days, so that
// recent articles gain more per day. Times before the base time give
// viewsBefore.
func (sim *Sim) organic(a ref, at time.Time) int64 {
	v := sim.viewsBefore(a)
	base := sim.baseTime(a)
	if !at.After(base) {
		return v
	}
	pub := sim.exact(a)
	cum := func(t time.Time) float64 {
		age := max(0, t.Sub(pub).Hours()/24)
		return age + 20*math.Log1p(age)
	}
	return v + int64(sim.pace(a)*(cum(at)-cum(base)))
}

// ViewsAt is the count the site stores now for the article: what Discuz!,
// EmpireCMS and PHPCMS show on the next GET (DedeCMS and VSB counters
// count first and answer one more). The pointer is nil where
// Truth.ViewsBefore is nil; ok is false for an unknown URL.
func (sim *Sim) ViewsAt(canonicalURL string) (views *int64, ok bool) {
	a, ok := sim.resolve(canonicalURL)
	if !ok {
		return nil, false
	}
	if !a.s.hasViews() {
		return nil, true
	}
	sim.mu.Lock()
	now := sim.simNow()
	sim.mu.Unlock()
	v := sim.organic(a, now) + sim.peek(a).hits
	return &v, true
}

// ViewBounds bounds every view count the site showed for the article to a
// GET made at simulated time since or later (up to now):
//
//	lo = the organic count at since (no counted GET included),
//	hi = ViewsAt now = the organic count now + Fetches.
//
// A count observed by such a GET — on the page, or from an allowed
// counter, before or after its increment — lies in [lo, hi]. Pass a Now()
// read before the fetches (a zero since means the article's base time:
// the initial Now, or its appearance). Without Advance between the
// first and the last fetch, [Truth.ViewsBefore, Truth.ViewsBefore +
// Fetches] is the tighter classic bound. ok is false for an unknown URL or
// where Truth.ViewsBefore is nil.
func (sim *Sim) ViewBounds(canonicalURL string, since time.Time) (lo, hi int64, ok bool) {
	a, ok := sim.resolve(canonicalURL)
	if !ok || !a.s.hasViews() {
		return 0, 0, false
	}
	sim.mu.Lock()
	now := sim.simNow()
	sim.mu.Unlock()
	if since.After(now) {
		since = now
	}
	return sim.organic(a, since), sim.organic(a, now) + sim.peek(a).hits, true
}

// viewsBeforeFirst is Truth.ViewsBefore: the count before the first
// counted GET, or the count now if there was none.
func (sim *Sim) viewsBeforeFirst(a ref) int64 {
	sim.mu.Lock()
	at := sim.simNow()
	if st := sim.state[akey{int32(a.s.idx), int32(a.j)}]; st != nil && st.hits > 0 {
		at = sim.now.Add(st.first)
	}
	sim.mu.Unlock()
	return sim.organic(a, at)
}

func later(t, u time.Time) time.Time {
	if u.After(t) {
		return u
	}
	return t
}

// fresh is the arrival of the newest article of column c (c < 0: of the
// site) when it appeared after the initial Now, else zero. Every page of a
// list shifts when an article appears, so list and home pages take it
// (plus their usual offset) as their Last-Modified.
func (sim *Sim) fresh(s *site, c int) time.Time {
	var a ref
	if c < 0 {
		n := s.count()
		if n == s.n0 {
			return time.Time{}
		}
		a = s.at(n - 1)
	} else {
		k := s.colCount(c)
		if k == 0 {
			return time.Time{}
		}
		a, _ = s.inCol(c, k-1)
	}
	if a.j < s.n0 {
		return time.Time{}
	}
	return sim.arrival(a)
}

// listMod raises a list page's Last-Modified to the arrival of the newest
// article of the given columns (c < 0: the whole site) plus off.
func (sim *Sim) listMod(mod time.Time, off time.Duration, s *site, cols ...int) time.Time {
	for _, c := range cols {
		if f := sim.fresh(s, c); !f.IsZero() {
			mod = later(mod, f.Add(off))
		}
	}
	return mod
}

// groupMod is listMod over the columns of group g.
func (sim *Sim) groupMod(mod time.Time, off time.Duration, s *site, g int) time.Time {
	return sim.listMod(mod, off, s, s.groupCols(g)...)
}

// articleMod is the Last-Modified of an article page: publish time plus
// off, raised by the arrival of its successor in the column when the page
// links it (下一篇), and by edits.
func (sim *Sim) articleMod(a ref, off time.Duration, linksNext bool) time.Time {
	mod := sim.published(a).Add(off)
	if linksNext {
		if nx, ok := a.s.inCol(a.col, a.i+1); ok && nx.j >= a.s.n0 {
			mod = later(mod, sim.arrival(nx).Add(off))
		}
	}
	if st := sim.peek(a); st.edits > 0 {
		mod = later(mod, st.mod.Add(off))
	}
	return mod
}

// cityMod accounts for the "今天是" date that city pages print: once the
// simulated day differs from the initial one, a static city page changed
// at the last midnight.
func (sim *Sim) cityMod(s *site, out resp) resp {
	if s.Level != "city" || out.mod.IsZero() || out.status != 200 || !strings.HasPrefix(out.ctype, "text/html") {
		return out
	}
	now := sim.pageNow()
	if mid := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, china); mid.After(sim.d0) {
		out.mod = later(out.mod, mid)
	}
	return out
}
