package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"time"

	"github.com/wenming-archive/wenming/internal/pipeline"
	"github.com/wenming-archive/wenming/internal/runs"
	"github.com/wenming-archive/wenming/internal/store"
)

func runReindexCmd(ctx context.Context, g *globals, args []string) error {
	fs := flag.NewFlagSet("reindex", flag.ContinueOnError)
	g.addFlags(fs)
	if _, err := g.parse(fs, args, "reindex [--data DIR]\n\nRebuilds the search index from the archived records alone: the index is\nderived data, and this makes it again after an upgrade, a damaged index or\na change of analysis."); err != nil {
		return err
	}
	data, err := g.dataDir()
	if err != nil {
		return err
	}
	path := pipeline.ArticlesPath(data)
	if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("no archive in %s: run \"wenming crawl\" first", data)
	}
	lock, err := runs.Acquire(data)
	if err != nil {
		return err
	}
	defer lock.Release()
	st, err := store.Open(path)
	if err != nil {
		return err
	}
	defer st.Close()
	ixPath := pipeline.IndexPath(data)
	// Build beside the old index and swap, so that a failure leaves the old one.
	tmp := ixPath + ".rebuild"
	if err := os.RemoveAll(tmp); err != nil {
		return fmt.Errorf("reindex: %w", err)
	}
	prog := newProgress(g)
	start := time.Now()
	n, err := pipeline.Reindex(st, tmp, nil, prog.index)
	prog.finish()
	if err != nil {
		os.RemoveAll(tmp)
		return err
	}
	if err := ctx.Err(); err != nil {
		os.RemoveAll(tmp)
		return err
	}
	old := ixPath + ".old"
	os.RemoveAll(old)
	if err := os.Rename(ixPath, old); err != nil && !errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("reindex: %w", err)
	}
	if err := os.Rename(tmp, ixPath); err != nil {
		return fmt.Errorf("reindex: %w", err)
	}
	os.RemoveAll(old)
	if g.json {
		return writeJSON(g.stdout, map[string]any{"indexed": n, "seconds": time.Since(start).Seconds()})
	}
	fmt.Fprintf(g.stdout, "reindexed %d articles in %s → %s\n", n, time.Since(start).Round(time.Millisecond), ixPath)
	return nil
}
