package main

import (
	"context"
	"fmt"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/wenming-archive/wenming/index"
	"github.com/wenming-archive/wenming/internal/archive"
	"github.com/wenming-archive/wenming/internal/pipeline"
)

func runDemoCmd(ctx context.Context, g *globals, args []string) error {
	var o simOptions
	fs := g.flagSet("demo")
	o.addFlags(fs, "127.0.0.1:0")
	query := fs.String("query", "志愿服务", "the sample search run at the end")
	if _, err := g.parse(fs, args, "demo [--articles N] [--sites N] [--seed S] [--calm] [--extras LIST] [--data DIR] [--query Q]\n\nStarts the simulated hierarchy on a free loopback port, crawls it with the\nconfig's seeds (the real hosts: the simulation answers as them) into --data\n(default: a new temporary directory, kept afterwards), prints the crawl\nsummary and a sample search."); err != nil {
		return err
	}
	if err := o.validate(); err != nil {
		return err
	}
	cfg, log, err := g.configAndLogger()
	if err != nil {
		return err
	}
	data := g.data
	if data == "" {
		if data, err = os.MkdirTemp("", "wenming-demo-"); err != nil {
			return fmt.Errorf("demo: %w", err)
		}
	}
	srv, addr, err := startSim(o, log)
	if err != nil {
		return err
	}
	defer srv.http.Close()
	if !g.json {
		fmt.Fprintf(g.stdout, "simulation of %d articles (seed %d) on http://%s, used as the HTTP proxy\n", o.articles, o.seed, addr)
	}

	// The simulation is on loopback: no need to wait between requests.
	cfg.Crawl.Proxy = "http://" + addr
	cfg.Crawl.Delay, cfg.Crawl.RandomDelay = 0, 0
	cfg.Crawl.PerHost = 2
	cfg.Crawl.Timeout = 10 * time.Second
	rep, err := runCrawl(ctx, g, pipeline.Options{Config: cfg, Data: data, Logger: log, Trigger: "demo"})
	if err != nil {
		return err
	}
	if err := deadLinksOnPurpose(g, rep.Crawl.DeadLinks, srv.sim.DeadLinks()); err != nil {
		return err
	}

	v, err := archive.OpenView(ctx, data, archive.ReadOptions{Index: true, Logger: log})
	if err != nil {
		return err
	}
	defer v.Close()
	q := index.Query{Text: *query, Size: 3}
	res, err := v.Search(ctx, q)
	if err != nil {
		return err
	}
	if g.json {
		return writeHitsJSON(g.stdout, res, nil)
	}
	fmt.Fprintf(g.stdout, "\nsample search: wenming search --data %s %s\n", data, *query)
	writeHits(g.stdout, res, q, isTerminal(g.stdout))
	return nil
}

// deadLinksOnPurpose checks the dead links the demo's crawl met against
// those the simulation prints on purpose (links to pages it does not
// have, as real sites print them): any other 404 is a fault of the
// simulation or the crawler, and fails the demo.
func deadLinksOnPurpose(g *globals, met, onPurpose []string) error {
	if len(met) == 0 {
		return nil
	}
	var other []string
	for _, u := range met {
		if !slices.Contains(onPurpose, u) {
			other = append(other, u)
		}
	}
	if len(other) > 0 {
		return fmt.Errorf("the crawl met %d pages answered 404 that the simulation does not link on purpose: %s", len(other), strings.Join(other, " "))
	}
	if !g.json {
		fmt.Fprintf(g.stdout, "  (the %d dead links are among the %d the simulation prints on purpose, as real sites do)\n", len(met), len(onPurpose))
	}
	return nil
}
