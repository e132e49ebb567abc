package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/wenming-archive/wenming/internal/export"
	"github.com/wenming-archive/wenming/internal/pipeline"
	"github.com/wenming-archive/wenming/internal/store"
)

func runExportCmd(ctx context.Context, g *globals, args []string) error {
	fs := flag.NewFlagSet("export", flag.ContinueOnError)
	g.addFlags(fs)
	format := fs.String("format", "jsonl", "output format: jsonl")
	out := fs.String("o", "-", "output file; - is standard output")
	if _, err := g.parse(fs, args, "export [--format jsonl] [-o FILE]\n\nWrites every archived article, one JSON object per line: url, site,\nsite_name, level, lineage, column, title, published (RFC 3339, +08:00),\npublished_precision (day|minute), views (number or null), source, author,\neditor, body, fetched_at, view_history."); err != nil {
		return err
	}
	if *format != "jsonl" {
		return usageError{fmt.Errorf("--format %q: only jsonl is supported", *format)}
	}
	data, err := g.dataDir()
	if err != nil {
		return err
	}
	path := pipeline.ArticlesPath(data)
	if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("no archive in %s: run \"wenming crawl\" first", data)
	}
	st, err := store.Open(path)
	if err != nil {
		return err
	}
	defer st.Close()

	if *out == "-" {
		w := bufio.NewWriterSize(g.stdout, 1<<16)
		if _, err := export.JSONL(ctx, w, st.ForEach); err != nil {
			return err
		}
		return w.Flush()
	}
	// Write beside the target and rename, so a failed export never leaves
	// a half-written file under the requested name.
	tmp, err := os.CreateTemp(filepath.Dir(*out), "."+filepath.Base(*out)+".*")
	if err != nil {
		return fmt.Errorf("export: %w", err)
	}
	defer os.Remove(tmp.Name())
	w := bufio.NewWriterSize(tmp, 1<<16)
	n, err := export.JSONL(ctx, w, st.ForEach)
	if err == nil {
		err = w.Flush()
	}
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("export to %s: %w", *out, err)
	}
	if err := os.Rename(tmp.Name(), *out); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	if !g.json {
		fmt.Fprintf(g.stderr, "exported %d articles to %s\n", n, *out)
	}
	return nil
}
