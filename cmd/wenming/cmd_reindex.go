package main

import (
	"context"
	"flag"
	"fmt"
	"time"

	"github.com/wenming-archive/wenming/internal/archive"
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
	held, err := archive.Acquire(data, false)
	if err != nil {
		return err
	}
	defer held.Close()
	// Rewritten, not shared: readers are told to come back, a server lets
	// go of the files.
	if err := held.Exclusive("reindex"); err != nil {
		return err
	}
	log, err := g.logger()
	if err != nil {
		return err
	}
	st, err := archive.WaitForReaders(ctx, func() (*store.Store, error) { return store.Open(archive.ArticlesPath(data)) }, log)
	if err != nil {
		return err
	}
	defer st.Close()
	ixPath := archive.IndexPath(data)
	prog := newProgress(g)
	start := time.Now()
	// Built beside the old index and swapped in: a failure leaves the old one.
	n, err := archive.RebuildIndex(ctx, st, ixPath, prog.index)
	prog.finish()
	if err != nil {
		return fmt.Errorf("reindex: %w", err)
	}
	if g.json {
		return writeJSON(g.stdout, map[string]any{"indexed": n, "seconds": time.Since(start).Seconds()})
	}
	fmt.Fprintf(g.stdout, "reindexed %d articles in %s → %s\n", n, humanDuration(time.Since(start)), ixPath)
	return nil
}
