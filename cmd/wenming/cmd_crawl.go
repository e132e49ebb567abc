package main

import (
	"context"
	"flag"
	"time"

	"github.com/wenming-archive/wenming/internal/pipeline"
)

func runCrawlCmd(ctx context.Context, g *globals, args []string) error {
	fs := flag.NewFlagSet("crawl", flag.ContinueOnError)
	g.addFlags(fs)
	if _, err := g.parse(fs, args, "crawl [--config FILE] [--data DIR] [--json]\n\nCrawls every site of the hierarchy reachable from the config's seeds and\nsites, archives each article (a later run updates, never duplicates) and\nindexes what it archived. An interrupted crawl continues where it stopped."); err != nil {
		return err
	}
	cfg, err := g.loadConfig()
	if err != nil {
		return err
	}
	log, err := g.logger()
	if err != nil {
		return err
	}
	return runCrawl(ctx, g, pipeline.Options{Config: cfg, Logger: log})
}

// runCrawl runs the pipeline with a progress display and prints the summary.
func runCrawl(ctx context.Context, g *globals, opts pipeline.Options) error {
	prog := newProgress(g)
	if g.interactive() {
		// A live line on the terminal.
		opts.Progress = prog.crawl
		opts.ProgressEvery = 250 * time.Millisecond
		opts.IndexProgress = prog.index
	} else if opts.Logger != nil {
		// Structured progress lines for logs.
		opts.Progress = progressLogger(opts.Logger, opts.Trigger)
		opts.ProgressEvery = 30 * time.Second
	}
	rep, err := pipeline.Crawl(ctx, opts)
	prog.finish()
	if err != nil && rep.Crawl.Started.IsZero() {
		// It failed before crawling (a locked or unwritable archive): the
		// error says all, a summary of nothing would mislead.
		return err
	}
	if perr := printReport(g, rep); perr != nil && err == nil {
		err = perr
	}
	return err
}
