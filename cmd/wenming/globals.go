package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net/url"
	"os"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/term"

	"github.com/wenming-archive/wenming/internal/archive"
	"github.com/wenming-archive/wenming/internal/article"
	"github.com/wenming-archive/wenming/internal/config"
	"github.com/wenming-archive/wenming/internal/pipeline"
)

// errHelp is returned after printing a command's help.
var errHelp = errors.New("help requested")

// globals are the flags every command takes, and the process's streams.
type globals struct {
	configPath string
	data       string
	store      string
	json       bool
	logLevel   string

	stdout, stderr io.Writer
}

// flagSet is the flag set of the command name, with the flags every
// command takes.
func (g *globals) flagSet(name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.StringVar(&g.configPath, "config", "", "settings file (default ./config.yaml when present)")
	fs.StringVar(&g.data, "data", "", "archive directory (overrides data: in the config)")
	fs.StringVar(&g.store, "store", "", "PostgreSQL DSN of the shared records and crawl state (overrides store: in the config)")
	fs.BoolVar(&g.json, "json", false, "machine-readable output and JSON logs")
	fs.StringVar(&g.logLevel, "log-level", "info", "debug, info, warn or error")
	return fs
}

// parse parses flags that may come before or after the positional
// arguments ("wenming search 文明 --json") and returns the positionals;
// everything after "--" is positional.
func (g *globals) parse(fs *flag.FlagSet, args []string, synopsis string) ([]string, error) {
	return g.parseArgs(fs, args, synopsis, false)
}

// parseOne is parse for a command that takes exactly one positional
// argument, which it returns; with none or more it returns a usage error
// that says to give want.
func (g *globals) parseOne(fs *flag.FlagSet, args []string, synopsis, want string) (string, error) {
	pos, err := g.parse(fs, args, synopsis)
	if err != nil {
		return "", err
	}
	if len(pos) != 1 {
		return "", usageError{fmt.Errorf("give %s (see --help)", want)}
	}
	return pos[0], nil
}

// parseQuery is parse for a command whose positionals are a query: an
// argument that looks like a flag but is none and reads as an excluded
// query term ("-招募", `-"工作动态"`) is a positional too. An unknown
// ASCII one ("-limitt") stays an error, which says how to exclude it.
func (g *globals) parseQuery(fs *flag.FlagSet, args []string, synopsis string) ([]string, error) {
	return g.parseArgs(fs, args, synopsis, true)
}

func (g *globals) parseArgs(fs *flag.FlagSet, args []string, synopsis string, query bool) ([]string, error) {
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	var pos []string
	for len(args) > 0 {
		a := args[0]
		switch {
		case a == "--":
			return append(pos, args[1:]...), nil
		case query && excludedTerm(fs, a):
			pos, args = append(pos, a), args[1:]
			continue
		case !strings.HasPrefix(a, "-") || a == "-":
			pos, args = append(pos, a), args[1:]
			continue
		}
		// One flag (and its value) at a time, so that a query term after
		// it is seen before the flag package refuses it.
		n := flagArgs(fs, a)
		if n > len(args) {
			n = len(args)
		}
		if err := fs.Parse(args[:n]); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				g.printHelp(fs, synopsis)
				return nil, errHelp
			}
			unknown := strings.Contains(err.Error(), "flag provided but not defined")
			err = flagProblem(fs, err)
			if query && unknown && !strings.HasPrefix(a, "--") {
				err = fmt.Errorf("%v; to exclude the word %s from the query, put the query after --: wenming search -- … %s", err, strings.TrimLeft(a, "-"), a)
			}
			return nil, usageError{fmt.Errorf("%v (see --help)", err)}
		}
		args = args[n:]
	}
	return pos, nil
}

// flagMessage matches what the flag package says of a flag it refuses:
// unknown, given no value, or given a value of the wrong type.
var flagMessage = regexp.MustCompile(`^(?:flag provided but not defined: -(\S+)|flag needs an argument: -(\S+)|invalid (?:boolean )?value (".*") for (?:flag )?-([^:]+): .*)$`)

// flagProblem says in words what the flag package found wrong, naming
// the flag as the help writes it (--limit) and what its value must be.
func flagProblem(fs *flag.FlagSet, err error) error {
	m := flagMessage.FindStringSubmatch(err.Error())
	switch {
	case m == nil:
		return err
	case m[1] != "":
		return fmt.Errorf("unknown flag --%s", m[1])
	case m[2] != "":
		return fmt.Errorf("--%s needs a value", m[2])
	}
	want := "another value"
	if f := fs.Lookup(m[4]); f != nil {
		if g, ok := f.Value.(flag.Getter); ok {
			switch g.Get().(type) {
			case int, int64, uint, uint64:
				want = "a whole number"
			case float64:
				want = "a number"
			case bool:
				want = "true or false"
			case time.Duration:
				want = "a duration such as 30s or 5m"
			}
		}
	}
	return fmt.Errorf("--%s %s: want %s", m[4], m[3], want)
}

// flagArgs is how many arguments the flag a takes up: two for a flag that
// takes a value given separately ("-limit 3"), else one.
func flagArgs(fs *flag.FlagSet, a string) int {
	name := strings.TrimLeft(a, "-")
	if strings.Contains(name, "=") {
		return 1
	}
	f := fs.Lookup(name)
	if f == nil {
		return 1
	}
	if b, ok := f.Value.(interface{ IsBoolFlag() bool }); ok && b.IsBoolFlag() {
		return 1
	}
	return 2
}

// excludedTerm reports whether a reads as an excluded term of a query
// rather than a flag: "-" and then something that is no flag of fs and
// holds a quote or a character outside ASCII, which no flag name has.
func excludedTerm(fs *flag.FlagSet, a string) bool {
	name, ok := strings.CutPrefix(a, "-")
	if !ok || name == "" || strings.HasPrefix(name, "-") {
		return false
	}
	if k := strings.IndexByte(name, '='); k >= 0 && fs.Lookup(name[:k]) != nil {
		return false
	}
	if fs.Lookup(name) != nil {
		return false
	}
	for _, r := range name {
		if r >= utf8.RuneSelf || r == '"' {
			return true
		}
	}
	return false
}

func (g *globals) printHelp(fs *flag.FlagSet, synopsis string) {
	fmt.Fprintf(g.stdout, "Usage: wenming %s\n\nFlags:\n", synopsis)
	fs.SetOutput(g.stdout)
	fs.PrintDefaults()
	fs.SetOutput(io.Discard)
}

// loadConfig reads --config, or ./config.yaml when present, or the
// defaults; --data overrides the archive directory.
func (g *globals) loadConfig() (config.Config, error) {
	path := g.configFile()
	cfg := config.Default()
	if path != "" {
		fi, err := os.Stat(path)
		switch {
		case errors.Is(err, os.ErrNotExist):
			return cfg, usageError{fmt.Errorf("--config %s: no such file (without --config, ./config.yaml is read when present, else the built-in defaults)", path)}
		case err == nil && fi.IsDir():
			return cfg, usageError{fmt.Errorf("--config %s is a directory: give the config file", path)}
		}
		if cfg, err = config.Load(path); err != nil {
			return cfg, usageError{err}
		}
	}
	if g.data != "" {
		cfg.Data = g.data
	}
	if err := g.checkDataDir(cfg.Data); err != nil {
		return cfg, err
	}
	if g.store != "" {
		if err := g.checkStore(); err != nil {
			return cfg, err
		}
		cfg.Store = g.store
	}
	if cfg.Crawl.Proxy == "" {
		// The standard variables, for every component (WARC recording included).
		for _, k := range []string{"HTTP_PROXY", "http_proxy"} {
			if v := os.Getenv(k); v != "" {
				if u, err := url.Parse(v); err != nil || u.Host == "" {
					return cfg, usageError{fmt.Errorf("%s=%q is not a proxy URL like http://127.0.0.1:8080", k, v)}
				}
				cfg.Crawl.Proxy = v
				break
			}
		}
	}
	// Extraction profiles are checked now: a bad selector stops start-up.
	if _, err := pipeline.Profiles(&cfg); err != nil {
		var ce *config.Error
		if errors.As(err, &ce) && path != "" {
			ce.File = path
		}
		return cfg, usageError{err}
	}
	return cfg, nil
}

// checkStore checks the form of --store, as loading checks store:.
func (g *globals) checkStore() error {
	if err := config.CheckStore(g.store); err != nil {
		return usageError{fmt.Errorf("--store: %w", err)}
	}
	return nil
}

// checkDataDir refuses an archive directory that is something else (a
// file): every command would fail on it with a less helpful message.
func (g *globals) checkDataDir(dir string) error {
	fi, err := os.Stat(dir)
	if err != nil || fi.IsDir() {
		return nil // absent: each command says what it does then
	}
	given := "--data " + dir
	if g.data == "" {
		given = "data: " + dir + " (" + g.configFile() + ")"
	}
	return usageError{fmt.Errorf("%s is a file, not a directory: give the archive directory (wenming crawl or import creates a new one)", given)}
}

// configFile is the config file in effect: --config, else ./config.yaml
// when present; "" for the built-in defaults.
func (g *globals) configFile() string {
	if g.configPath != "" {
		return g.configPath
	}
	if _, err := os.Stat("config.yaml"); err == nil {
		return "config.yaml"
	}
	return ""
}

// location is where this command finds the archive it reads: the
// directory (--data, else data: of the config), the PostgreSQL DSN of its
// records (--store, else store: of the config; "" for the embedded records
// in the directory) and the settings of its search index (index: of the
// config, or the defaults).
func (g *globals) location() (data, dsn string, ix config.Index, err error) {
	if g.data != "" && g.configFile() == "" {
		if err := g.checkStore(); err != nil {
			return "", "", ix, err
		}
		return g.data, g.store, config.Default().Index, g.checkDataDir(g.data)
	}
	cfg, err := g.loadConfig() // --data and --store override it
	if err != nil {
		return "", "", ix, err
	}
	return cfg.Data, cfg.Store, cfg.Index, nil
}

// configAndLogger is the config in effect and the logger, what a command
// that runs on the config needs first.
func (g *globals) configAndLogger() (config.Config, *slog.Logger, error) {
	cfg, err := g.loadConfig()
	if err != nil {
		return cfg, nil, err
	}
	log, err := g.logger()
	return cfg, log, err
}

// configOfArchive is configAndLogger for a command that reads the
// archive of the config: an error says when there is none.
func (g *globals) configOfArchive() (config.Config, *slog.Logger, error) {
	cfg, log, err := g.configAndLogger()
	if err == nil {
		err = archive.Missing(cfg.Data, cfg.Store)
	}
	return cfg, log, err
}

// warcDirs are the WARC directories the config gives the archive.
func warcDirs(cfg config.Config) archive.WARCDirs {
	return archive.WARCDirs{Dir: cfg.WARC.Dir, Read: cfg.WARC.ReadDirs}
}

// logger logs to stderr: text for people, JSON with --json.
func (g *globals) logger() (*slog.Logger, error) {
	var level slog.Level
	if err := level.UnmarshalText([]byte(strings.ToLower(g.logLevel))); err != nil {
		return nil, usageError{fmt.Errorf("--log-level %q: want debug, info, warn or error", g.logLevel)}
	}
	opts := &slog.HandlerOptions{Level: level}
	if g.json {
		// For machines: durations in seconds, a number (slog's own JSON
		// would give nanoseconds); times UTC with nanoseconds.
		opts.ReplaceAttr = func(_ []string, a slog.Attr) slog.Attr {
			if a.Value.Kind() == slog.KindDuration {
				a.Value = slog.Float64Value(a.Value.Duration().Seconds())
			}
			return a
		}
		return slog.New(slog.NewJSONHandler(g.stderr, opts)), nil
	}
	// For people: Beijing time, to the second, as the sites and the
	// summaries show it, and durations such as 1m30s.
	opts.ReplaceAttr = func(groups []string, a slog.Attr) slog.Attr {
		switch {
		case len(groups) == 0 && a.Key == slog.TimeKey && a.Value.Kind() == slog.KindTime:
			a.Value = slog.StringValue(a.Value.Time().In(article.China).Format("2006-01-02 15:04:05"))
		case a.Value.Kind() == slog.KindDuration:
			a.Value = slog.StringValue(humanDuration(a.Value.Duration()))
		}
		return a
	}
	return slog.New(slog.NewTextHandler(g.stderr, opts)), nil
}

// interactive reports whether progress bars make sense: a terminal on
// stderr and no --json.
func (g *globals) interactive() bool {
	if g.json {
		return false
	}
	f, ok := g.stderr.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}
