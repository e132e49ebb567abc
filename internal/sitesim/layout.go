package sitesim

import (
	"math"
	"math/rand/v2"
	"sort"
	"time"
)

// The article layout is pure arithmetic: a site's articles are numbered
// j = 0 … n-1 oldest first, and everything about article j (column, time,
// ids) is a function of (seed, site, j). Columns interleave by a seeded
// repeating block of slots, so column ↔ site index mapping is O(1) and no
// per-article table is ever built.

// ref is one article: the j-th oldest of a site.
type ref struct {
	s   *site
	j   int
	col int // column index
	i   int // index within the column, oldest first
}

// mix is splitmix64 over a list of words.
func mix(words ...uint64) uint64 {
	h := uint64(0x9E3779B97F4A7C15)
	for _, w := range words {
		h ^= w + 0x9E3779B97F4A7C15 + (h << 6) + (h >> 2)
		h += 0x9E3779B97F4A7C15
		z := h
		z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9
		z = (z ^ (z >> 27)) * 0x94D049BB133111EB
		h = z ^ (z >> 31)
	}
	return h
}

// unit returns a value in [0,1) derived from the words.
func unit(words ...uint64) float64 {
	return float64(mix(words...)>>11) / (1 << 53)
}

// Purposes of a random stream, so that streams of one article differ.
const (
	purTime uint64 = iota + 1
	purTitle
	purBody
	purMeta
	purViews
	purPattern
	purPages
	purSecond
	purArrive
	purEdit
	purGrowth
)

func (sim *Sim) rng(s *site, j int, purpose uint64) *rand.Rand {
	seed := uint64(sim.opts.Seed)
	return rand.New(rand.NewPCG(mix(seed, uint64(s.idx), uint64(j), purpose), mix(purpose, seed, uint64(j))))
}

// allocate splits total over the weights: every part gets min(2, total/len)
// first, the rest goes by largest remainder.
func allocate(total int, weights []int) []int {
	n := len(weights)
	out := make([]int, n)
	if n == 0 || total <= 0 {
		return out
	}
	base := min(2, total/n)
	rest := total - base*n
	sum := 0
	for _, w := range weights {
		sum += w
	}
	rem := make([]int, n)
	given := 0
	for i, w := range weights {
		q := int(int64(rest) * int64(w) / int64(sum))
		rem[i] = int(int64(rest) * int64(w) % int64(sum))
		out[i] = base + q
		given += q
	}
	order := make([]int, n)
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return rem[order[a]] > rem[order[b]] })
	for k := 0; k < rest-given; k++ {
		out[order[k%n]]++
	}
	return out
}

// layoutSite builds the slot block of a site: each column once (shuffled),
// then the rest of the column weights (shuffled).
func (sim *Sim) layoutSite(s *site) {
	r := sim.rng(s, -1, purPattern)
	first := r.Perm(len(s.cols))
	var more []int
	for c, col := range s.cols {
		for k := 1; k < col.weight; k++ {
			more = append(more, c)
		}
	}
	r.Shuffle(len(more), func(a, b int) { more[a], more[b] = more[b], more[a] })
	s.pattern = append(first, more...)
	s.rank = make([]int, len(s.pattern))
	s.slots = make([][]int, len(s.cols))
	for pos, c := range s.pattern {
		s.rank[pos] = len(s.slots[c])
		s.slots[c] = append(s.slots[c], pos)
	}
}

// count is the number of articles the site has now: the n0 it started
// with plus those published since (live.go).
func (s *site) count() int { return int(s.cur.Load()) }

// colCount is the number of articles of column c.
func (s *site) colCount(c int) int {
	n := s.count()
	l := len(s.pattern)
	full, rem := n/l, n%l
	k := full * len(s.slots[c])
	for _, pos := range s.slots[c] {
		if pos < rem {
			k++
		}
	}
	return k
}

// at returns article j of s.
func (s *site) at(j int) ref {
	l := len(s.pattern)
	pos := j % l
	c := s.pattern[pos]
	return ref{s: s, j: j, col: c, i: (j/l)*len(s.slots[c]) + s.rank[pos]}
}

// inCol returns the i-th oldest article of column c; ok is false past the end.
func (s *site) inCol(c, i int) (ref, bool) {
	if i < 0 || i >= s.colCount(c) {
		return ref{}, false
	}
	w := len(s.slots[c])
	j := (i/w)*len(s.pattern) + s.slots[c][i%w]
	return ref{s: s, j: j, col: c, i: i}, true
}

// frac places article j < n0 on the site's time line, strictly increasing in j.
func (sim *Sim) frac(s *site, j int) float64 {
	u := unit(uint64(sim.opts.Seed), uint64(s.idx), uint64(j), purTime) * 0.999
	return (float64(j) + u) / float64(s.n0)
}

// published is the publish time as the page shows it (midnight for
// date-only sites, whole minutes otherwise).
func (sim *Sim) published(a ref) time.Time {
	s := a.s
	if a.j >= s.n0 {
		t := sim.arrival(a)
		if !s.dates.minute {
			return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, china)
		}
		return t
	}
	end := time.Date(sim.now.Year(), sim.now.Month(), sim.now.Day(), 0, 0, 0, 0, china)
	days := int(end.Sub(s.start).Hours() / 24)
	if days < 1 {
		days = 1
	}
	x := sim.frac(s, a.j) * float64(days)
	d := math.Floor(x)
	t := s.start.AddDate(0, 0, int(d))
	if !s.dates.minute {
		return t
	}
	minutes := int((x - d) * 14 * 60) // 08:00 … 21:59
	return t.Add(time.Duration(8*60+minutes) * time.Minute)
}

// second is the seconds field that DedeCMS lists and PHPCMS pages print
// (Y-m-d H:i:s); Truth.Published drops it, keeping minute precision.
func (sim *Sim) second(a ref) time.Duration {
	return time.Duration(mix(uint64(sim.opts.Seed), uint64(a.s.idx), uint64(a.j), purSecond)%60) * time.Second
}

// docSpan is the range of docids the initial articles of s spread over.
func docSpan(s *site) float64 {
	if s.Level == "national" {
		return 3000000.0 // ≈5.9M in 2021
	}
	return 2600000.0 // local platform: ≈7.4M in 2021
}

// docStep is the docid distance between two articles published after the
// initial Now: the platform numbers other sites' documents in between.
const docStep = 40

// docid is the TRS document id, strictly increasing with j.
func (sim *Sim) docid(s *site, j int) int64 {
	if j >= s.n0 {
		k := int64(j - s.n0)
		return sim.newDocBase(s) + k*docStep + 1 + int64(mix(uint64(sim.opts.Seed), uint64(s.idx), uint64(j), purTime)%docStep)
	}
	return s.docBase + int64(sim.frac(s, j)*docSpan(s)) + int64(j)
}

// newDocBase is above every docid of the initial articles.
func (sim *Sim) newDocBase(s *site) int64 { return s.docBase + int64(docSpan(s)) + int64(s.n0) }

// jByDocid inverts docid for the articles published so far.
func (sim *Sim) jByDocid(s *site, id int64) (int, bool) {
	if nb := sim.newDocBase(s); id > nb {
		j := s.n0 + int((id-nb-1)/docStep)
		return j, j < s.count() && sim.docid(s, j) == id
	}
	j := sort.Search(s.n0, func(j int) bool { return sim.docid(s, j) >= id })
	return j, j < s.n0 && j < s.count() && sim.docid(s, j) == id
}

// serial is the Discuz aid or EmpireCMS id of article j.
func (s *site) serial(j int) int {
	if s.CMS == cmsDiscuz {
		return s.aidBase + j
	}
	return s.idBase + j
}

func (s *site) jBySerial(id int) (int, bool) {
	j := id - s.serial(0)
	return j, j >= 0 && j < s.count()
}

// hasViews reports whether a polite crawler can learn the view count:
// Discuz prints it, the EmpireCMS and VSB counter scripts are allowed;
// the DedeCMS and PHPCMS counters are disallowed by their stock robots.txt
// and their pages print no number.
func (s *site) hasViews() bool {
	switch s.CMS {
	case cmsDiscuz, cmsEmpire, cmsVSB:
		return true
	}
	return false
}

// counts reports whether the site keeps a view count at all.
func (s *site) counts() bool { return s.CMS != cmsTRS }

// viewsBefore is the count at the article's base time (live.go): at the
// initial Now for the initial articles, when it appeared for the others.
// Static pages that print cached counts (点击排行, DedeCMS lists) print it.
func (sim *Sim) viewsBefore(a ref) int64 {
	r := sim.rng(a.s, a.j, purViews)
	if a.j >= a.s.n0 {
		return int64(r.IntN(6)) // read in the CMS preview before publishing
	}
	age := sim.now.Sub(sim.published(a)).Hours() / 24
	v := 12 + r.Float64()*(age*0.9+150)
	if r.IntN(40) == 0 {
		v += 3000 + r.Float64()*25000 // a few popular ones, shown as plain numbers
	}
	return int64(v)
}
