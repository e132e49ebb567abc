// Command wenming archives the 文明网 hierarchy (中国文明网 and its
// province, city and county sites) and searches the archive.
//
// Usage:
//
//	wenming <command> [flags] [arguments]
//
// Commands: crawl, search, export, import, serve, extract, reindex, check,
// schedule, runs, sim, demo. Run
// "wenming <command> --help" for each command's flags.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"runtime/debug"
	"strings"
	"syscall"

	"github.com/wenming-archive/wenming/internal/archive"
	"github.com/wenming-archive/wenming/internal/store"
)

// Exit codes, listed in the usage text.
const (
	exitOK          = 0
	exitError       = 1
	exitUsage       = 2
	exitInterrupted = 130
)

// command is one subcommand.
type command struct {
	name    string
	summary string
	run     func(ctx context.Context, g *globals, args []string) error
}

func commands() []command {
	return []command{
		{"crawl", "crawl the hierarchy from config.yaml into the archive", runCrawlCmd},
		{"search", "search the archive", runSearchCmd},
		{"export", "write archived articles out (" + strings.Join(exportFormats(), ", ") + ")", runExportCmd},
		{"import", "load a JSONL export into the archive and index it", runImportCmd},
		{"serve", "serve the search page, article pages and the JSON API", runServeCmd},
		{"extract", "print the fields extracted from one page (file or URL)", runExtractCmd},
		{"reindex", "rebuild the search index from the archived records", runReindexCmd},
		{"check", "verify an archive (records, index, captures, WARC) and repair it", runCheckCmd},
		{"schedule", "run the config's scheduled crawls until stopped", runScheduleCmd},
		{"runs", "list past crawl runs and their figures", runRunsCmd},
		{"sim", "serve the simulated hierarchy (for tests, demos, benchmarks)", runSimCmd},
		{"demo", "simulate, crawl, archive and search in one go", runDemoCmd},
	}
}

func usage(w io.Writer) {
	fmt.Fprint(w, `wenming archives the 文明网 hierarchy (中国文明网 → 省 → 市 → 县) and searches the archive.

Usage:
  wenming <command> [flags] [arguments]

Commands:
`)
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-8s %s\n", c.name, c.summary)
	}
	fmt.Fprint(w, `
Flags every command takes:
  --config FILE   settings (default: ./config.yaml when present, else built-in defaults)
  --data DIR      archive directory (overrides data: in the config)
  --json          machine-readable output and JSON logs
  --log-level L   debug, info, warn or error (default info)

Run "wenming <command> --help" for a command's own flags.

Exit codes: 0 success, 1 error, 2 bad usage or configuration, 130 interrupted.
`)
}

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	switch {
	case len(args) > 0 && (args[0] == "--version" || args[0] == "-version" || args[0] == "version"):
		fmt.Fprintln(stdout, version())
		return exitOK
	case len(args) == 2 && args[0] == "help":
		// "wenming help search" is "wenming search --help".
		args = []string{args[1], "--help"}
	}
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		usage(stdout)
		if len(args) == 0 {
			return exitUsage
		}
		return exitOK
	}
	var cmd *command
	for _, c := range commands() {
		if c.name == args[0] {
			cmd = &c
			break
		}
	}
	if cmd == nil {
		fmt.Fprintf(stderr, "wenming: unknown command %q\n\n", args[0])
		usage(stderr)
		return exitUsage
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	g := &globals{stdout: stdout, stderr: stderr}
	err := cmd.run(ctx, g, args[1:])
	return exitCode(err, ctx, g, cmd.name)
}

// version says which build of wenming this is: the module version and the
// commit it was built from, as the Go toolchain recorded them.
func version() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "wenming (unknown build)"
	}
	v := "wenming " + info.Main.Version
	var rev, at, dirty string
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.time":
			at = s.Value
		case "vcs.modified":
			if s.Value == "true" {
				dirty = " with local changes"
			}
		}
	}
	if rev != "" {
		v += fmt.Sprintf(" (commit %.12s of %s%s)", rev, at, dirty)
	}
	return v + ", " + info.GoVersion
}

// usageError marks a mistake in the command line or the config.
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

// exitCode reports how command name ended, on g's stderr: a line for
// people (and what to do, where there is something), or with --json one
// JSON log record at level ERROR (msg the message, command, exit_code and
// hint), like the rest of what a command logs there. It returns the exit
// status.
func exitCode(err error, ctx context.Context, g *globals, name string) int {
	code, msg, hint := failure(err, ctx, name)
	switch {
	case code == exitOK:
	case g.json:
		attrs := []any{"command", name, "exit_code", code}
		if hint != "" {
			attrs = append(attrs, "hint", hint)
		}
		slog.New(slog.NewJSONHandler(g.stderr, nil)).Error(msg, attrs...)
	default:
		fmt.Fprintln(g.stderr, msg)
		if hint != "" {
			fmt.Fprintln(g.stderr, "  "+hint)
		}
	}
	return code
}

// failure is the exit status of command name ended with err, its message
// and what to do about it ("" when the message says it).
func failure(err error, ctx context.Context, name string) (code int, msg, hint string) {
	var ue usageError
	switch {
	case err == nil, errors.Is(err, errHelp):
		return exitOK, "", ""
	case errors.As(err, &ue):
		return exitUsage, fmt.Sprintf("wenming %s: %v", name, err), ""
	case ctx.Err() != nil && errors.Is(err, context.Canceled):
		return exitInterrupted, fmt.Sprintf("wenming %s: interrupted; run it again to continue", name), ""
	case errors.Is(err, store.ErrCorrupt):
		return exitError, fmt.Sprintf("wenming %s: %v", name, err),
			fmt.Sprintf("The archive's records are damaged. \"wenming check\" lists what is wrong; restore %s from a backup, then run \"wenming reindex\" to rebuild the search index from it.", archive.ArticlesFile)
	default:
		return exitError, fmt.Sprintf("wenming %s: %v", name, err), ""
	}
}
