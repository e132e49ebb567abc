package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/wenming-archive/wenming/internal/archive"
	"github.com/wenming-archive/wenming/internal/config"
	"github.com/wenming-archive/wenming/internal/crawl"
	"github.com/wenming-archive/wenming/internal/pipeline"
)

const crawlSynopsis = `crawl [--site HOST]... [--config FILE] [--data DIR] [--json]

Crawls every site of the hierarchy reachable from the config's seeds and
sites, archives each article (a later run updates, never duplicates) and
indexes what it archived. An interrupted crawl continues where it stopped.

--site crawls one site and the sites below it (a city site and its county
sites) instead of the whole tree: HOST is its host (xt.wenming.cn), its
homepage URL or its name (邢台文明网, or 邢台). It may be given more than
once, or as a comma-separated list. The site must be known: a seed or a
site of the config's sites: (which works on a new archive), or one an
earlier crawl found. A site crawl keeps its own crawl state, so it neither
resumes nor disturbs an interrupted crawl of the whole tree.`

// siteList collects the values of a repeatable flag, splitting commas.
type siteList []string

func (l *siteList) String() string { return strings.Join(*l, ",") }

func (l *siteList) Set(v string) error {
	for _, s := range strings.Split(v, ",") {
		if s = strings.TrimSpace(s); s != "" {
			*l = append(*l, s)
		}
	}
	if len(*l) == 0 {
		return errors.New("want a site's host, e.g. xt.wenming.cn")
	}
	return nil
}

func runCrawlCmd(ctx context.Context, g *globals, args []string) error {
	fs := g.flagSet("crawl")
	var sites siteList
	fs.Var(&sites, "site", "crawl only this site (host, homepage URL or name) and the sites below it; repeatable")
	pos, err := g.parse(fs, args, crawlSynopsis)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usageError{fmt.Errorf("crawl takes no arguments, got %q (a site to crawl goes with --site)", strings.Join(pos, " "))}
	}
	cfg, log, err := g.configAndLogger()
	if err != nil {
		return err
	}
	opts := pipeline.Options{Config: cfg, Logger: log}
	if len(sites) > 0 {
		if opts.Only, err = resolveSites(cfg, sites); err != nil {
			return err
		}
		opts.Group = siteGroup(opts.Only)
	}
	_, err = runCrawl(ctx, g, opts)
	if errors.Is(err, crawl.ErrNothingFetched) {
		err = fmt.Errorf("%w\n  Check that this machine reaches the sites (network, DNS, firewall), or give an HTTP proxy in crawl.proxy or HTTP_PROXY; \"wenming demo\" runs wenming on its simulation, without the network", err)
	}
	return err
}

// resolveSites turns --site values into the hosts of known sites; one
// that is not known is a usage error saying which sites are.
func resolveSites(cfg config.Config, given []string) ([]string, error) {
	co := pipeline.CrawlOptions(cfg)
	co.StateDir = archive.StatePath(cfg.Data)
	hosts, err := crawl.ResolveSites(co, given)
	var ue *crawl.UnknownSiteError
	if errors.As(err, &ue) {
		return nil, usageError{fmt.Errorf("--site %w", err)}
	}
	return hosts, err
}

// siteGroup names the crawl state of a --site crawl after its sites:
// "site-xt.wenming.cn", and the same sites give the same name, so that an
// interrupted site crawl resumes. No scheduled job has such a name (job
// names have no dots).
func siteGroup(hosts []string) string {
	sorted := slices.Sorted(slices.Values(hosts))
	name := "site-" + strings.Join(sorted, "+")
	if len(name) > 100 {
		sum := sha256.Sum256([]byte(name))
		name = "site-" + sorted[0] + "+" + hex.EncodeToString(sum[:6])
	}
	return name
}

// runCrawl runs the pipeline with a progress display and prints the summary.
func runCrawl(ctx context.Context, g *globals, opts pipeline.Options) (pipeline.Report, error) {
	prog := newProgress(g)
	if g.interactive() {
		// A live line on the terminal.
		opts.Progress = prog.crawl
		opts.ProgressEvery = 250 * time.Millisecond
		opts.IndexProgress = prog.index
	} else if opts.Logger != nil {
		// Structured progress lines for logs.
		job := opts.Trigger
		if job == "" {
			job = "crawl"
		}
		opts.Progress = progressLogger(opts.Logger, job)
		opts.ProgressEvery = 30 * time.Second
	}
	rep, err := pipeline.Crawl(ctx, opts)
	prog.finish()
	if err != nil && rep.Crawl.Started.IsZero() {
		// It failed before crawling (a locked or unwritable archive): the
		// error says all, a summary of nothing would mislead.
		return rep, err
	}
	if perr := printReport(g, rep); perr != nil && err == nil {
		err = perr
	}
	return rep, err
}
