package main

import (
	"context"
	"fmt"
	"time"

	"github.com/wenming-archive/wenming/internal/archive"
	"github.com/wenming-archive/wenming/internal/config"
	"github.com/wenming-archive/wenming/internal/pipeline"
)

func runReindexCmd(ctx context.Context, g *globals, args []string) error {
	fs := g.flagSet("reindex")
	if _, err := g.parse(fs, args, "reindex [--data DIR] [--store DSN]\n\nRebuilds the search index from the archived records alone: the index is\nderived data, and this makes it again after an upgrade, a damaged index or\na change of analysis. With a store (--store, or store: in the config) the\nindex in --data is this reader's own, made from the records in PostgreSQL;\nthe crawl workers go on meanwhile."); err != nil {
		return err
	}
	data, dsn, ixc, err := g.location()
	if err != nil {
		return err
	}
	if dsn != "" {
		return reindexStore(ctx, g, data, dsn, ixc)
	}
	// Rewritten, not shared: readers are told to come back, a server lets
	// go of the files.
	log, err := g.logger()
	if err != nil {
		return err
	}
	held, err := archive.AcquireExclusive(ctx, data, "", "reindex", log)
	if err != nil {
		return err
	}
	defer held.Close()
	if err := held.OpenRecords(ctx, "", log); err != nil {
		return err
	}
	return rebuild(ctx, g, held.Store, data, ixc)
}

// rebuild builds the index in data from the records st anew, beside the
// old one, and swaps it in: a failure leaves the old one. The collector
// works as during a run's indexing (index.memory_limit).
func rebuild(ctx context.Context, g *globals, st archive.Records, data string, ixc config.Index) error {
	defer pipeline.IndexingGC(ixc)()
	ixPath := archive.IndexPath(data)
	prog := newProgress(g)
	start := time.Now()
	n, err := archive.RebuildIndexAs(ctx, st, ixPath, ixc.Shards, prog.index)
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

// reindexStore rebuilds the search index in data, a reader's own, from
// the records in PostgreSQL. It writes nothing the crawl workers share,
// so it runs while they do (what they archive meanwhile is caught up
// with by the next search); only another reader using the same index
// (serve on the same --data) is in its way.
func reindexStore(ctx context.Context, g *globals, data, dsn string, ixc config.Index) error {
	// The run lock keeps another reindex of this index out.
	held, err := archive.Acquire(data, true)
	if err != nil {
		return err
	}
	defer held.Close()
	log, err := g.logger()
	if err != nil {
		return err
	}
	if err := held.OpenRecords(ctx, dsn, log); err != nil {
		return err
	}
	return rebuild(ctx, g, held.Store, data, ixc)
}
