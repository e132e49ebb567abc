// Package config reads wenming's config.yaml: where a crawl starts, which
// sites belong to the hierarchy, how politely to fetch, and where the
// archive lives. It turns the file into a Config with defaults filled in and
// validates it; every error names the key and the line it came from.
//
// The package only describes settings. Each stage gets its own options from
// cmd/wenming; nothing reads a global configuration.
package config

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"net/url"
	"os"
	"regexp"
	"strconv"
	"strings"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/wenming-archive/wenming/internal/article"
	"github.com/wenming-archive/wenming/internal/schedule"
)

// Config is the whole of config.yaml.
type Config struct {
	// Data is the archive directory: article records, crawl state, index.
	Data string `yaml:"data"`
	// Store, when set, is the DSN of a PostgreSQL database that keeps the
	// article records and the crawl state instead of the embedded files
	// in Data (postgres://user:password@host:port/database): several
	// crawl processes with the same Store work on one crawl together.
	Store string `yaml:"store"`
	// Seeds are the URLs a crawl starts from, normally the national homepage.
	Seeds []Seed `yaml:"seeds"`
	// Sites are sites of the hierarchy that link blocks may not reveal, with
	// their place in it.
	Sites []Site `yaml:"sites"`
	Scope Scope  `yaml:"scope"`
	Crawl Crawl  `yaml:"crawl"`
	WARC  WARC   `yaml:"warc"`
	Index Index  `yaml:"index"`
	// Profiles add or refine extraction profiles for particular sites:
	// CSS selectors for the fields and a date layout, no recompiling.
	Profiles []Profile `yaml:"profiles"`
	// Schedule lists the crawls "wenming schedule" runs.
	Schedule []Job `yaml:"schedule"`

	root *yaml.Node // the parsed file, for the lines of later errors
	file string     // its path, when Load read it
}

// Profile is an extraction profile as config.yaml writes it. Selectors are
// CSS (as in jQuery); an empty one keeps the built-in rule for the field.
type Profile struct {
	Name       string   `yaml:"name"`
	Hosts      []string `yaml:"hosts"`       // exact hosts or *.example.gov.cn; none refines the built-in of that name
	URLPattern string   `yaml:"url_pattern"` // optional regular expression on article URLs
	Title      string   `yaml:"title"`
	Time       string   `yaml:"time"`
	Views      string   `yaml:"views"`
	Body       string   `yaml:"body"`
	Column     string   `yaml:"column"`
	Source     string   `yaml:"source"`
	Author     string   `yaml:"author"`
	Editor     string   `yaml:"editor"`
	DateLayout string   `yaml:"date_layout"` // Go layout, e.g. "2006-1-2 15:04"
}

// WARC sets how raw captures are kept.
type WARC struct {
	// Enabled records every HTTP exchange (robots.txt, pages, counters) as
	// WARC 1.1 records in Dir, with a CDXJ index beside them.
	Enabled *bool `yaml:"enabled"`
	// Dir is the WARC directory; relative paths are inside the archive
	// directory (package archive's WARCDirs says where it is).
	Dir string `yaml:"dir"`
	// MaxFileSize rotates WARC files above this many bytes.
	MaxFileSize int64 `yaml:"max_file_size"`
	// ReadDirs are more WARC directories where the readers of the archive
	// (export, serve) look for the captures the records name: those of
	// the other workers sharing a Store, each of which writes its own
	// (files are named after their worker, so a name is found in one).
	// Relative paths are inside the archive directory.
	ReadDirs []string `yaml:"read_dirs"`
}

// Index sets how the search index is kept.
type Index struct {
	// Shards splits the index by the year articles were published
	// ("year"): an index per year, searched together, which can grow
	// past one disk. "" (the default) keeps one index. An index of the
	// other layout is rebuilt when it is next opened.
	Shards string `yaml:"shards"`
	// MemoryLimit is the Go runtime's soft memory limit while a run
	// indexes what it archived: the collector waits until the heap nears
	// it (GOGC is off meanwhile) instead of collecting each time the heap
	// doubles. Indexing allocates much and keeps little, so the larger
	// room between collections saves CPU; a live heap that outgrows the
	// limit takes more memory instead, as with crawl.memory_limit. 0
	// keeps the crawl's settings (the runtime's GOGC, crawl.memory_limit).
	// GOGC and GOMEMLIMIT, when set, win.
	MemoryLimit Size `yaml:"memory_limit"`
}

// On reports whether WARC recording is enabled.
func (w WARC) On() bool { return w.Enabled == nil || *w.Enabled }

// Job is a scheduled crawl of the whole tree or of a site group.
type Job struct {
	// Name names the job in logs, the run log and its crawl state file:
	// letters, digits, "-" and "_".
	Name string `yaml:"name"`
	// Cron is when it runs, in China time: "0 2 * * *" (02:00 daily), with
	// an optional leading seconds field, or @daily, @every 6h …
	Cron string `yaml:"cron"`
	// Sites are the hosts of the group's sites (their descendants
	// included); empty means the whole hierarchy.
	Sites []string `yaml:"sites"`
}

// KeyError returns an *Error for a dotted key such as "profiles[1].body",
// with the line of that key in the file the config came from.
func (c *Config) KeyError(key, format string, args ...any) *Error {
	line := 0
	if c.root != nil {
		line = lineOf(c.root, key)
	}
	return &Error{Line: line, Key: key, Msg: fmt.Sprintf(format, args...)}
}

// Seed is a site a crawl starts from.
type Seed struct {
	URL   string        `yaml:"url"`
	Name  string        `yaml:"name"`
	Level article.Level `yaml:"level"`
}

// Site is a site listed by hand. Parent is the host of its parent site; it
// may be empty for a seed-level site.
type Site struct {
	URL    string        `yaml:"url"`
	Name   string        `yaml:"name"`
	Level  article.Level `yaml:"level"`
	Parent string        `yaml:"parent"`
}

// Scope bounds what a crawl may visit.
type Scope struct {
	// MaxLevel is the deepest level of site discovered (default county).
	MaxLevel article.Level `yaml:"max_level"`
	// ExcludeHosts are never visited, even when a link block lists them.
	ExcludeHosts []string `yaml:"exclude_hosts"`
	// IgnoreRobotsHosts are hosts whose robots.txt rules are not obeyed
	// (its Crawl-delay still is, and delay and per_host as ever): for
	// sites the user runs or has permission to archive whose robots.txt
	// lets only search engines' crawlers in.
	IgnoreRobotsHosts []string `yaml:"ignore_robots_hosts"`
	// MaxPagesPerSite caps the pages fetched from one site in one run (0 = no cap).
	MaxPagesPerSite int `yaml:"max_pages_per_site"`
}

// Crawl holds the fetching and politeness settings.
type Crawl struct {
	UserAgent string `yaml:"user_agent"`
	// Workers is the number of requests in flight across all hosts.
	Workers int `yaml:"workers"`
	// PerHost is the number of requests in flight to one host.
	PerHost int `yaml:"per_host"`
	// Delay is the pause between two requests to the same host; RandomDelay
	// adds up to that much more. A robots.txt Crawl-delay that is longer wins.
	Delay       time.Duration `yaml:"delay"`
	RandomDelay time.Duration `yaml:"random_delay"`
	// Timeout bounds one answer: it is given up on when not complete
	// after Timeout plus a second for every 32 KiB of it received.
	Timeout time.Duration `yaml:"timeout"`
	// Retries is how often a request that failed with a network error, 429 or
	// 5xx is tried again, later in the run, after the host's backoff (its
	// Retry-After, or doubling from 1s). A page whose host answered
	// nothing else meanwhile waits out the host's outage past them (see
	// package crawl's outage.go).
	Retries int `yaml:"retries"`
	// Proxy is an HTTP proxy URL. Empty means the standard HTTP_PROXY /
	// HTTPS_PROXY / NO_PROXY variables.
	Proxy string `yaml:"proxy"`
	// FetchCounters makes the crawler fetch view counts that a page loads by
	// script (robots.txt permitting).
	FetchCounters *bool `yaml:"fetch_counters"`
	// CaptureImages makes the crawler fetch and archive (in the WARC) the
	// images of each article it archives, on the hierarchy's hosts and
	// robots.txt permitting, so that replays show them. Off by default:
	// it costs a request per image.
	CaptureImages bool `yaml:"capture_images"`
	// CaptureAttachments makes the crawler record the documents each
	// article it archives links (附件: .doc, .pdf, .xls …, a CMS's download
	// script) and fetch and archive them in the WARC, on the hierarchy's
	// hosts and robots.txt permitting. Off by default: it costs a request
	// per document, up to 50 MiB each.
	CaptureAttachments bool `yaml:"capture_attachments"`
	// MaxBodyBytes rejects larger responses.
	MaxBodyBytes int64 `yaml:"max_body_bytes"`
	// RevisitAge: on a later crawl, archived articles published less than
	// this long ago are fetched again (conditionally where the server
	// allows) to record their view count; older ones are not. 0 = never.
	RevisitAge time.Duration `yaml:"revisit_age"`
	// RemovalSweep: on a later crawl, when a site's homepage answers, up
	// to this many of its archived articles that no revisit asks about
	// are asked again, those asked longest ago first, to find the ones
	// the site took down. 0 = no sweep; unset = DefaultRemovalSweep.
	RemovalSweep *int `yaml:"removal_sweep"`
	// ListOverlap: on a later crawl, a list page showing this many archived
	// articles is as far back as new ones go; paging stops there.
	ListOverlap int `yaml:"list_overlap"`
	// MaxDuration ends a run after this long, as interrupted: the pages in
	// flight finish, what was archived is indexed, and the next run resumes
	// the pass. 0 = no limit.
	MaxDuration time.Duration `yaml:"max_duration"`
	// Lease is how long a host stays with a crawl process sharing the
	// Store that stopped renewing it (killed, stalled): then another takes
	// it, and the pages it had in flight; a stalled process sends nothing
	// more to it (see crawl.Frontier's Fence). Default 30s; only used
	// with Store.
	Lease time.Duration `yaml:"lease"`
	// MinFreeSpace: a run warns before it starts when the archive's
	// filesystem has less free space than this (a full disk stops a run;
	// nothing is lost, but nothing more is archived). 0 = no check.
	MinFreeSpace Size `yaml:"min_free_space"`
	// GCPercent is the Go garbage collector's GOGC during a crawl: the heap
	// may grow this many percent over what the last collection kept before
	// the next one. Higher spends less CPU collecting and more memory;
	// MemoryLimit caps the memory it costs. 0 leaves the runtime's own
	// (GOGC, or 100). The GOGC environment variable, when set, wins.
	GCPercent int `yaml:"gc_percent"`
	// MemoryLimit is the Go runtime's soft memory limit during a crawl
	// and the indexing after it: nearing it, the collector runs as often
	// as it must to stay under it, whatever GCPercent allows (but no more
	// often than GOGC=50 would: a run whose live heap outgrows the limit
	// takes more memory instead). 0 = no limit. GOMEMLIMIT, when set, wins.
	MemoryLimit Size `yaml:"memory_limit"`
	// ExtraProcs is how many threads beyond the runtime's default (the
	// cores it may use) run Go code during a crawl: a thread in a write
	// or an fsync keeps its processor until the runtime notices, and a
	// crawl makes hundreds of them a second, so that one more keeps the
	// cores busy. The indexing after the crawl, computation alone, runs
	// with the runtime's default. 0 = the runtime's default. The
	// GOMAXPROCS environment variable, when set, wins.
	ExtraProcs int `yaml:"extra_procs"`
	// StrictTLS refuses a site whose HTTPS certificate fails verification
	// (a chain without its intermediate, expired, for another name). By
	// default its pages are archived all the same and the host named in the
	// crawl's summary and run log.
	StrictTLS bool `yaml:"strict_tls"`
}

// Size is a number of bytes, written as a plain number or with a unit:
// 500MB, 1GiB, 2 GB (kB, MB, GB, TB are powers of 1000; KiB, MiB, GiB,
// TiB powers of 1024). A value that is neither is -1, which validation
// reports with the key and line.
type Size int64

// sizeUnits are the units Size accepts, longest first so that "MiB" is
// not read as "B".
var sizeUnits = []struct {
	suffix string
	mult   float64
}{
	{"KiB", 1 << 10}, {"MiB", 1 << 20}, {"GiB", 1 << 30}, {"TiB", 1 << 40},
	{"kB", 1e3}, {"KB", 1e3}, {"MB", 1e6}, {"GB", 1e9}, {"TB", 1e12},
	{"B", 1},
}

// UnmarshalYAML reads a Size; a malformed one becomes -1 rather than an
// error here, so that validate can name the key and its line.
func (s *Size) UnmarshalYAML(n *yaml.Node) error {
	v, err := ParseSize(n.Value)
	if err != nil || n.Kind != yaml.ScalarNode {
		v = -1
	}
	*s = v
	return nil
}

// ParseSize reads "1GiB", "500 MB", "1048576" as a Size.
func ParseSize(text string) (Size, error) {
	t := strings.TrimSpace(text)
	mult := 1.0
	for _, u := range sizeUnits {
		if strings.HasSuffix(t, u.suffix) {
			t, mult = strings.TrimSpace(strings.TrimSuffix(t, u.suffix)), u.mult
			break
		}
	}
	f, err := strconv.ParseFloat(t, 64)
	if err != nil || f < 0 || f*mult > math.MaxInt64/2 {
		return 0, fmt.Errorf("size %q: want a number of bytes, optionally with a unit, e.g. 1GiB or 500MB", text)
	}
	return Size(f * mult), nil
}

// String writes s in the largest binary unit under 1024 of it, to a
// tenth: 1GiB, 1.5MiB, 512B.
func (s Size) String() string {
	units := []string{"B", "KiB", "MiB", "GiB", "TiB"}
	v, i := float64(s), 0
	for v >= 1024 && i < len(units)-1 {
		v /= 1024
		i++
	}
	return strconv.FormatFloat(math.Round(v*10)/10, 'f', -1, 64) + units[i]
}

// Default returns the settings used for every key the file leaves out.
func Default() Config {
	yes := true
	sweep := DefaultRemovalSweep
	return Config{
		Data:  "data",
		WARC:  WARC{Enabled: &yes, Dir: "warc", MaxFileSize: 1 << 30},
		Seeds: []Seed{{URL: "http://www.wenming.cn/", Name: "中国文明网", Level: article.National}},
		Scope: Scope{MaxLevel: article.County},
		Crawl: Crawl{
			UserAgent:     "wenming/0.1 (archival crawler; +https://github.com/wenming-archive/wenming)",
			Workers:       8,
			PerHost:       1,
			Delay:         time.Second,
			RandomDelay:   500 * time.Millisecond,
			Timeout:       30 * time.Second,
			Retries:       4,
			FetchCounters: &yes,
			MaxBodyBytes:  10 << 20,
			RevisitAge:    30 * 24 * time.Hour,
			RemovalSweep:  &sweep,
			ListOverlap:   5,
			MinFreeSpace:  1 << 30,
			GCPercent:     200,
			MemoryLimit:   128 << 20,
			ExtraProcs:    1,
		},
		Index: Index{MemoryLimit: 256 << 20},
	}
}

// Error is a problem with one key of the file.
type Error struct {
	File string `json:"file,omitempty"`
	Line int    `json:"line,omitempty"` // 0 when unknown
	Key  string `json:"key,omitempty"`  // dotted path, e.g. "crawl.workers" or "sites[2].level"
	Msg  string `json:"message"`
}

func (e *Error) Error() string {
	var b strings.Builder
	if e.File != "" {
		b.WriteString(e.File)
		if e.Line > 0 {
			fmt.Fprintf(&b, ":%d", e.Line)
		}
		b.WriteString(": ")
	} else if e.Line > 0 {
		fmt.Fprintf(&b, "line %d: ", e.Line)
	}
	if e.Key != "" {
		b.WriteString(e.Key)
		b.WriteString(": ")
	}
	b.WriteString(e.Msg)
	return b.String()
}

// Load reads and validates the file at path.
func Load(path string) (Config, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return Config{}, fmt.Errorf("read config: %w", err)
	}
	cfg, err := Parse(bytes.NewReader(data))
	if err != nil {
		var ce *Error
		if errors.As(err, &ce) {
			ce.File = path
			return Config{}, ce
		}
		return Config{}, fmt.Errorf("%s: %w", path, err)
	}
	cfg.file = path
	return cfg, nil
}

// Errorf makes the error of one key, with the file and line it comes
// from, for a check that needs more than the file itself (the sites an
// archive knows, say): the same *Error as the file's own validation.
func (c *Config) Errorf(key, format string, args ...any) *Error {
	e := &Error{File: c.file, Key: key, Msg: fmt.Sprintf(format, args...)}
	if c.root != nil {
		e.Line = lineOf(c.root, key)
	}
	return e
}

// Parse reads a config from r, fills defaults and validates it.
// Unknown keys are errors: a typo must not silently fall back to a default.
func Parse(r io.Reader) (Config, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return Config{}, fmt.Errorf("read config: %w", err)
	}
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		e := yamlError(err, nil)
		if ce, ok := e.(*Error); ok && ce.Line > 0 {
			if lines := strings.Split(string(data), "\n"); ce.Line <= len(lines) && strings.Contains(lines[ce.Line-1], "\t") {
				ce.Msg += " (the line holds a tab: YAML indents with spaces only)"
			}
		}
		return Config{}, e
	}
	cfg := Default()
	cfg.root = &root
	if len(root.Content) == 0 { // empty file: all defaults
		return cfg, cfg.validate(&root)
	}
	seedsSet := hasKey(&root, "seeds")
	if seedsSet {
		cfg.Seeds = nil
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&cfg); err != nil && !errors.Is(err, io.EOF) {
		return Config{}, yamlError(err, &root)
	}
	return cfg, cfg.validate(&root)
}

// yamlError turns yaml.v3's "line N: msg" texts into an *Error. Where
// root, the parsed file, is given, a value of the wrong type and an
// unknown key are placed by their dotted path, and the type is said in
// words.
func yamlError(err error, root *yaml.Node) error {
	var te *yaml.TypeError
	if errors.As(err, &te) && len(te.Errors) > 0 {
		line, msg := splitLine(te.Errors[0])
		if m := typeMismatch.FindStringSubmatch(msg); m != nil {
			tag, value := m[1], m[2]
			kind := map[string]yaml.Kind{"seq": yaml.SequenceNode, "map": yaml.MappingNode}[tag]
			if kind == 0 {
				kind = yaml.ScalarNode
			}
			key := ""
			if root != nil {
				key = nodePath(root, func(_, v *yaml.Node) bool {
					return v.Line == line && v.Kind == kind && (kind != yaml.ScalarNode || v.Value == value)
				})
			}
			return &Error{Line: line, Key: key, Msg: wrongType(tag, value, m[3])}
		}
		if m := unknownField.FindStringSubmatch(msg); m != nil {
			// The message names the key; the path says where it sits.
			where := ""
			if root != nil {
				where = nodePath(root, func(k, _ *yaml.Node) bool { return k != nil && k.Line == line && k.Value == m[1] })
			}
			if i := strings.LastIndexByte(where, '.'); i > 0 {
				where = where[:i]
			} else {
				where = ""
			}
			return &Error{Line: line, Key: where, Msg: "unknown key " + m[1] + " (check the spelling; see config.yaml in the repository for every key)"}
		}
		return &Error{Line: line, Msg: msg}
	}
	line, msg := splitLine(strings.TrimPrefix(err.Error(), "yaml: "))
	return &Error{Line: line, Msg: msg}
}

// unknownField is yaml.v3's message for a key the config does not have.
var unknownField = regexp.MustCompile(`^field (\S+) not found in type `)

// typeMismatch is yaml.v3's message for a value of the wrong type:
// "cannot unmarshal !!str `eight` into int" (no value for a list or a
// mapping).
var typeMismatch = regexp.MustCompile("^cannot unmarshal !!(\\w+)(?: `(.*)`)? into (\\S+)$")

// wrongType says what a key wants and what it got: tag is the YAML tag
// of the value given (str, int, seq, map …), value its text (empty for a
// list or a mapping) and goType the Go type it was decoded into.
func wrongType(tag, value, goType string) string {
	want := goType
	switch {
	case goType == "time.Duration":
		want = "a duration such as 500ms, 30s, 1m or 6h"
	case goType == "bool" || goType == "*bool":
		want = "true or false"
	case goType == "string":
		want = "a text"
	case strings.HasPrefix(goType, "[]"):
		want = "a list"
	case strings.HasPrefix(goType, "float"):
		want = "a number"
	case strings.HasPrefix(goType, "int") || strings.HasPrefix(goType, "uint"):
		want = "a whole number"
	case strings.HasPrefix(goType, "map[") || strings.HasPrefix(goType, "config."):
		want = "keys under it"
	}
	got := strconv.Quote(value)
	switch tag {
	case "seq":
		got = "a list"
	case "map":
		got = "keys"
	}
	return fmt.Sprintf("want %s, got %s", want, got)
}

// splitLine parses the "line N:" that starts a message of the YAML
// decoder: it returns N and the rest of the message, or 0 and the
// message where it names no line.
func splitLine(msg string) (int, string) {
	line := 0
	if n, _ := fmt.Sscanf(msg, "line %d:", &line); n == 1 {
		msg = strings.TrimSpace(msg[strings.Index(msg, ":")+1:])
	}
	return line, msg
}

func (c *Config) validate(root *yaml.Node) error {
	bad := func(key, format string, args ...any) error {
		return &Error{Line: lineOf(root, key), Key: key, Msg: fmt.Sprintf(format, args...)}
	}
	if strings.TrimSpace(c.Data) == "" {
		return bad("data", "must name a directory")
	}
	if c.Index.Shards != "" && c.Index.Shards != "year" {
		return bad("index.shards", "%q: want year, or nothing for one index", c.Index.Shards)
	}
	if c.Index.MemoryLimit < 0 {
		return bad("index.memory_limit", "want a size such as 256MiB, or 0 for the crawl's settings")
	}
	if err := CheckStore(c.Store); err != nil {
		return bad("store", "%v", err)
	}
	for _, check := range []func(badFunc) error{c.validateSites, c.validateCrawl, c.validateSchedule} {
		if err := check(bad); err != nil {
			return err
		}
	}
	if c.WARC.MaxFileSize < 1<<20 {
		return bad("warc.max_file_size", "must be at least 1048576 (1 MiB)")
	}
	if strings.TrimSpace(c.WARC.Dir) == "" {
		c.WARC.Dir = "warc"
	}
	return nil
}

// badFunc makes the error of one key: its line, the key and the message.
type badFunc func(key, format string, args ...any) error

// validateSites checks the seeds, the listed sites and the scope.
func (c *Config) validateSites(bad badFunc) error {
	if len(c.Seeds) == 0 {
		return bad("seeds", "at least one seed URL is needed")
	}
	for i, s := range c.Seeds {
		key := fmt.Sprintf("seeds[%d]", i)
		if err := checkSiteURL(s.URL); err != nil {
			return bad(key+".url", "%v", err)
		}
		if s.Level == "" {
			c.Seeds[i].Level = article.National
		} else if !s.Level.Valid() {
			return bad(key+".level", "unknown level %q (want national, province, city or county)", s.Level)
		}
	}
	for i, s := range c.Sites {
		key := fmt.Sprintf("sites[%d]", i)
		if err := checkSiteURL(s.URL); err != nil {
			return bad(key+".url", "%v", err)
		}
		if strings.TrimSpace(s.Name) == "" {
			return bad(key+".name", "a listed site needs its name, e.g. 南宫文明网")
		}
		if !s.Level.Valid() {
			return bad(key+".level", "unknown level %q (want national, province, city or county)", s.Level)
		}
		if s.Level != article.National && s.Parent == "" {
			return bad(key+".parent", "a %s site needs the host of its parent site", s.Level)
		}
		if strings.Contains(s.Parent, "/") {
			return bad(key+".parent", "give the parent's host (e.g. xt.wenming.cn), not a URL")
		}
	}
	if c.Scope.MaxLevel == "" {
		c.Scope.MaxLevel = article.County
	} else if !c.Scope.MaxLevel.Valid() {
		return bad("scope.max_level", "unknown level %q (want national, province, city or county)", c.Scope.MaxLevel)
	}
	if c.Scope.MaxPagesPerSite < 0 {
		return bad("scope.max_pages_per_site", "must be 0 (no cap) or more")
	}
	return nil
}

// validateCrawl checks the crawl: section and fills its defaults.
func (c *Config) validateCrawl(bad badFunc) error {
	cr := &c.Crawl
	// The first rule broken is reported, in this order.
	rules := []struct {
		broken   bool
		key, why string
	}{
		{cr.Workers < 1, "crawl.workers", "must be at least 1"},
		{cr.PerHost < 1, "crawl.per_host", "must be at least 1"},
		{cr.Delay < 0, "crawl.delay", "must not be negative"},
		{cr.RandomDelay < 0, "crawl.random_delay", "must not be negative"},
		{cr.Timeout <= 0, "crawl.timeout", "must be positive, e.g. 30s"},
		{cr.Retries < 0, "crawl.retries", "must be 0 or more"},
		{cr.MaxBodyBytes <= 0, "crawl.max_body_bytes", "must be positive"},
		{cr.RevisitAge < 0, "crawl.revisit_age", "must be 0 (never) or a duration such as 720h"},
		{cr.RemovalSweep != nil && (*cr.RemovalSweep < 0 || *cr.RemovalSweep > MaxRemovalSweep), "crawl.removal_sweep",
			fmt.Sprintf("must be 0 (no sweep) or a number of archived articles per site and pass up to %d, e.g. %d", MaxRemovalSweep, DefaultRemovalSweep)},
		{cr.Lease != 0 && cr.Lease < time.Second, "crawl.lease", "must be at least 1s, e.g. 30s"},
		{cr.MaxDuration < 0, "crawl.max_duration", "must be 0 (no limit) or a duration such as 6h"},
		{cr.MinFreeSpace < 0, "crawl.min_free_space", "want a size such as 1GiB or 500MB, or 0 for no check"},
		{cr.ListOverlap < 1, "crawl.list_overlap", "must be at least 1"},
		{cr.GCPercent < 0, "crawl.gc_percent", "must be 0 (the Go runtime's default) or a percentage such as 200"},
		{cr.MemoryLimit < 0, "crawl.memory_limit", "want a size such as 256MiB, or 0 for no limit"},
		{cr.ExtraProcs < 0, "crawl.extra_procs", "must be 0 (the Go runtime's default) or more, e.g. 1"},
		{strings.TrimSpace(cr.UserAgent) == "", "crawl.user_agent", "must not be empty: sites should know who is crawling"},
	}
	for _, r := range rules {
		if r.broken {
			return bad(r.key, "%s", r.why)
		}
	}
	if cr.Proxy != "" {
		u, err := url.Parse(cr.Proxy)
		if err != nil || u.Host == "" || (u.Scheme != "http" && u.Scheme != "https" && u.Scheme != "socks5") {
			return bad("crawl.proxy", "want a proxy URL like http://127.0.0.1:8080, got %q", cr.Proxy)
		}
	}
	if cr.FetchCounters == nil {
		yes := true
		cr.FetchCounters = &yes
	}
	if cr.RemovalSweep == nil {
		n := DefaultRemovalSweep
		cr.RemovalSweep = &n
	}
	return nil
}

// DefaultRemovalSweep is crawl.removal_sweep unset: archived articles
// asked again per site and pass. MaxRemovalSweep bounds it: each is a
// request to the site, and a site's pass should not become a full crawl.
const (
	DefaultRemovalSweep = 50
	MaxRemovalSweep     = 100000
)

// validateSchedule checks the scheduled jobs.
func (c *Config) validateSchedule(bad badFunc) error {
	names := map[string]bool{}
	for i, j := range c.Schedule {
		key := fmt.Sprintf("schedule[%d]", i)
		if !jobName.MatchString(j.Name) {
			return bad(key+".name", "want a name of letters, digits, - and _ (it names the job's crawl state), got %q", j.Name)
		}
		if names[j.Name] {
			return bad(key+".name", "job %q is defined twice", j.Name)
		}
		names[j.Name] = true
		// The scheduler's own parser, so that what passes here runs.
		if err := schedule.Validate(j.Cron); err != nil {
			return bad(key+".cron", "%v (want e.g. \"0 2 * * *\" or @daily)", err)
		}
		for k, h := range j.Sites {
			if h == "" || strings.ContainsAny(h, "/: ") {
				return bad(fmt.Sprintf("%s.sites[%d]", key, k), "give a site's host, e.g. hb.wenming.cn, got %q", h)
			}
		}
	}
	return nil
}

var jobName = regexp.MustCompile(`^[A-Za-z0-9_-]{1,64}$`)

func checkSiteURL(s string) error {
	u, err := url.Parse(s)
	if err != nil {
		return fmt.Errorf("not a URL: %q", s)
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return fmt.Errorf("want an http:// or https:// URL, got %q", s)
	}
	if u.Host == "" {
		return fmt.Errorf("URL %q has no host", s)
	}
	return nil
}

func hasKey(root *yaml.Node, key string) bool {
	doc := root
	if doc.Kind == yaml.DocumentNode && len(doc.Content) > 0 {
		doc = doc.Content[0]
	}
	if doc.Kind != yaml.MappingNode {
		return false
	}
	for i := 0; i+1 < len(doc.Content); i += 2 {
		if doc.Content[i].Value == key {
			return true
		}
	}
	return false
}

// nodePath is the dotted path (as lineOf takes it) of the first key's
// value or list item in root, in the file's order (outer before inner),
// that match accepts, given its key (nil for a list item); "" when none.
func nodePath(root *yaml.Node, match func(key, value *yaml.Node) bool) string {
	var walk func(n *yaml.Node, path string) (string, bool)
	walk = func(n *yaml.Node, path string) (string, bool) {
		switch n.Kind {
		case yaml.DocumentNode:
			for _, c := range n.Content {
				if p, ok := walk(c, path); ok {
					return p, true
				}
			}
		case yaml.MappingNode:
			for i := 0; i+1 < len(n.Content); i += 2 {
				p := n.Content[i].Value
				if path != "" {
					p = path + "." + p
				}
				if match(n.Content[i], n.Content[i+1]) {
					return p, true
				}
				if q, ok := walk(n.Content[i+1], p); ok {
					return q, true
				}
			}
		case yaml.SequenceNode:
			for i, c := range n.Content {
				p := fmt.Sprintf("%s[%d]", path, i)
				if match(nil, c) {
					return p, true
				}
				if q, ok := walk(c, p); ok {
					return q, true
				}
			}
		}
		return "", false
	}
	p, _ := walk(root, "")
	return p
}

// lineOf finds the line of a dotted key path such as "crawl.workers" or
// "sites[1].level" in the parsed document; 0 when the key is absent (a
// default value was wrong).
func lineOf(root *yaml.Node, path string) int {
	n := root
	if n.Kind == yaml.DocumentNode && len(n.Content) > 0 {
		n = n.Content[0]
	}
	line := 0
	for _, part := range strings.Split(path, ".") {
		name, idx := part, -1
		if i := strings.IndexByte(part, '['); i >= 0 {
			name = part[:i]
			fmt.Sscanf(part[i:], "[%d]", &idx)
		}
		if n == nil || n.Kind != yaml.MappingNode {
			return line
		}
		var next *yaml.Node
		for i := 0; i+1 < len(n.Content); i += 2 {
			if n.Content[i].Value == name {
				line = n.Content[i].Line
				next = n.Content[i+1]
				break
			}
		}
		if next == nil {
			return line
		}
		n = next
		if idx >= 0 {
			if n.Kind != yaml.SequenceNode || idx >= len(n.Content) {
				return line
			}
			n = n.Content[idx]
			line = n.Line
		}
	}
	return line
}

// CheckStore checks the form of a store DSN (store:, or --store): empty
// (the embedded archive), a postgres:// URL or PostgreSQL's keyword=value
// form.
func CheckStore(dsn string) error {
	dsn = strings.TrimSpace(dsn)
	switch {
	case dsn == "":
		return nil
	case strings.HasPrefix(dsn, "postgres://"), strings.HasPrefix(dsn, "postgresql://"):
		if _, err := url.Parse(dsn); err != nil {
			return fmt.Errorf("not a PostgreSQL URL: %v", err)
		}
		return nil
	case strings.Contains(dsn, "="):
		return nil
	}
	return fmt.Errorf("%q is not a PostgreSQL DSN: want postgres://user:password@host:port/database (or host=… dbname=…), or nothing for the embedded archive", dsn)
}
