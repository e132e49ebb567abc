package crawl

import (
	"encoding/json"
	"fmt"
	"maps"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/blevesearch/bleve/v2/search"
	"golang.org/x/net/html"

	"github.com/wenming-archive/wenming/internal/article"
)

// siteEntry is one site of the hierarchy as the crawler knows it.
type siteEntry struct {
	Site   article.Site `json:"site"`
	Home   string       `json:"home"`   // canonical homepage URL
	Parent string       `json:"parent"` // host of the parent site; "" for the top
	// Fixed is set when the place in the hierarchy came from the config or
	// from the site's own top strip; an unfixed place is provisional (the
	// site was only seen in another site's link block).
	Fixed bool `json:"fixed"`
	// MovedTo is the host a site's homepage redirects to (the site moved
	// to its own domain, or from its bare name to www.): the site is
	// crawled there, under the entry MovedFrom names the old host in.
	MovedTo   string `json:"moved_to,omitempty"`
	MovedFrom string `json:"moved_from,omitempty"`
	// Answered is set once the site's homepage has been read: a site only
	// listed by others (a dead host, one out of a site crawl's scope, one
	// not reached yet) is known by name but not counted at the level a
	// listing guessed (Summary.Unanswered names those in scope).
	Answered bool `json:"answered,omitempty"`
	// HomeAnswered is when the site's homepage last answered with a page,
	// ArticleFound when a revisit or a sweep last found one of its
	// archived articles: the site's health (removed.go), kept for a run
	// that resumes the pass without asking them again.
	HomeAnswered time.Time `json:"home_answered,omitzero"`
	ArticleFound time.Time `json:"article_found,omitzero"`
}

// keepHealth moves e's health times on to old's where those are later.
func (e *siteEntry) keepHealth(old siteEntry) {
	if old.HomeAnswered.After(e.HomeAnswered) {
		e.HomeAnswered = old.HomeAnswered
	}
	if old.ArticleFound.After(e.ArticleFound) {
		e.ArticleFound = old.ArticleFound
	}
}

// sites is the registry of known sites. It is small (a few thousand sites
// at most) and kept in memory, mirrored to a JSON file so that a resumed
// crawl knows every site's lineage.
//
// Crawl processes that share a frontier share the registry too, through
// a SiteStore: a site one of them found is saved there before its
// homepage is queued, and the others read it when they take the request.
type sites struct {
	path     string
	shared   SiteStore
	maxDepth int
	exclude  map[string]bool

	mu     sync.Mutex
	byHost map[string]*siteEntry
	saved  map[string]string // host → entry as last saved to shared
	loaded time.Time         // when shared was last read whole
	// dirty holds the hosts whose entries changed since the last save:
	// a save writes those alone (sitesfile.go), not the whole registry.
	dirty map[string]bool
	// saving serialises the saves to the file, which hold journal: a
	// snapshot written by one must not drop what another appended.
	saving  sync.Mutex
	journal journalState // the file's journal (sitesfile.go)
}

// SiteStore keeps the site registry where every crawl process sharing a
// frontier sees it (package pgstore): each site's entry, an opaque JSON
// document, by host.
type SiteStore interface {
	// LoadSites returns the entries of hosts, or of every site when
	// none are named.
	LoadSites(hosts ...string) (map[string][]byte, error)
	// SaveSites stores entries, replacing those of the same hosts, but
	// never an entry holding "fixed":true with one that does not: a
	// place a site's homepage fixed stands against the provisional one
	// another process still holds.
	SaveSites(entries map[string][]byte) error
}

// reloadEvery is how often a shared registry is read again whole, for
// the sites other processes found.
const reloadEvery = 5 * time.Second

func openSites(path string, shared SiteStore, maxLevel article.Level, exclude []string) (*sites, error) {
	s := &sites{path: path, shared: shared, maxDepth: maxLevel.Depth(), exclude: map[string]bool{}, byHost: map[string]*siteEntry{}, saved: map[string]string{}, dirty: map[string]bool{}}
	for _, h := range exclude {
		s.exclude[strings.ToLower(strings.TrimSpace(h))] = true
	}
	if shared != nil {
		if err := s.load(); err != nil {
			return nil, err
		}
		return s, nil
	}
	if path == "" {
		return s, nil
	}
	if err := s.readFile(); err != nil {
		return nil, err
	}
	return s, nil
}

// load reads the shared registry (the entries of hosts, or all) and
// merges it into this one: a site found elsewhere is added, a fixed
// place replaces a provisional one.
func (s *sites) load(hosts ...string) error {
	entries, err := s.shared.LoadSites(hosts...)
	if err != nil {
		return fmt.Errorf("read site registry: %w", err)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(hosts) == 0 {
		s.loaded = time.Now()
	}
	for host, v := range entries {
		var e siteEntry
		if err := json.Unmarshal(v, &e); err != nil || e.Site.Host != host {
			continue // not ours to judge: left to the process that wrote it
		}
		s.saved[host] = string(v)
		old, ok := s.byHost[host]
		switch {
		case !ok:
			s.byHost[host] = &e
		case e.Fixed && !old.Fixed:
			name := old.Site.Name
			*old = e
			if betterName(e.Site.Name, name) {
				old.Site.Name = name
			}
		case betterName(old.Site.Name, e.Site.Name):
			old.Site.Name = e.Site.Name
		}
		if ok && e.Answered && !old.Answered {
			old.Answered = true // another process read its homepage
		}
		if ok {
			old.keepHealth(e) // what another process saw of its health
		}
	}
	return nil
}

// lookup makes sure a site of the shared registry that another process
// found is known here: read whole now and then, or the one host when
// force is set (a request of that site was taken). With force, every
// site of host's lineage whose place is still provisional here is read
// again as well: another process may have read its homepage since and
// fixed the place, and the page about to be read takes its lineage
// from here. A process saves a place before it queues the pages that
// follow from it, so what a request finds is never older than it.
func (s *sites) lookup(host string, force bool) {
	if s.shared == nil {
		return
	}
	if !force {
		s.mu.Lock()
		_, ok := s.byHost[host]
		stale := time.Since(s.loaded) > reloadEvery
		s.mu.Unlock()
		if !ok && stale {
			s.load()
		}
		return
	}
	var asked []string
	for range maxLineage {
		unsettled := s.unsettled(host)
		if len(unsettled) == 0 || slices.Equal(unsettled, asked) {
			return
		}
		if err := s.load(unsettled...); err != nil {
			return // the place known here stands; the next request asks again
		}
		asked = unsettled
	}
}

// maxLineage bounds the chain of sites read up from one: deeper than any
// hierarchy (national, province, city, county) and its moves.
const maxLineage = 8

// unsettled returns the hosts of host's lineage that are unknown here or
// whose place is provisional, top last.
func (s *sites) unsettled(host string) []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []string
	seen := map[string]bool{}
	for h := host; h != "" && !seen[h] && len(seen) < maxLineage; {
		seen[h] = true
		e, ok := s.byHost[h]
		if !ok || !e.Fixed {
			out = append(out, h)
		}
		if !ok {
			break
		}
		h = e.Parent
	}
	return out
}

// saveShared stores the entries that changed since they were last saved
// or read.
func (s *sites) saveShared() error {
	s.mu.Lock()
	changed := map[string][]byte{}
	for host := range s.dirty {
		v, err := json.Marshal(s.byHost[host])
		if err != nil {
			s.mu.Unlock()
			return fmt.Errorf("encode site registry: %w", err)
		}
		if s.saved[host] != string(v) {
			changed[host] = v
		}
	}
	clear(s.dirty)
	s.mu.Unlock()
	if len(changed) == 0 {
		return nil
	}
	if err := s.shared.SaveSites(changed); err != nil {
		s.markDirty(slices.Collect(maps.Keys(changed))...)
		return fmt.Errorf("save site registry: %w", err)
	}
	s.mu.Lock()
	for host, v := range changed {
		s.saved[host] = string(v)
	}
	s.mu.Unlock()
	return nil
}

// markDirty notes that the entries of hosts changed and are to be saved.
func (s *sites) markDirty(hosts ...string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, h := range hosts {
		s.dirty[h] = true
	}
}

// save writes what changed in the registry since the last save: to the
// shared store, or to its file (sitesfile.go).
func (s *sites) save() error {
	if s.shared != nil {
		return s.saveShared()
	}
	if s.path == "" {
		s.mu.Lock()
		clear(s.dirty)
		s.mu.Unlock()
		return nil
	}
	return s.saveFile(false)
}

func (s *sites) get(host string) (siteEntry, bool) {
	s.lookup(host, false)
	s.mu.Lock()
	defer s.mu.Unlock()
	e, ok := s.byHost[host]
	if !ok {
		return siteEntry{}, false
	}
	return *e, true
}

func (s *sites) known(host string) bool {
	s.lookup(host, false)
	s.mu.Lock()
	defer s.mu.Unlock()
	_, ok := s.byHost[host]
	return ok
}

// add registers a site. A fixed entry replaces a provisional one; otherwise
// the first registration wins. It reports whether the site is new.
func (s *sites) add(e siteEntry) (added bool) {
	if s.exclude[e.Site.Host] || e.Site.Level.Depth() > s.maxDepth || !e.Site.Level.Valid() {
		return false
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	old, ok := s.byHost[e.Site.Host]
	if !ok {
		cp := e
		s.byHost[e.Site.Host] = &cp
		s.dirty[e.Site.Host] = true
		return true
	}
	if betterName(old.Site.Name, e.Site.Name) {
		old.Site.Name = e.Site.Name
		s.dirty[e.Site.Host] = true
	}
	if e.Fixed && !old.Fixed {
		s.dirty[e.Site.Host] = true
		if !betterName(old.Site.Name, e.Site.Name) {
			e.Site.Name = old.Site.Name
		}
		if e.Home == "" {
			e.Home = old.Home
		}
		e.Answered = e.Answered || old.Answered
		e.keepHealth(*old)
		*old = e
	}
	return false
}

// answered records that a site's homepage was read.
func (s *sites) answered(host string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if e, ok := s.byHost[host]; ok && !e.Answered {
		e.Answered = true
		s.dirty[host] = true
	}
}

// healthSeen records that the homepage of host answered with a page at
// at (home), or that a revisit found one of its articles (not home).
// It reports whether that changed the entry: the first of the run's, or
// a later one.
func (s *sites) healthSeen(host string, home bool, at time.Time) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	e, ok := s.byHost[host]
	if !ok {
		return false
	}
	t := &e.ArticleFound
	if home {
		t = &e.HomeAnswered
	}
	if !at.After(*t) {
		return false
	}
	*t = at
	s.dirty[host] = true
	return true
}

// place fixes a site's level and parent from its own top strip, unless the
// config fixed them already.
func (s *sites) place(host, parent string, level article.Level) {
	s.mu.Lock()
	defer s.mu.Unlock()
	e, ok := s.byHost[host]
	if !ok || e.Fixed {
		return
	}
	e.Parent, e.Site.Level, e.Fixed = parent, level, true
	s.dirty[host] = true
}

// setName records a better name for a site: a link block may name it by
// place only (南宫), its own homepage or a top strip in full (南宫文明网).
func (s *sites) setName(host, name string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if e, ok := s.byHost[host]; ok && betterName(e.Site.Name, name) {
		e.Site.Name = name
		s.dirty[host] = true
	}
}

// betterName reports whether name should replace old: a full 文明网 name
// beats a place name, and anything beats nothing.
func betterName(old, name string) bool {
	switch {
	case name == "" || name == old:
		return false
	case old == "":
		return true
	}
	return !strings.Contains(old, "文明") && strings.Contains(name, "文明")
}

// lineage returns the chain of sites from the top down to host.
func (s *sites) lineage(host string) []article.Site {
	s.mu.Lock()
	defer s.mu.Unlock()
	var chain []article.Site
	seen := map[string]bool{}
	for h := host; h != "" && !seen[h]; {
		seen[h] = true
		e, ok := s.byHost[h]
		if !ok {
			break
		}
		chain = append(chain, e.Site)
		h = e.Parent
	}
	for i, j := 0, len(chain)-1; i < j; i, j = i+1, j-1 {
		chain[i], chain[j] = chain[j], chain[i]
	}
	return chain
}

// moved registers that the site of host now lives on host to, its
// homepage at home: to gets the site's entry (name, level, parent; its
// children keep host as their parent, whose lineage reads the same), and
// host's entry says where the site went. ok reports whether the site is
// at to now (registered before, by an earlier run, included); added
// whether this call registered it.
func (s *sites) moved(host, to, home string) (ok, added bool) {
	if s.exclude[to] {
		return false, false
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	old, known := s.byHost[host]
	if !known {
		return false, false
	}
	if _, taken := s.byHost[to]; taken {
		return old.MovedTo == to, false
	}
	e := *old
	e.Site.Host, e.Home, e.MovedFrom, e.MovedTo = to, home, host, ""
	s.byHost[to] = &e
	old.MovedTo = to
	s.dirty[host], s.dirty[to] = true, true
	return true, true
}

// otherName registers that host, a site only listed so far, is another
// name of the site at known, where the site is crawled: host's entry says
// so (MovedTo) and is not counted. It reports whether it did.
func (s *sites) otherName(host, known string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	e, ok := s.byHost[host]
	if !ok || e.Answered || e.MovedFrom != "" || host == known {
		return false
	}
	e.MovedTo = known
	s.dirty[host] = true
	return true
}

// countByLevel returns how many sites of each level are known (a moved
// site once, at its new host): those whose homepage was read or whose
// place the config or their own top strip fixed. The hosts of the rest,
// sites only listed by others whose homepage never answered, come back
// apart, sorted: the level a listing gives is a guess (a national page
// lists counties beside provinces), and a dead site is no site of the
// archive.
func (s *sites) countByLevel() (m map[article.Level]int, unanswered []string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	m = map[article.Level]int{}
	for _, e := range s.byHost {
		switch {
		case e.MovedTo != "":
		case e.Fixed || e.Answered:
			m[e.Site.Level]++
		default:
			unanswered = append(unanswered, e.Site.Host)
		}
	}
	slices.Sort(unanswered)
	return m, unanswered
}

// anchor is one link of a page: its absolute URL and its text.
type anchor struct {
	URL  string
	Text string
	// InBlock is set for a homepage link that sits in a block of member
	// sites (中国文明网联盟, 地级市网站, 县级市和县网站 …); InLinks for one in a
	// generic link block (友情链接).
	InBlock bool
	InLinks bool
	// Frame is set for a frame's or an inline frame's page: part of the
	// page that shows it.
	Frame bool
	// Records is, for a list's data request, the template its records'
	// links are built from, resolved against the page (jsonrecords.go).
	Records string
}

// isRootURL reports whether u is a site's homepage URL.
func isRootURL(raw string) bool {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" || u.RawQuery != "" {
		return false
	}
	return u.Path == "" || rootPathRe.MatchString(u.Path)
}

// rootPathRe matches the paths a homepage is linked by: the root, or the
// root's index page in any server's naming (index.html, default.aspx,
// portal.php, main.htm, index.jhtml, index.do …).
var rootPathRe = regexp.MustCompile(`(?i)^/(?:(?:index|default|home|main|portal)\.(?:s?html?|php|jsp|aspx?|jhtml|do))?$`)

// siteBlock matches the headings of link blocks that list member sites of
// the 文明网 network, as opposed to generic 友情链接 lists of government
// and news sites.
var siteBlock = regexp.MustCompile(`文明网联盟|地级市网站|县级市和县网站|区县文明网|县区文明网|市县文明网|文明网站群|地方文明网|各地文明网|下级文明网|省级文明网|市级文明网|县级文明网|县区网站|区县网站|市县网站|县（市、区）|县\(市、区\)|下级网站|文明网群`)

// linkBlock matches the heading of a generic block of links.
var linkBlock = regexp.MustCompile(`友情链接|相关链接|网站链接|链接导航`)

// inSiteBlock reports whether a link sits inside a block headed as a list
// of member sites (member), or inside a generic link block (links): one of
// its nearest ancestors has such a heading.
func inSiteBlock(s *goquery.Selection) (member, links bool) {
	return siteBlocks{}.classify(s)
}

// siteBlocks remembers, for one page, what the ancestors of its links
// were found to be, so that the links of one block share the reading of
// its text: a homepage listing 330 sites read the whole block's text once
// per link, 330 times (a cost per page growing with the number of sites).
type siteBlocks map[*html.Node]blockKind

// blockKind is what an ancestor of a link is to inSiteBlock.
type blockKind uint8

const (
	blockNone   blockKind = iota // no heading: look further up
	blockLinks                   // a generic link block: look further up
	blockMember                  // a block of member sites
	blockStop                    // the body, or too large to be a block
)

// classify is inSiteBlock with the page's ancestors remembered.
func (m siteBlocks) classify(s *goquery.Selection) (member, links bool) {
	p := s.Parent()
	for i := 0; i < 5 && p.Length() > 0; i++ {
		switch m.kind(p) {
		case blockStop:
			return false, links
		case blockMember:
			return true, true
		case blockLinks:
			links = true
		}
		p = p.Parent()
	}
	return false, links
}

// kind reads one ancestor, once per page.
func (m siteBlocks) kind(p *goquery.Selection) blockKind {
	n := p.Get(0)
	if k, ok := m[n]; ok {
		return k
	}
	k := blockNone
	if goquery.NodeName(p) == "body" {
		k = blockStop
	} else if text := p.Text(); len(text) > 20000 {
		k = blockStop
	} else if siteBlock.MatchString(text) {
		k = blockMember
	} else if linkBlock.MatchString(text) {
		k = blockLinks
	}
	m[n] = k
	return k
}

// wenmingHost matches the hosts civilization sites use: the wenming.cn
// platform and county domains such as www.ngwm.gov.cn or www.qhwmw.gov.cn
// ("wm" for 文明).
var wenmingHost = regexp.MustCompile(`(^|\.)(wenming|[a-z]{0,8}wm[a-z]{0,4})\.`)

// notMember names sites that a member block may list but that are not
// 文明网 sites (government portals, news media). 新华 alone is a place
// (石家庄 and 沧州 have a 新华区, listed by place only as 新华); the news
// agency's sites are 新华网 and 新华社.
var notMember = regexp.MustCompile(`政府|人民网|新华网|新华社|日报|新闻|电视|广播|微博|微信|公安|党建`)

// siteLink reports whether a link points at another hierarchy site's
// homepage: a root URL on another host whose text names a 文明网 site
// (中国文明网, 河北文明网, 【邢台文明网】, 南宫文明网 …). Links out of the
// hierarchy (中国政府网, 官方微博, news sites) do not qualify.
//
// A member block may name sites by place only (成都, 南宫), as the real
// 县级市和县网站 tabs do; such links count when they are not government or
// news sites.
// A picture link naming nothing (a logo without alt text) counts in
// such a block when its host is a civilization site's (wenmingHost).
func siteLink(a anchor, ownHost string) (host, name string, ok bool) {
	if !isRootURL(a.URL) {
		return "", "", false
	}
	u, _ := url.Parse(a.URL)
	host = strings.ToLower(u.Host)
	if host == ownHost || twinHosts(host, ownHost) {
		return "", "", false // the site's own homepage, by either of its names
	}
	name = cleanSiteName(a.Text)
	n := len([]rune(name))
	switch {
	case n == 0 && (a.InBlock || a.InLinks) && wenmingHost.MatchString(host):
		// A logo picture without alt text in a block of member sites, on
		// a civilization-site domain: a member site still unnamed, which
		// its homepage names (titleName) when read.
		return host, "", true
	case n == 0 || n > 16:
		return "", "", false
	case strings.Contains(name, "文明"):
		return host, name, true
	case a.InBlock && n <= 10 && !notMember.MatchString(name):
		return host, name, true
	case a.InLinks && n <= 10 && !notMember.MatchString(name) && wenmingHost.MatchString(host):
		// A place name in a 友情链接 list, on a civilization-site domain.
		return host, name, true
	}
	return "", "", false
}

// cleanSiteName strips the brackets and separators that top strips put
// around names (【中国文明网】|).
func cleanSiteName(s string) string {
	s = strings.TrimSpace(s)
	s = strings.Trim(s, "【】[]|｜ \u00a0\u3000")
	return strings.TrimSpace(s)
}

// readStrip splits a homepage's links into the ancestors named in its top
// strip (the 文明网 links before the first link to the site itself) and
// the other hierarchy links (children and siblings from link blocks). A
// page that never links its own site (by either of its names) has no top strip: it is a part of a
// homepage (an inline frame holding the member list, a page of member
// sites), and its hierarchy links are all others.
func readStrip(anchors []anchor, ownHost string) (ancestors, others []anchor) {
	ownSeen, twinSeen := false, false
	seen := map[string]bool{}
	for _, a := range anchors {
		u, err := url.Parse(a.URL)
		if err != nil {
			continue
		}
		if t, ok := redirectorTarget(u, ownHost); ok {
			a.URL, u = t.String(), t
		}
		if u.Host == ownHost {
			ownSeen = true
			continue
		}
		twinSeen = twinSeen || twinHosts(u.Host, ownHost)
		host, name, ok := siteLink(a, ownHost)
		if !ok || seen[host] {
			continue
		}
		seen[host] = true
		a.Text = name
		if ownSeen {
			others = append(others, a)
		} else {
			ancestors = append(ancestors, a)
		}
	}
	if !ownSeen && !twinSeen {
		return nil, ancestors
	}
	return ancestors, others
}

// redirectorTarget returns where a link through the site's own redirector
// goes: a URL of ownHost one of whose query parameters is an absolute
// URL of another host (EmpireCMS lists its friend links as
// /e/public/GotoSite/?lid=3&url=http%3A%2F%2F…, other CMSs count clicks
// through go.php?url=…, link.php?u=…).
func redirectorTarget(u *url.URL, ownHost string) (*url.URL, bool) {
	if u.Host != ownHost || u.RawQuery == "" {
		return nil, false
	}
	for _, vs := range u.Query() {
		for _, v := range vs {
			if !hasPrefixFold(v, "http://") && !hasPrefixFold(v, "https://") {
				continue
			}
			t, err := url.Parse(v)
			if err == nil && t.Host != "" && !strings.EqualFold(t.Host, ownHost) {
				return t, true
			}
		}
	}
	return nil, false
}

func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}

// UnknownSiteError is a site a group crawl was asked to start from that
// the crawl does not know: no seed, no listed site and none an earlier
// crawl found (or one scope.exclude_hosts leaves out).
type UnknownSiteError struct {
	Site string // as given
	// Similar names known sites it may stand for, "host (name)", closest
	// first; when Ambiguous, the sites the name fits.
	Similar   []string
	Ambiguous bool
	Excluded  bool // the host is in scope.exclude_hosts
	// Known is how many sites are known; Registry the file that lists
	// those earlier crawls found ("" when none is kept).
	Known    int
	Registry string
}

func (e *UnknownSiteError) Error() string {
	switch {
	case e.Excluded:
		return fmt.Sprintf("%s is excluded by scope.exclude_hosts in the config", e.Site)
	case e.Ambiguous:
		return fmt.Sprintf("%q names several sites: %s; give the host", e.Site, strings.Join(e.Similar, ", "))
	}
	msg := fmt.Sprintf("%s is not a known site", e.Site)
	if len(e.Similar) > 0 {
		msg += "; did you mean " + strings.Join(e.Similar, " or ") + "?"
	} else {
		msg += "."
	}
	msg += fmt.Sprintf(" A site crawl starts from a seed or a listed site (sites: in the config) or a site an earlier crawl found (%d known", e.Known)
	if e.Registry != "" {
		msg += ", listed in " + e.Registry
	}
	return msg + "): crawl the whole tree first, or list the site under sites: with its level and parent"
}

// ResolveSites turns the sites a group crawl is asked for (hosts,
// homepage URLs or names as the sites call themselves: 邢台文明网, or 邢台)
// into the hosts of known sites — the seeds and listed sites of opts and
// the sites an earlier crawl recorded in opts.StateDir — in the order
// given, without repeats. A site it cannot resolve is an
// *UnknownSiteError.
func ResolveSites(opts Options, given []string) ([]string, error) {
	s, err := knownSites(opts)
	if err != nil {
		return nil, err
	}
	var hosts []string
	seen := map[string]bool{}
	for _, g := range given {
		h, err := s.resolve(g)
		if err != nil {
			return nil, err
		}
		if !seen[h] {
			seen[h] = true
			hosts = append(hosts, h)
		}
	}
	return hosts, nil
}

// openSitesOf opens the registry of sites a crawl with opts keeps: in
// StateDir (sites.json) when it has one.
func openSitesOf(opts Options) (*sites, error) {
	path := ""
	if opts.StateDir != "" {
		path = filepath.Join(opts.StateDir, "sites.json")
	}
	return openSites(path, opts.SharedSites, opts.MaxLevel, opts.ExcludeHosts)
}

// knownSites is the registry as a crawl with opts starts with: the one
// recorded in StateDir, with the seeds and listed sites added.
func knownSites(opts Options) (*sites, error) {
	if opts.MaxLevel == "" {
		opts.MaxLevel = article.County
	}
	s, err := openSitesOf(opts)
	if err != nil {
		return nil, err
	}
	for _, sp := range opts.Seeds {
		if sp.Level == "" {
			sp.Level = article.National
		}
		s.addSpec(sp)
	}
	for _, sp := range opts.Sites {
		s.addSpec(sp)
	}
	return s, nil
}

// addSpec registers a seed or listed site, fixed in its place; it
// returns the entry as registered.
func (s *sites) addSpec(sp SiteSpec) (siteEntry, error) {
	home, err := Canonicalize(sp.URL)
	if err != nil {
		return siteEntry{}, fmt.Errorf("site %s: %w", sp.URL, err)
	}
	e := siteEntry{Site: article.Site{Host: Host(home), Name: sp.Name, Level: sp.Level}, Home: home, Parent: sp.Parent, Fixed: true}
	s.add(e)
	return e, nil
}

// resolve finds the known site that given stands for: its host (any
// case, or inside a URL), or its name.
func (s *sites) resolve(given string) (string, error) {
	g := strings.TrimSpace(given)
	host := strings.ToLower(g)
	if u, err := url.Parse(g); err == nil && u.Host != "" {
		host = strings.ToLower(u.Host)
	} else if i := strings.IndexByte(host, '/'); i > 0 {
		host = host[:i]
	}
	if s.exclude[host] {
		return "", &UnknownSiteError{Site: given, Excluded: true}
	}
	if s.known(host) {
		return host, nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	var named []*siteEntry
	for _, e := range s.byHost {
		if sameName(e.Site.Name, g) {
			named = append(named, e)
		}
	}
	sortEntries(named)
	switch len(named) {
	case 1:
		return named[0].Site.Host, nil
	case 0:
		e := &UnknownSiteError{Site: given, Similar: s.similarLocked(host, g), Known: len(s.byHost)}
		if _, err := os.Stat(s.path); s.path != "" && err == nil {
			e.Registry = s.path // no crawl has written it on a new archive
		}
		return "", e
	}
	e := &UnknownSiteError{Site: given, Ambiguous: true}
	for _, n := range named {
		e.Similar = append(e.Similar, label(n))
	}
	return "", e
}

// sameName reports whether a site's name and a name given for it agree,
// the suffix 文明网 aside (邢台 is 邢台文明网).
func sameName(name, given string) bool {
	trim := func(s string) string { return strings.TrimSuffix(cleanSiteName(s), "文明网") }
	return name != "" && trim(name) != "" && trim(name) == trim(given)
}

// similarLocked lists up to three known sites close to what was given:
// hosts a few edits away, names that contain it or that it contains.
func (s *sites) similarLocked(host, given string) []string {
	type cand struct {
		e    *siteEntry
		dist int
	}
	var cands []cand
	short := strings.TrimSuffix(cleanSiteName(given), "文明网")
	for _, e := range s.byHost {
		d := search.LevenshteinDistance(host, e.Site.Host)
		name := strings.TrimSuffix(e.Site.Name, "文明网")
		switch {
		case d <= 2 && !otherPlace(host, e.Site.Host):
		case short != "" && name != "" && !isASCII(short) && (strings.Contains(name, short) || strings.Contains(short, name)):
			d = 1
		default:
			continue
		}
		cands = append(cands, cand{e, d})
	}
	sort.Slice(cands, func(i, j int) bool {
		if cands[i].dist != cands[j].dist {
			return cands[i].dist < cands[j].dist
		}
		return cands[i].e.Site.Host < cands[j].e.Site.Host
	})
	var out []string
	for i := 0; i < len(cands) && i < 3; i++ {
		out = append(out, label(cands[i].e))
	}
	return out
}

// otherPlace reports whether two hosts a few edits apart name different
// places rather than one misspelt: their first labels share nothing in
// place (xt.wenming.cn and hb.wenming.cn are two sites, not a typo).
func otherPlace(a, b string) bool {
	la, _, _ := strings.Cut(a, ".")
	lb, _, _ := strings.Cut(b, ".")
	return la != lb && search.LevenshteinDistance(la, lb) >= max(len(la), len(lb))
}

func label(e *siteEntry) string {
	if e.Site.Name == "" {
		return e.Site.Host
	}
	return e.Site.Host + " (" + e.Site.Name + ")"
}

func sortEntries(list []*siteEntry) {
	sort.Slice(list, func(i, j int) bool { return list[i].Site.Host < list[j].Site.Host })
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}
