// Package pipeline runs one archival crawl end to end: it opens the
// archive directory (article records, crawl state, search index), crawls
// the hierarchy, archives every article it extracts and indexes what the
// run archived. It is the one place where the stages meet; each stage
// stays ignorant of the others.
package pipeline

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"maps"
	"math"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/wenming-archive/wenming/index"
	"github.com/wenming-archive/wenming/internal/archive"
	"github.com/wenming-archive/wenming/internal/article"
	"github.com/wenming-archive/wenming/internal/config"
	"github.com/wenming-archive/wenming/internal/crawl"
	"github.com/wenming-archive/wenming/internal/runs"
	"github.com/wenming-archive/wenming/internal/store"
	"github.com/wenming-archive/wenming/internal/warc"
)

// ErrMaxDuration ends a run that reached crawl.max_duration: it stopped
// cleanly, as interrupted, and the next run resumes the pass.
var ErrMaxDuration = errors.New("crawl.max_duration reached; the next run continues the pass")

// Options of one run.
type Options struct {
	Config config.Config
	Data   string // archive directory; overrides Config.Data when set
	Logger *slog.Logger
	// Progress, when set, is called about every ProgressEvery with live figures.
	Progress      func(crawl.Stats)
	ProgressEvery time.Duration
	// IndexProgress, when set, is called as articles are indexed (done, total).
	IndexProgress func(done, total int)
	// RetryBackoff overrides the first retry backoff (tests).
	RetryBackoff time.Duration
	// Trigger names what started the run in the run log ("crawl",
	// "schedule:nightly" …); "" means "crawl".
	Trigger string
	// Group, when set, restricts the run to the sites in Only and their
	// descendants, with a crawl state of its own.
	Group string
	Only  []string // hosts of the group's sites
	// WARCSynced, when set, is told of every fsync of a WARC file the run
	// records (see warc.Options.OnSync): tests cut the files to what it
	// was told to simulate a power cut.
	WARCSynced func(file string, size int64)
}

// Report is what a run did.
type Report struct {
	WARCRecords int64 // WARC records written by this run
	WARCBytes   int64 // and their compressed size
	Crawl       crawl.Summary
	Indexed     int // articles (re)indexed by this run
	Total       int // articles in the archive
	Data        string
	Only        []string // the sites of a group crawl (Options.Only); none for the whole tree
	Resumed     bool     // the run continued an interrupted crawl
	// PendingLeftHosts reports that the requests still queued are all of
	// hosts the run left (Crawl.SkippedHosts): the next run begins a new
	// pass with them queued, rather than resuming this one.
	PendingLeftHosts bool
	// Warnings are what the user should know before the next run (little
	// free space left on the archive's filesystem …).
	Warnings []string
	// IndexNotes say what was found wrong with the index and mended (see
	// OpenIndex).
	IndexNotes []string
	// RecordCommits counts the records' write transactions during the
	// crawl, when the records are a bbolt store (zero otherwise): the
	// benchmark's measure of how well the Puts share their commits.
	RecordCommits store.CommitStats

	// removed are the records the run marked removed at the source:
	// indexed again when it settles (their fetch time did not move).
	removed *removedURLs
}

// removedURLs collects the URLs of the records a crawl marked removed.
type removedURLs struct {
	mu   sync.Mutex
	urls []string
}

// mark is the crawl's Options.Removed: it marks the record in st and
// notes its URL when that changed it.
func (r *removedURLs) mark(st archive.Records) func(url string, m article.Removal) (bool, error) {
	return func(url string, m article.Removal) (bool, error) {
		changed, err := st.MarkRemoved(url, m)
		if changed {
			r.mu.Lock()
			r.urls = append(r.urls, url)
			r.mu.Unlock()
		}
		return changed, err
	}
}

// list returns the URLs noted (none for a nil r).
func (r *removedURLs) list() []string {
	if r == nil {
		return nil
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	return slices.Clone(r.urls)
}

// CrawlOptions turns the config into the crawler's options.
func CrawlOptions(cfg config.Config) crawl.Options {
	o := crawl.Options{
		UserAgent:          cfg.Crawl.UserAgent,
		Workers:            cfg.Crawl.Workers,
		PerHost:            cfg.Crawl.PerHost,
		Delay:              cfg.Crawl.Delay,
		RandomDelay:        cfg.Crawl.RandomDelay,
		Timeout:            cfg.Crawl.Timeout,
		Retries:            cfg.Crawl.Retries,
		Proxy:              cfg.Crawl.Proxy,
		FetchCounters:      cfg.Crawl.FetchCounters == nil || *cfg.Crawl.FetchCounters,
		CaptureImages:      cfg.Crawl.CaptureImages,
		CaptureAttachments: cfg.Crawl.CaptureAttachments,
		MaxBodyBytes:       int(cfg.Crawl.MaxBodyBytes),
		MaxLevel:           cfg.Scope.MaxLevel,
		ExcludeHosts:       cfg.Scope.ExcludeHosts,
		IgnoreRobotsHosts:  cfg.Scope.IgnoreRobotsHosts,
		MaxPagesPerSite:    cfg.Scope.MaxPagesPerSite,
		RevisitAge:         cfg.Crawl.RevisitAge,
		RemovalSweep:       config.DefaultRemovalSweep,
		Overlap:            cfg.Crawl.ListOverlap,
		StrictTLS:          cfg.Crawl.StrictTLS,
		TLSNotes:           crawl.NewTLSNotes(),
	}
	if cfg.Crawl.RemovalSweep != nil {
		o.RemovalSweep = *cfg.Crawl.RemovalSweep
	}
	for _, s := range cfg.Seeds {
		o.Seeds = append(o.Seeds, crawl.SiteSpec{URL: s.URL, Name: s.Name, Level: s.Level})
	}
	for _, s := range cfg.Sites {
		o.Sites = append(o.Sites, crawl.SiteSpec{URL: s.URL, Name: s.Name, Level: s.Level, Parent: s.Parent})
	}
	return o
}

// Crawl runs one crawl into the archive directory and indexes what it
// archived. If the previous crawl was interrupted it is resumed; otherwise
// a new pass over the whole hierarchy starts, updating existing records.
// On cancellation it still indexes what was archived and returns ctx's error.
//
// Only one run works on an archive at a time (runs.ErrBusy otherwise), and
// every run is added to the archive's run log with its figures; a run that
// was killed before it could log its end is logged as killed by the next.
//
// A write to the archive that fails for lack of space or permission stops
// the run with a *crawl.DiskError naming the archive directory; the run is
// logged as failed, and what it could not archive is left for the next run.
func Crawl(ctx context.Context, opts Options) (Report, error) {
	data := opts.Data
	if data == "" {
		data = opts.Config.Data
	}
	log := opts.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	started := time.Now()
	warnings := checkFreeSpace(opts.Config, data, log)
	// The run is logged as it begins, under the run lock, and its end
	// whatever stops it, opening the archive too. A worker sharing
	// records in PostgreSQL logs its run there too, holding the
	// archive's run lock shared: an exclusive operation (check --repair)
	// waits for the workers, and refuses them meanwhile.
	entry := func(err error) runs.Run {
		if err == nil {
			return runRecord(Report{}, opts, started, nil)
		}
		return runRecord(Report{Data: data, Warnings: warnings}, opts, started, withDir(err, data))
	}
	// Shared with readers in other processes while the run goes on. A
	// worker sharing records in PostgreSQL keeps no search index: the
	// readers (search, serve) keep theirs, made from the records'
	// changes.
	shareStore := opts.Config.Store != ""
	held, err := archive.OpenAppend(ctx, data, archive.HoldOptions{What: trigger(opts), Logger: log, Run: entry,
		Index: !shareStore, Verify: true, OnlyPending: true, Store: opts.Config.Store, Shards: opts.Config.Index.Shards, WARC: warcDirs(opts.Config)})
	if err != nil {
		return Report{Data: data, Warnings: warnings}, withDir(err, data)
	}
	defer held.Close()
	// The run's entry keeps its figures as it goes, for the log entry of
	// a run killed before it logs its end.
	figures := func(rep Report) {
		if err := held.Run.Update(ctx, runRecord(rep, opts, started, nil)); err != nil {
			log.Debug("update the run marker", "err", err)
		}
	}
	rep, err := crawlLocked(ctx, opts, held, figures)
	rep.Only = opts.Only
	rep.Warnings = append(warnings, rep.Warnings...)
	err = withDir(err, data)
	if lerr := held.Run.End(ctx, runRecord(rep, opts, started, err)); lerr != nil {
		if err == nil {
			err = lerr
		} else {
			log.Warn("could not log the run", "err", lerr)
		}
	}
	return rep, err
}

// withDir names the archive directory in a DiskError, whose message then
// says where to free space.
func withDir(err error, data string) error {
	de, ok := crawl.AsDiskError(err)
	if !ok {
		return err
	}
	cp := *de
	cp.Dir = data
	return &cp
}

// checkFreeSpace warns when the archive's filesystem (and the WARC
// directory's, when it is elsewhere) has less free space than
// crawl.min_free_space: a disk that fills up stops the run.
func checkFreeSpace(cfg config.Config, data string, log *slog.Logger) []string {
	limit := cfg.Crawl.MinFreeSpace
	if limit <= 0 {
		return nil
	}
	dirs := []string{data}
	if cfg.WARC.On() && filepath.IsAbs(cfg.WARC.Dir) {
		dirs = append(dirs, cfg.WARC.Dir)
	}
	var out []string
	for _, dir := range dirs {
		free, err := freeSpace(dir)
		if err != nil {
			log.Debug("free space unknown", "dir", dir, "err", err)
			continue
		}
		if free >= uint64(limit) {
			continue
		}
		msg := fmt.Sprintf("only %s free on the filesystem of %s (crawl.min_free_space is %s): a run that fills it stops; free space or move the archive to a larger disk",
			config.Size(min(free, math.MaxInt64)), dir, limit)
		log.Warn("little free space for the archive", "dir", dir, "free", config.Size(min(free, math.MaxInt64)).String(), "min_free_space", limit.String())
		out = append(out, msg)
	}
	return out
}

// freeSpace is the space available to this user on the filesystem of
// path, or of its nearest existing parent (a WARC directory not yet
// made).
func freeSpace(path string) (uint64, error) {
	for {
		free, err := available(path)
		if err == nil {
			return free, nil
		}
		parent := filepath.Dir(path)
		if !errors.Is(err, fs.ErrNotExist) || parent == path {
			return 0, fmt.Errorf("free space on the filesystem of %s: %w", path, err)
		}
		path = parent
	}
}

// RunStatus is how a run that returned err ended, as the run log says it:
// "ok", "interrupted" (a signal, crawl.max_duration: the next run resumes)
// or "failed".
func RunStatus(err error) string {
	switch {
	case err == nil:
		return "ok"
	case errors.Is(err, context.Canceled), errors.Is(err, ErrMaxDuration):
		return "interrupted"
	}
	return "failed"
}

// runRecord is the run-log entry of a finished run.
func runRecord(rep Report, opts Options, started time.Time, err error) runs.Run {
	s := rep.Crawl
	r := runs.Run{
		ID: started.In(article.China).Format("20060102T150405.000"), Trigger: trigger(opts), Group: opts.Group,
		Started: started, Finished: time.Now(), Status: "ok", Resumed: rep.Resumed,
		Sites: map[string]int{}, Requests: s.Requests, Pages: s.Pages,
		ArticlesNew: s.ArticlesNew, ArticlesUpdated: s.ArticlesUpdated, ArticlesUnchanged: s.ArticlesUnchanged, ArticlesAliased: s.ArticlesAliased,
		RobotsBlocked: s.RobotsBlocked, NotModified: s.NotModified, Errors: s.Errors, Pending: s.Pending, Indexed: rep.Indexed, Archived: rep.Total,
		Retried: s.Retried, OutOfScope: s.OutOfScope, SkippedHosts: s.SkippedHosts, Unverified: s.Unverified,
		ImagesCaptured: s.Images.Captured, RemovedAtSource: s.Removed.Recorded, RemovalsHeld: s.Removed.Held,
		SweepChecked: s.Removed.Sweep.Checked, SweepRemoved: s.Removed.Sweep.Removed,
	}
	for _, p := range s.Stopped {
		r.Stopped = append(r.Stopped, runs.StoppedPattern{Pattern: p.Pattern, Example: p.Example, Requests: p.Requests, Dropped: p.Dropped, Reason: p.Reason})
	}
	for l, n := range s.Sites {
		r.Sites[string(l)] = n
	}
	r.Status = RunStatus(err)
	switch {
	case err == nil:
	case errors.Is(err, context.Canceled):
		r.Error = "stopped by a signal; the next run resumes"
	default:
		r.Error = err.Error()
	}
	if de, ok := crawl.AsDiskError(err); ok && r.Errors[de.Kind] == 0 {
		// Failed after the crawl (the CDXJ or the search index): the kind
		// is counted all the same.
		errs := maps.Clone(r.Errors)
		if errs == nil {
			errs = map[string]int64{}
		}
		errs[de.Kind] = 1
		r.Errors = errs
	}
	return r
}

// crawlLocked does the run's work in the archive held; figures is given
// the run's figures now and then.
func crawlLocked(ctx context.Context, opts Options, held *archive.Held, figures func(Report)) (_ Report, err error) {
	data := held.Data
	rep := Report{Data: data}
	log := opts.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	defer func() {
		if cerr := held.CloseFiles(); cerr != nil && err == nil {
			err = cerr
		}
	}()
	st, ix := held.Store, held.Index
	rep.Indexed, rep.IndexNotes = held.IndexState.Indexed, held.IndexState.Notes

	cf, err := openCrawlFrontier(ctx, opts, held)
	if err != nil {
		return rep, err
	}
	front, resumed, shared := cf.Frontier, cf.resumed, cf.passStart
	rep.Resumed = resumed
	defer front.Close()

	co, rec, err := crawlerOptions(opts, held, cf.sites, log, &rep)
	if err != nil {
		return rep, err
	}
	pass, err := held.BeginPass(opts.Group, resumed)
	if err != nil {
		return rep, err
	}
	pass.Join(shared)
	co.PassStart = pass.Started
	co.Known = knownIn(st)
	co.Archived = archivedIn(st)
	co.Unchecked, co.Checked = uncheckedIn(st), checkedIn(st)
	co.KnownMany = knownManyIn(st)
	rep.removed = &removedURLs{}
	co.Removed = rep.removed.mark(st)
	cr, err := crawl.New(co, front, storeSink(st, durable(rec)))
	if err != nil {
		return rep, err
	}
	stop := make(chan struct{})
	watchCrawl(cr, cf, st, opts, stop, log, func() {
		figures(Report{Data: data, Resumed: resumed, Crawl: cr.Summary()})
	})
	gc := tuneGC(opts.Config.Crawl, opts.Config.Index)
	defer gc.restore()
	commits0 := recordCommits(st)
	rep.Crawl, err = runCrawl(ctx, cr, opts.Config.Crawl.MaxDuration)
	rep.RecordCommits = recordCommits(st).Since(commits0)
	if err == nil {
		rep.PendingLeftHosts = endLeavingHosts(cf, front, &pass, rep.Crawl.SkippedHosts, log)
	}
	gc.indexing()
	log.Debug("crawl over")
	close(stop)
	if cf.release != nil {
		cf.release()
	}
	if rec != nil {
		// Flush the WARC files and write the CDXJ index, crawl error or not.
		if cerr := held.CloseWARC(); cerr != nil && err == nil {
			err = fmt.Errorf("close WARC archive: %w", cerr)
		}
		rep.WARCRecords, rep.WARCBytes = rec.Stats()
		log.Debug("WARC closed")
	}
	if opts.Progress != nil {
		opts.Progress(cr.Stats())
	}
	if _, full := crawl.AsDiskError(err); full {
		// Nothing more can be written: the captures and the index of what
		// this run archived are left to the next run, which settles
		// everything fetched since pass.SettleSince.
		log.Warn("the archive cannot be written: captures and search index not updated; the next run updates them")
		rep.Total, _ = st.Len()
		return rep, err
	}
	return settle(ctx, opts, data, st, ix, rec != nil, pass, &rep, err, log)
}

// crawlerOptions are the crawler's options for a run in held, sharing the
// site registry sites, and the run's WARC recorder (nil with WARC off),
// whose captures that a stopped run lost it mends first, with a warning
// in rep.
func crawlerOptions(opts Options, held *archive.Held, sites crawl.SiteStore, log *slog.Logger, rep *Report) (crawl.Options, *warc.Recorder, error) {
	co := CrawlOptions(opts.Config)
	co.StateDir = filepath.Join(held.Data, archive.StateDir)
	co.SharedSites = sites
	co.Logger = log
	co.RetryBackoff = opts.RetryBackoff
	co.Only = opts.Only
	var err error
	if co.Extract.Profiles, err = Profiles(&opts.Config); err != nil {
		return co, nil, err
	}
	rec, err := openRecorder(opts.Config, held, opts.WARCSynced, &co)
	if err != nil {
		return co, nil, err
	}
	if rec != nil {
		lost, err := mendCaptures(held.Store, rec, held.WARCPath(), log)
		if err != nil {
			return co, nil, err
		}
		if len(lost) > 0 {
			rep.Warnings = append(rep.Warnings, fmt.Sprintf("%d articles pointed at WARC records that a stopped run (an OS crash or power cut) lost: their pointers are cleared and their pages fetched again when the crawl next meets them", len(lost)))
		}
	}
	co.CaptureImages, co.CaptureAttachments, co.CapturedBefore = captures(opts.Config, held.Data, rec != nil)
	return co, rec, nil
}

// endLeavingHosts is told that the crawl ended by itself, leaving the
// hosts left: when what stays queued is theirs alone, it records that the
// pass is over but for them (the archive's pass record, or the shared
// frontier), for the next run to begin a new pass with them queued, and
// reports true.
func endLeavingHosts(cf crawlFrontier, front crawl.Frontier, pass *archive.Pass, left map[string]string, log *slog.Logger) bool {
	if cf.shared != nil {
		ended, err := cf.shared.EndLeavingHosts(left)
		if err != nil {
			log.Warn("record the hosts left", "err", err)
		}
		return ended
	}
	if !onlyLeftHosts(front, left) {
		return false
	}
	if err := pass.EndLeavingHosts(); err != nil {
		log.Warn("record crawl pass", "err", err)
	}
	return true
}

// onlyLeftHosts reports whether a crawl that ended by itself left requests
// queued, all of them of hosts it left for the run (down, robots.txt
// unavailable, a Retry-After past the cap), none in flight.
func onlyLeftHosts(front crawl.Frontier, left map[string]string) bool {
	if front.Len() == 0 || front.InFlight() > 0 {
		return false
	}
	for host := range front.Pending() {
		if _, ok := left[host]; !ok {
			return false
		}
	}
	return true
}

// captures is whether the crawl captures the images and the attachments
// of the articles it archives (crawl.capture_images,
// crawl.capture_attachments, and only where it records WARC: a capture
// fetched and not archived would be a request for nothing) and how it
// knows a URL an earlier run captured: a 2xx capture of it, or of where
// its captured redirects led (capturedBefore), in the index.cdxj of one of
// the archive's WARC directories (an index that cannot be read knows none:
// the URL is fetched again).
func captures(cfg config.Config, data string, recording bool) (images, attachments bool, before func(url string) bool) {
	images, attachments = cfg.Crawl.CaptureImages && recording, cfg.Crawl.CaptureAttachments && recording
	if !images && !attachments {
		return false, false, nil
	}
	dirs := warcDirs(cfg).Paths(data)
	return images, attachments, func(u string) bool { return capturedBefore(dirs, u) }
}

// maxCapturedHops is how many redirects capturedBefore follows.
const maxCapturedHops = 5

// capturedBefore reports whether the WARC files in dirs hold a 2xx
// capture of u, or of where a captured redirect of u (a chain of them, up
// to maxCapturedHops) led: a document behind a download script's
// redirect, or an image moved elsewhere, is captured under the redirect's
// target and would otherwise be fetched again by every run.
func capturedBefore(dirs []string, u string) bool {
	for range maxCapturedHops + 1 {
		if _, _, ok, err := warc.FindURLIn(dirs, u); err != nil || ok {
			return err == nil
		}
		to, ok, err := warc.FindRedirectIn(dirs, u)
		if err != nil || !ok || to == u {
			return false
		}
		u = to
	}
	return false
}

// knownIn is crawl.Options.Known answered from the records st: what the
// archive knows of a URL's article.
func knownIn(st archive.Records) func(url string) (crawl.Known, bool) {
	return func(url string) (crawl.Known, bool) {
		b, ok, err := st.Brief(url)
		if err != nil || !ok {
			return crawl.Known{}, false
		}
		return knownOf(b), true
	}
}

// uncheckedIn is crawl.Options.Unchecked answered from the records st.
func uncheckedIn(st archive.Records) func(host string, askedBefore, publishedSince time.Time, n int) ([]string, error) {
	return func(host string, askedBefore, publishedSince time.Time, n int) ([]string, error) {
		return st.Unchecked(store.SweepQuery{Host: host, AskedBefore: askedBefore, PublishedSince: publishedSince, Limit: n})
	}
}

// checkedIn is crawl.Options.Checked: the check marked in the records st.
func checkedIn(st archive.Records) func(url string, at time.Time) error {
	return func(url string, at time.Time) error {
		_, err := st.MarkChecked(url, at)
		return err
	}
}

// archivedIn is crawl.Options.Archived answered from the records st:
// the record of a URL (its alias's included); one that cannot be read
// counts as not archived, as with Known.
func archivedIn(st archive.Records) func(url string) (*article.Article, bool) {
	return func(url string) (*article.Article, bool) {
		a, err := st.Get(url)
		return a, err == nil && a != nil
	}
}

// knownOf is what the crawl needs of a record's brief.
func knownOf(b store.Brief) crawl.Known {
	return crawl.Known{Published: b.Published, FetchedAt: b.FetchedAt, ETag: b.ETag, LastModified: b.LastModified, CaptureLost: b.CaptureLost, Removed: b.Removed}
}

// knownManyIn is crawl.Options.KnownMany answered from the records st
// when they can answer the links of a page in one transaction (a bbolt
// store can), nil otherwise; what cannot be read counts as not archived,
// as with Known.
func knownManyIn(st archive.Records) func(urls []string) map[string]crawl.Known {
	many, ok := st.(interface {
		Briefs(urls []string) (map[string]store.Brief, error)
	})
	if !ok {
		return nil
	}
	return func(urls []string) map[string]crawl.Known {
		bs, err := many.Briefs(urls)
		if err != nil {
			return nil
		}
		m := make(map[string]crawl.Known, len(bs))
		for u, b := range bs {
			m[u] = knownOf(b)
		}
		return m
	}
}

// runCrawl runs cr for at most limit (none: 0); a crawl stopped by
// that limit ends in ErrMaxDuration.
func runCrawl(ctx context.Context, cr *crawl.Crawler, limit time.Duration) (crawl.Summary, error) {
	runCtx := ctx
	if limit > 0 {
		var cancel context.CancelFunc
		runCtx, cancel = context.WithTimeout(ctx, limit)
		defer cancel()
	}
	sum, err := cr.Run(runCtx)
	if err != nil && errors.Is(err, context.DeadlineExceeded) && ctx.Err() == nil {
		err = fmt.Errorf("%w (%s)", ErrMaxDuration, limit)
	}
	return sum, err
}

// crawlFrontier is the crawl's queue and what comes with it: the bbolt
// frontier of the archive, or the one the workers sharing a PostgreSQL
// store take hosts from.
type crawlFrontier struct {
	Frontier interface {
		crawl.Frontier
		Close() error
	}
	// release, when set, releases the memory the frontier's file map
	// holds (a crawl that is over no longer reads it).
	release func()
	resumed bool
	// shared is the frontier the workers sharing a store take hosts
	// from, when it is one; passStart is when its pass began.
	shared    sharedPass
	passStart time.Time
	sites     crawl.SiteStore // the site registry the workers share
}

// sharedPass is the pass of a frontier that workers share (package
// pgstore, through archive): it keeps its own record of a run that ended
// leaving hosts.
type sharedPass interface {
	EndLeavingHosts(left map[string]string) (bool, error)
}

// openCrawlFrontier opens the frontier of the run's group in the store the
// config names (where this process is worker), or in the archive (whose
// crawl state held opens and mends).
func openCrawlFrontier(ctx context.Context, opts Options, held *archive.Held) (crawlFrontier, error) {
	if opts.Config.Store == "" {
		bf, resumed, err := held.OpenFrontier(opts.Group)
		if err != nil {
			return crawlFrontier{}, err
		}
		return crawlFrontier{Frontier: bf, resumed: resumed, release: bf.ReleaseMap}, nil
	}
	pf, err := held.OpenSharedFrontier(ctx, opts.Group, opts.Config.Crawl.Lease)
	if err != nil {
		return crawlFrontier{}, err
	}
	return crawlFrontier{Frontier: pf, resumed: pf.Resumed(), shared: pf, passStart: pf.PassStarted(), sites: pf.Sites()}, nil
}

// trigger names what started the run.
func trigger(opts Options) string {
	if opts.Trigger == "" {
		return "crawl"
	}
	return opts.Trigger
}

// openRecorder opens the WARC recorder when the config records, and sets
// the crawl's transport and capture lookup to it; nil when it does not.
//
// A worker sharing the store with others names itself in its files'
// names (wenming-<worker>-…), so that workers sharing a WARC directory
// never write the same file.
func openRecorder(cfg config.Config, held *archive.Held, onSync func(string, int64), co *crawl.Options) (*warc.Recorder, error) {
	worker := held.Worker()
	if !cfg.WARC.On() {
		return nil, nil
	}
	prefix := "wenming"
	if worker != "" {
		prefix += "-" + strings.NewReplacer("/", "_", `\`, "_", " ", "_").Replace(worker)
	}
	rec, err := held.OpenWARC(warc.Options{
		Prefix: prefix, MaxFileSize: cfg.WARC.MaxFileSize,
		Proxy: cfg.Crawl.Proxy, Timeout: cfg.Crawl.Timeout,
		UserAgent: cfg.Crawl.UserAgent, Software: "wenming (github.com/wenming-archive/wenming)",
		OnSync: onSync,
		// The crawl's certificate rules and notes (crawl.ClientTLS).
		TLSConfig: crawl.ClientTLS(co.StrictTLS, nil, co.TLSNotes),
	})
	if err != nil {
		return nil, fmt.Errorf("open WARC archive: %w", err)
	}
	co.Transport = rec.Transport()
	co.Capture = func(u string) (article.Capture, bool) {
		c, ok := rec.Lookup(u)
		if !ok {
			return article.Capture{}, false
		}
		return article.Capture{File: c.File, Offset: c.Offset, Length: c.Length, Time: c.Time}, true
	}
	return rec, nil
}

// warcDirs are the WARC directories the config gives the archive.
func warcDirs(cfg config.Config) archive.WARCDirs {
	return archive.WARCDirs{Dir: cfg.WARC.Dir, Read: cfg.WARC.ReadDirs}
}

// recordCommits is the commit counts of st, when it keeps them (a bbolt
// store does).
func recordCommits(st archive.Records) store.CommitStats {
	if c, ok := st.(interface{ Commits() store.CommitStats }); ok {
		return c.Commits()
	}
	return store.CommitStats{}
}

// sinkRecords is what the crawl's sink needs of the records.
type sinkRecords interface {
	Put(a *article.Article) (store.Status, error)
	Get(url string) (*article.Article, error)
}

// durable is what the crawl's sink waits for before it stores an
// article's capture pointer: the capture on disk (see warc.Recorder.Durable;
// the records are durable when Put returns, and after an OS crash or
// power cut they must not point past the end of a WARC file). nil when
// the crawl does not record.
func durable(rec *warc.Recorder) func(*article.Capture) error {
	if rec == nil {
		return nil
	}
	return func(c *article.Capture) error {
		return rec.Durable(warc.Capture{File: c.File, Offset: c.Offset, Length: c.Length})
	}
}

// putAfterRecords is what records whose Puts can run a function before
// their commit offer (store.Store.PutAfter).
type putAfterRecords interface {
	PutAfter(a *article.Article, first func() error) (store.Status, error)
}

// storeSink is the crawl's sink: it stores an extracted article and says
// what that did. The capture it points to is made durable first (durable,
// when set): by the store's group commit just before the transaction that
// stores it, when the records offer that (one WARC fsync for the captures
// of a whole transaction, see store.Store.PutAfter), else before the Put.
func storeSink(st sinkRecords, durable func(*article.Capture) error) crawl.Sink {
	return func(a *article.Article) (crawl.Stored, error) {
		var s store.Status
		var err error
		after, ok := st.(putAfterRecords)
		switch {
		case a.Capture == nil || durable == nil:
			s, err = st.Put(a)
		case ok:
			c := a.Capture
			s, err = after.PutAfter(a, func() error { return durable(c) })
		default:
			if err := durable(a.Capture); err != nil {
				return crawl.Stored{Outcome: crawl.Unchanged}, fmt.Errorf("store %s: %w", a.URL, err)
			}
			s, err = st.Put(a)
		}
		switch s {
		case store.New:
			return crawl.Stored{Outcome: crawl.Added}, err
		case store.Updated:
			return crawl.Stored{Outcome: crawl.Changed}, err
		case store.Aliased, store.Moved:
			// The article is archived under another URL; this one is now
			// an alias of it, or (Moved) took its record, the other URLs
			// now its aliases (the index drops their documents when it
			// takes the record, see archive.ReindexInto). Either way the
			// article was found again under a URL of its own.
			out := crawl.Stored{Outcome: crawl.Aliased}
			if err == nil {
				if rec, gerr := st.Get(a.URL); gerr == nil {
					if rec.URL != a.URL {
						out.Record = rec.URL
					}
					if len(rec.Aliases) == 1 {
						out.Outcome = crawl.FirstAlias
					}
				}
			}
			return out, err
		}
		return crawl.Stored{Outcome: crawl.Unchanged}, err
	}
}

// watchCrawl runs, until stop closes, the crawl's periodic chores: the
// frontier made durable and the running figures saved (every half
// minute; the frontier skips fsync per commit, see package frontier, so
// an OS crash costs little), the file maps released (every
// releaseMapsEvery, and sooner as they grow: see releaseMapsGrowth), and
// the progress callback.
func watchCrawl(cr *crawl.Crawler, cf crawlFrontier, st archive.Records, opts Options, stop <-chan struct{}, log *slog.Logger, saveFigures func()) {
	go func() {
		t := time.NewTicker(30 * time.Second)
		defer t.Stop()
		for {
			select {
			case <-t.C:
				if err := cf.Frontier.Sync(); err != nil {
					log.Warn("sync crawl state", "err", err)
				}
				saveFigures()
			case <-stop:
				return
			}
		}
	}()
	if release := crawlMaps(cf, st); release != nil {
		resident := openFileResidence()
		// The records' store releases its map by its own count of what
		// it reads and writes, unless told that its caller watches: the
		// watch below releases it as soon as the maps grow, and the
		// store's releases besides made the crawl fault its pages in
		// again several times a second for nothing.
		w, watched := st.(interface{ WatchedReleases(bool) })
		if _, ok := resident.read(); !ok {
			watched = false
		}
		if watched {
			w.WatchedReleases(true)
		}
		stopRelease := releaseMaps(release, releaseMapsEvery, releaseMapsPoll, releaseMapsGrowth, resident.read)
		go func() {
			<-stop
			stopRelease()
			if watched {
				w.WatchedReleases(false)
			}
			resident.close()
		}()
	}
	if opts.Progress == nil {
		return
	}
	every := opts.ProgressEvery
	if every <= 0 {
		every = 500 * time.Millisecond
	}
	go func() {
		t := time.NewTicker(every)
		defer t.Stop()
		for {
			select {
			case <-t.C:
				opts.Progress(cr.Stats())
			case <-stop:
				return
			}
		}
	}()
}

// releaseMapsEvery is how often a crawl releases the file maps of its
// frontier and of the records (see crawlMaps). A page of a map once read
// stays resident until released: the requests popped long ago, the
// seen-set leaves and the briefs not looked up since, and by the end of a
// crawl the whole file (the frontier's 34 MB at 100,000 articles). The
// seen-set and the briefs are looked up all over for every link, and the
// larger the crawl the more distinct pages a second of look-ups faults
// in: at 100,000 articles 13 MB of the frontier in the first second after
// a release, 23 MB after five, when a crawl of 20,000 never held more than
// 6 MB. The pages read again after a release come from the page cache,
// but they are not free: released every 250 ms, a 20,000-article crawl
// took 2.48-2.49 ms of CPU a page against 2.17 released every second (the
// same code, quiet runs side by side); released at every 16 MB read, the
// frontier's and the store's maps cost a third more CPU a page (see
// frontier.ReleaseMap). Between two ticks the maps are also released as
// soon as they have grown by releaseMapsGrowth (see maprelease.go), which
// a larger crawl reaches sooner.
const releaseMapsEvery = time.Second

// crawlMaps returns what releases the file maps a crawl reads as it goes,
// the frontier's (cf.release) and the records' (when st has a map), or
// nil when there is none.
func crawlMaps(cf crawlFrontier, st archive.Records) func() {
	var release []func()
	if cf.release != nil {
		release = append(release, cf.release)
	}
	if m, ok := st.(interface{ ReleaseMap() }); ok {
		release = append(release, m.ReleaseMap)
	}
	if len(release) == 0 {
		return nil
	}
	return func() {
		for _, r := range release {
			r()
		}
	}
}

// releaseIndexEvery is how often the indexing after a crawl releases the
// maps of the index's segments (see index.Index.ReleaseMaps). A merge
// reads its input segments whole, tens of megabytes a second, and on a
// kernel that keeps a freshly written file in large folios each fault maps
// up to 2 MB of it: released every second, the maps held up to 75-79 MB
// of a 100,000-article build (bench/ixprobe -segments), every 100 ms
// 28 MB. The pages stay in the page cache, and a fault maps a whole folio
// back at once, so the releases cost no CPU that runs side by side show.
const releaseIndexEvery = 100 * time.Millisecond

// releaseEvery calls release every interval until stop is called.
func releaseEvery(release func(), interval time.Duration) (stop func()) {
	done := make(chan struct{})
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		t := time.NewTicker(interval)
		defer t.Stop()
		for {
			select {
			case <-t.C:
				release()
			case <-done:
				return
			}
		}
	}()
	return func() {
		close(done)
		<-finished
	}
}

// settle finishes a crawl: articles archived in this pass (a killed run's
// included) point at their captures where the crawl could not yet, the
// index takes what this pass archived and is checked against the
// records, and the pass is marked settled. crawlErr is the crawl's own
// error, returned when settling succeeds.
func settle(ctx context.Context, opts Options, data string, st archive.Records, ix *index.Index, recorded bool, pass archive.Pass, rep *Report, crawlErr error, log *slog.Logger) (Report, error) {
	// One walk over the records serves both the index and the captures
	// (see uncaptured): each walk decodes every record, and reads the
	// whole file through its map.
	var missing *uncaptured
	if recorded {
		missing = &uncaptured{since: pass.SettleSince, urls: map[string]bool{}}
	}
	// Index what this pass archived (an earlier run of it may have been
	// killed before indexing), even after an interruption; then make sure
	// the index holds exactly the records.
	var indexErr error
	records := -1 // not counted yet
	if ix != nil {
		log.Debug("settle: index")
		var n int
		n, records, indexErr = indexOpen(st, ix, ix.ReleaseMaps, pass.SettleSince.Add(-time.Second), missing, log, opts.IndexProgress)
		rep.Indexed += n
		if removed := rep.removed.list(); indexErr == nil && len(removed) > 0 {
			// The records marked removed at the source: shown so in search.
			n, indexErr = archive.IndexRecords(st, ix, removed)
			rep.Indexed += n
		}
	}
	captured := true
	if recorded {
		log.Debug("settle: fill captures")
		if ferr := fillCaptures(st, warcDirs(opts.Config).WritePath(data), missing); ferr != nil {
			captured = false
			if crawlErr == nil {
				crawlErr = ferr
			}
		}
	}
	if indexErr != nil {
		return *rep, indexErr
	}
	if records < 0 {
		log.Debug("settle: count")
		var err error
		if records, err = st.Len(); err != nil {
			return *rep, err
		}
	}
	rep.Total = records
	log.Debug("settle: counted", "records", rep.Total)
	if captured {
		// Everything archived so far has its capture and is indexed.
		if err := pass.Settled(); err != nil {
			log.Warn("record crawl pass", "err", err)
		}
	}
	return *rep, crawlErr
}

// uncaptured collects the URLs of the articles fetched since a pass began
// that have no capture yet, as a walk over the records meets them; walked
// says the walk met every record.
type uncaptured struct {
	since  time.Time
	urls   map[string]bool
	walked bool
}

// see notes a if it was fetched since the pass began and lacks its capture
// (on a nil u it does nothing).
func (u *uncaptured) see(a *article.Article) {
	if u != nil && a.Capture == nil && !a.FetchedAt.Before(u.since) {
		u.urls[a.URL] = true
	}
}

// indexOpen indexes what the pass archived into an index the caller keeps
// open, reading the records fetched since the pass began alone (an
// archive's older records are neither read nor decoded), and refills it
// from all the records if the counts disagree; the records read are shown
// to missing (nil: none), and every record is counted (records, -1 when
// the walk failed). release, which releases the index's segment maps
// (ix.ReleaseMaps), is called every releaseIndexEvery meanwhile.
func indexOpen(st archive.Records, ix *index.Index, release func(), since time.Time, missing *uncaptured, log *slog.Logger, progress func(done, total int)) (indexed, records int, err error) {
	stop := releaseEvery(release, releaseIndexEvery)
	defer stop()
	n, err := archive.IndexFetchedSince(st, ix, since, missing.see, progress)
	if err != nil {
		return n, -1, err
	}
	if missing != nil {
		missing.walked = true
	}
	log.Debug("settle: indexed", "articles", n)
	if records, err = st.Len(); err != nil {
		return n, -1, err
	}
	m, err := refill(st, ix, records, log)
	return n + m, records, err
}

// refill reindexes every record if the index does not hold as many
// documents as there are records (after a crash, say).
func refill(st archive.Records, ix *index.Index, records int, log *slog.Logger) (int, error) {
	docs, err := ix.Count()
	if err != nil || int(docs) == records {
		return 0, err
	}
	log.Warn("search index and records disagree; reindexing", "indexed", docs, "records", records)
	return archive.ReindexInto(st, ix, nil, nil)
}

// fillCaptures sets the capture of every article fetched since the pass
// began that has none, from the CDXJ index: those that u collected, or
// when no walk collected them all, those a walk of its own finds.
func fillCaptures(st archive.Records, dir string, u *uncaptured) error {
	if !u.walked {
		clear(u.urls)
		err := st.FetchedSince(u.since, func(a *article.Article) error {
			u.see(a)
			return nil
		})
		if err != nil {
			return err
		}
	}
	missing := u.urls
	if len(missing) == 0 {
		return nil
	}
	found := map[string]warc.Capture{}
	for c, err := range warc.ReadIndex(dir) {
		if err != nil {
			return fmt.Errorf("read WARC index: %w", err)
		}
		if missing[c.URL] && (c.Status == 200 || c.Revisit) {
			if old, ok := found[c.URL]; !ok || c.Time.After(old.Time) {
				found[c.URL] = c
			}
		}
	}
	for url, c := range found {
		a, err := st.Get(url)
		if err != nil {
			return err
		}
		a.Capture = &article.Capture{File: c.File, Offset: c.Offset, Length: c.Length, Time: c.Time}
		if _, err := st.Put(a); err != nil {
			return err
		}
	}
	return nil
}
