package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/wenming-archive/wenming/internal/archive"
	"github.com/wenming-archive/wenming/internal/config"
	"github.com/wenming-archive/wenming/internal/metrics"

	"github.com/wenming-archive/wenming/internal/article"
	"github.com/wenming-archive/wenming/internal/crawl"
	"github.com/wenming-archive/wenming/internal/pgstore"
	"github.com/wenming-archive/wenming/internal/pipeline"
	"github.com/wenming-archive/wenming/internal/runs"
	"github.com/wenming-archive/wenming/internal/schedule"
)

func runScheduleCmd(ctx context.Context, g *globals, args []string) error {
	fs := g.flagSet("schedule")
	serveAddr := fs.String("serve", "", "also serve the archive (web page, API) on this address, e.g. 127.0.0.1:8080, between and during crawls")
	if _, err := g.parse(fs, args, "schedule [--config FILE] [--data DIR] [--serve ADDR]\n\nRuns the crawls of the config's schedule: section on their cron\nexpressions (China time) until SIGINT or SIGTERM, which lets a running\ncrawl finish its pages in flight, saves everything and exits 0. Runs never\noverlap, and no other wenming run can work on the archive meanwhile.\n\n  schedule:\n    - name: nightly\n      cron: \"0 2 * * *\"          # 02:00 Beijing time, the whole tree\n    - name: hebei\n      cron: \"@every 6h\"\n      sites: [hb.wenming.cn]     # a site group: these sites and their descendants"); err != nil {
		return err
	}
	cfg, err := g.loadConfig()
	if err != nil {
		return err
	}
	if len(cfg.Schedule) == 0 {
		return usageError{errors.New("the config has no schedule: section (see --help)")}
	}
	if err := checkScheduleSites(cfg); err != nil {
		return err
	}
	log, err := g.logger()
	if err != nil {
		return err
	}
	var jobs []schedule.Job
	for _, j := range cfg.Schedule {
		jobs = append(jobs, schedule.Job{Name: j.Name, Spec: j.Cron, Sites: j.Sites})
		next, _ := schedule.Next(j.Cron, time.Now())
		log.Info("job", "name", j.Name, "cron", j.Cron, "sites", strings.Join(j.Sites, ","), "next", next.In(article.China).Format(time.RFC3339), "in", time.Until(next).Round(time.Second))
	}
	var m *metrics.Metrics // live figures of the runs, on /metrics with --serve
	if *serveAddr != "" {
		// Served as "wenming serve" does: from the files between runs,
		// through the share of the run while one holds the archive.
		if err := os.MkdirAll(cfg.Data, 0o755); err != nil {
			return fmt.Errorf("schedule: %w", err)
		}
		v, err := openScheduledView(ctx, cfg, log)
		if err != nil {
			return err
		}
		defer v.Close()
		go v.Follow(ctx)
		ln, err := listenOn(*serveAddr, "--serve")
		if err != nil {
			return err
		}
		log.Info("serving the archive", "addr", "http://"+ln.Addr().String()+"/")
		m = metrics.New(v)
		go func() {
			if err := serveArchive(ctx, ln, archiveHandler(v, m, log)); err != nil {
				log.Error("server stopped", "err", err)
			}
		}()
	}
	run := func(ctx context.Context, j schedule.Job) error {
		var (
			mu      sync.Mutex // the progress of a run comes from its watcher, then its end
			last    crawl.Stats
			logged  = time.Now()
			started = time.Now()
		)
		logProgress := progressLogger(log, j.Name)
		opts := pipeline.Options{Config: cfg, Logger: log, Trigger: "schedule:" + j.Name, ProgressEvery: 5 * time.Second,
			Progress: func(s crawl.Stats) {
				mu.Lock()
				defer mu.Unlock()
				last = s
				if m != nil {
					m.CrawlProgress(crawlFigures(j.Name, started, s))
				}
				if time.Since(logged) >= 30*time.Second {
					logged = time.Now()
					logProgress(s)
				}
			}}
		if len(j.Sites) > 0 {
			opts.Group, opts.Only = j.Name, j.Sites
		}
		rep, err := pipeline.Crawl(ctx, opts)
		if m != nil {
			mu.Lock()
			m.CrawlEnded(crawlFigures(j.Name, started, last), pipeline.RunStatus(err))
			mu.Unlock()
		}
		s := rep.Crawl
		log.Info("summary", "job", j.Name, "pages", s.Pages, "new", s.ArticlesNew, "updated", s.ArticlesUpdated,
			"unchanged", s.ArticlesUnchanged, "errors", s.Errors, "pending", s.Pending, "archived", rep.Total,
			"stopped_patterns", len(s.Stopped))
		logStopped(log, j.Name, s.Stopped)
		if errors.Is(err, pipeline.ErrMaxDuration) {
			log.Warn("run reached crawl.max_duration; the next run continues the pass", "job", j.Name)
			return nil
		}
		return err
	}
	return schedule.Run(ctx, jobs, run, log)
}

// logStopped logs the URL patterns a scheduled run stopped, as its
// summary for people lists them: the listCap costliest, then how many more
// (a run over the whole network stops thousands, and the crawl has
// logged each as it stopped; "wenming runs --json" lists them all).
func logStopped(log *slog.Logger, job string, stopped []crawl.StoppedPattern) {
	for _, p := range costliestFirst(stopped, func(p crawl.StoppedPattern) int { return p.Requests })[:min(len(stopped), listCap)] {
		log.Info("URL pattern stopped", "job", job, "pattern", p.Pattern, "requests", p.Requests, "dropped", p.Dropped, "reason", p.Reason)
	}
	if more := len(stopped) - listCap; more > 0 {
		log.Info("URL patterns stopped: more", "job", job, "more", more, "hint", "wenming runs --json lists them all")
	}
}

// checkScheduleSites checks that the sites of the scheduled jobs are
// sites the archive knows (seeds, listed sites, sites earlier crawls
// found): a job naming another would fail at each of its runs. The error
// names the key and its line in the config file.
func checkScheduleSites(cfg config.Config) error {
	for i, j := range cfg.Schedule {
		for k, site := range j.Sites {
			if _, err := resolveSites(cfg, []string{site}); err != nil {
				var ue *crawl.UnknownSiteError
				if errors.As(err, &ue) {
					return usageError{cfg.Errorf(fmt.Sprintf("schedule[%d].sites[%d]", i, k), "%v", ue)}
				}
				return err
			}
		}
	}
	return nil
}

// openScheduledView opens the archive a scheduler serves as serve does
// (openServedView), creating an empty one first when there is none yet
// (the first run fills it); over records in PostgreSQL (store:) the index
// in the archive directory follows the changes of its own runs and of the
// other workers'.
func openScheduledView(ctx context.Context, cfg config.Config, log *slog.Logger) (*archive.View, error) {
	if cfg.Store == "" {
		if err := archive.Create(cfg.Data); err != nil {
			return nil, err
		}
	}
	return openServedView(ctx, cfg, log)
}

// crawlFigures are the figures of a crawl of job, started at started, as
// the metrics (and through them the web page) take them.
func crawlFigures(job string, started time.Time, s crawl.Stats) metrics.Crawl {
	return metrics.Crawl{Job: job, Started: started, Requests: s.Requests, Pages: s.Pages, Articles: s.Articles,
		New: s.ArticlesNew, Updated: s.ArticlesUpdated, Errors: s.ErrorKinds, Queued: s.Pending}
}

// runJSON is a run as "runs --json" gives it: the log's record, how long
// it took in seconds and its dead links (the errors of kind http_404).
type runJSON struct {
	runs.Run
	Seconds   float64 `json:"seconds"`
	DeadLinks int64   `json:"dead_links"`
}

func runRunsCmd(ctx context.Context, g *globals, args []string) error {
	fs := g.flagSet("runs")
	last := fs.Int("last", 20, "show the last N runs (0 = all)")
	if _, err := g.parse(fs, args, "runs [--data DIR] [--store DSN] [--last N] [--json]\n\nLists past crawl runs of the archive with their figures. With a store\n(--store, or store: in the config) it lists the runs of every crawl worker\nsharing it, each named by its worker."); err != nil {
		return err
	}
	if *last < 0 {
		return usageError{fmt.Errorf("--last %d: want 0 (every run) or more", *last)}
	}
	data, dsn, _, err := g.location()
	if err != nil {
		return err
	}
	log, err := g.logger()
	if err != nil {
		return err
	}
	// A run in progress, or one killed before it could log its end (the
	// next run logs it), comes last.
	list, err := archive.Runs(ctx, data, dsn, *last, log)
	if err != nil {
		return err
	}
	if dsn != "" {
		data = pgstore.Server(dsn)
	}
	if len(list) == 0 {
		if err := archive.Missing(data, dsn); err != nil {
			return err
		}
	}
	if *last > 0 && len(list) > *last {
		list = list[len(list)-*last:]
	}
	if g.json {
		out := make([]runJSON, len(list))
		for i, r := range list {
			out[i] = runJSON{Run: r, Seconds: r.Duration().Seconds(), DeadLinks: r.Errors[deadLinkKind]}
		}
		return writeJSON(g.stdout, out)
	}
	if len(list) == 0 {
		fmt.Fprintf(g.stdout, "no runs yet in %s\n", data)
		return nil
	}
	// Errors are the crawl's failures; a 404 of a link a site prints is
	// the site's dead link, counted apart.
	fmt.Fprintf(g.stdout, "%-19s %-18s %-11s %7s %7s %5s %7s %9s %6s %6s %6s %7s %6s %7s\n", "started", "trigger", "status", "took", "pages", "new", "updated", "unchanged", "304", "errors", "dead", "removed", "swept", "pending")
	for _, r := range list {
		errs, dead := runs.ErrorsAndDeadLinks(r.Errors)
		fmt.Fprintf(g.stdout, "%-19s %-18s %-11s %7s %7d %5d %7d %9d %6d %6d %6d %7d %6d %7d\n",
			r.Started.In(article.China).Format("2006-01-02 15:04:05"), r.Trigger, r.Status, humanDuration(r.Duration()),
			r.Pages, r.ArticlesNew, r.ArticlesUpdated, r.ArticlesUnchanged, r.NotModified, errs, dead, r.RemovedAtSource, r.SweepChecked, r.Pending)
		if len(r.Group) > 0 {
			fmt.Fprintf(g.stdout, "    group %s\n", r.Group)
		}
		if r.Worker != "" {
			fmt.Fprintf(g.stdout, "    worker %s\n", r.Worker)
		}
		if r.Error != "" && r.Status != "ok" && r.Status != runs.StatusRunning {
			fmt.Fprintf(g.stdout, "    %s\n", r.Error)
		}
		stopped := costliestFirst(r.Stopped, func(p runs.StoppedPattern) int { return p.Requests })
		writeList(g.stdout, "    ", len(stopped), func(i int) {
			p := stopped[i]
			fmt.Fprintf(g.stdout, "    stopped %s — %d requests (%s)\n", p.Pattern, p.Requests, p.Reason)
		})
		left := sortedKeys(r.SkippedHosts)
		writeList(g.stdout, "    ", len(left), func(i int) {
			fmt.Fprintf(g.stdout, "    host left %s: %s\n", left[i], r.SkippedHosts[left[i]])
		})
		unverified := sortedKeys(r.Unverified)
		writeList(g.stdout, "    ", len(unverified), func(i int) {
			fmt.Fprintf(g.stdout, "    unverified HTTPS %s: %s\n", unverified[i], r.Unverified[unverified[i]])
		})
	}
	return nil
}
