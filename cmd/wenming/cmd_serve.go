package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"syscall"
	"time"

	"github.com/wenming-archive/wenming/internal/archive"
	"github.com/wenming-archive/wenming/internal/config"
	"github.com/wenming-archive/wenming/internal/metrics"
	"github.com/wenming-archive/wenming/internal/runs"
	"github.com/wenming-archive/wenming/internal/server"
)

func runServeCmd(ctx context.Context, g *globals, args []string) error {
	fs := g.flagSet("serve")
	addr := fs.String("addr", "127.0.0.1:8080", "address to listen on")
	if _, err := g.parse(fs, args, "serve [--addr 127.0.0.1:8080] [--data DIR]\n\nServes the archive: a search page in Chinese for readers (works without\nJavaScript, on a phone too), article pages with lineage, view-count history\nthe captured page replayed (sandboxed, links into the archive)\nand its raw WARC record, and a JSON API:\n\n  GET /api/search?q=…&sort=…&size=…&after=…   query language, facets, paging\n  GET /api/articles/{id}                       one record, view history, versions\n  GET /api/stats                               archive figures\n\nA crawl may run on the archive while it is served: the server lets go of\nthe files when the crawl starts and reads through it until it ends."); err != nil {
		return err
	}
	cfg, log, err := g.configOfArchive()
	if err != nil {
		return err
	}
	v, err := openServedView(ctx, cfg, log)
	if err != nil {
		return err
	}
	defer v.Close()
	go v.Follow(ctx)

	ln, err := listenOn(*addr, "--addr")
	if err != nil {
		return err
	}
	writeNotes(g.stdout, append(heldNote(v), v.Notes()...))
	fmt.Fprintf(g.stdout, "serving %s on http://%s/\n", cfg.Data, ln.Addr())
	return serveArchive(ctx, ln, archiveHandler(v, metrics.New(v), log))
}

// openServedView opens the archive of cfg as serve (and schedule --serve)
// reads it: read-only records (a backup on a read-only mount is served
// too); the index checked against them and mended first where it may be.
// While a crawl holds the archive it is read through the crawl; when a
// crawl starts, the files are let go of for it (Follow). Over records in
// PostgreSQL (store:), the index in the data directory is the server's
// own, brought up to date with them at start and every few seconds
// (Follow).
func openServedView(ctx context.Context, cfg config.Config, log *slog.Logger) (*archive.View, error) {
	return archive.OpenView(ctx, cfg.Data, archive.ReadOptions{Index: true, Verify: true, Shared: true, Store: cfg.Store, Shards: cfg.Index.Shards, WARC: warcDirs(cfg), Logger: log})
}

// archiveHandler is the web page, the API and the raw captures of an
// archive opened for reading with its index.
func archiveHandler(v *archive.View, m *metrics.Metrics, log *slog.Logger) http.Handler {
	dirs := v.WARCPaths()
	mux := http.NewServeMux()
	mux.Handle("GET /metrics", m.Handler())
	mux.Handle("GET /healthz", healthHandler(v))
	mux.Handle("/", server.New(v, v, server.Options{Logger: log, WARCDir: dirs[0], WARCReadDirs: dirs[1:], Crawl: m.Live, Runs: func() ([]runs.Run, error) { return v.Runs(1) }}))
	return m.Instrument(mux)
}

// healthHandler answers 200 while the archive can be read (its records
// counted), 503 otherwise: for a load balancer or a supervisor.
func healthHandler(st server.Articles) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Cache-Control", "no-store")
		c, ok := st.(interface{ Len() (int, error) })
		if !ok {
			w.Write([]byte(`{"status":"ok"}` + "\n"))
			return
		}
		n, err := c.Len()
		if err != nil {
			w.WriteHeader(http.StatusServiceUnavailable)
			json.NewEncoder(w).Encode(map[string]string{"status": "unavailable", "error": err.Error()})
			return
		}
		json.NewEncoder(w).Encode(map[string]any{"status": "ok", "articles": n})
	})
}

// listenOn listens on addr, given by the flag named flagName; an address
// that is no HOST:PORT is a usage error, one in use is said so.
func listenOn(addr, flagName string) (net.Listener, error) {
	ln, err := net.Listen("tcp", addr)
	var ae *net.AddrError
	switch {
	case err == nil:
		return ln, nil
	case errors.Is(err, syscall.EADDRINUSE):
		return nil, fmt.Errorf("%s is in use (another program, another wenming say, listens there): give another address with %s", addr, flagName)
	case errors.As(err, &ae):
		return nil, usageError{fmt.Errorf("%s %s: want HOST:PORT, e.g. 127.0.0.1:8080 (%s)", flagName, addr, ae.Err)}
	}
	return nil, fmt.Errorf("listen on %s: %w", addr, err)
}

// serveArchive serves h on ln until ctx is cancelled.
func serveArchive(ctx context.Context, ln net.Listener, h http.Handler) error {
	hs := server.NewHTTPServer(h, server.HTTPOptions{})
	go func() {
		<-ctx.Done()
		shut, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		hs.Shutdown(shut)
	}()
	if err := hs.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("serve: %w", err)
	}
	return nil
}
