package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/wenming-archive/wenming/internal/server"
	"github.com/wenming-archive/wenming/internal/sitesim"
)

type simOptions struct {
	addr     string
	articles int
	sites    int
	seed     int64
	calm     bool
	extras   string   // --extras as given
	extraSet []string // its names, checked (validate)
}

func (o *simOptions) addFlags(fs *flag.FlagSet, addr string) {
	fs.StringVar(&o.addr, "addr", addr, "address to listen on")
	fs.IntVar(&o.articles, "articles", 300, "articles in the whole simulated hierarchy")
	fs.IntVar(&o.sites, "sites", 0, "sites in the hierarchy: up to 18 the fixed table, above it generated provinces, cities and counties (3200: the real network's size)")
	fs.Int64Var(&o.seed, "seed", 1, "seed: the same seed gives the same sites, articles and counts")
	fs.BoolVar(&o.calm, "calm", false, "serve without the simulated rate limits (429 with Retry-After), flaky page and 5xx burst")
	fs.StringVar(&o.extras, "extras", "", "facts of the real sites the default simulation leaves out, comma-separated, or all: "+strings.Join(sitesim.AllExtras(), ", "))
}

func (o *simOptions) validate() error {
	if o.articles < 1 {
		return usageError{errors.New("--articles must be at least 1")}
	}
	if o.sites < 0 {
		return usageError{errors.New("--sites must not be negative")}
	}
	o.extraSet = nil
	for _, name := range strings.Split(o.extras, ",") {
		switch name = strings.TrimSpace(name); {
		case name == "":
		case name == "all":
			o.extraSet = append(o.extraSet, sitesim.AllExtras()...)
		case slices.Contains(sitesim.AllExtras(), name):
			o.extraSet = append(o.extraSet, name)
		default:
			return usageError{fmt.Errorf("--extras: no extra %q (known: %s, or all)", name, strings.Join(sitesim.AllExtras(), ", "))}
		}
	}
	return nil
}

func runSimCmd(ctx context.Context, g *globals, args []string) error {
	var o simOptions
	fs := g.flagSet("sim")
	o.addFlags(fs, "127.0.0.1:8081")
	if _, err := g.parse(fs, args, "sim [--addr HOST:PORT] [--articles N] [--sites N] [--seed S] [--calm] [--extras LIST]\n\nServes the simulated 文明网 hierarchy. It answers as the real hosts both as an\nHTTP proxy and to direct requests carrying their Host header, so a crawl of\nthe real config.yaml reaches it with:\n\n  HTTP_PROXY=http://127.0.0.1:8081 wenming crawl    (or crawl.proxy in config.yaml)"); err != nil {
		return err
	}
	if err := o.validate(); err != nil {
		return err
	}
	log, err := g.logger()
	if err != nil {
		return err
	}
	srv, addr, err := startSim(o, log)
	if err != nil {
		return err
	}
	fmt.Fprintf(g.stdout, "simulating %d articles (seed %d) on http://%s\n", o.articles, o.seed, addr)
	describeSites(g.stdout, srv.sim)
	fmt.Fprintf(g.stdout, "\ncrawl it with: HTTP_PROXY=http://%s wenming crawl --data DIR\n", addr)
	<-ctx.Done()
	shut, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	return srv.http.Shutdown(shut)
}

// simServer is a running simulation.
type simServer struct {
	sim  *sitesim.Sim
	http *http.Server
}

// startSim listens on o.addr (port 0 picks a free port) and serves the
// simulation in the background. It returns the address it listens on.
func startSim(o simOptions, log *slog.Logger) (*simServer, string, error) {
	ln, err := listenOn(o.addr, "--addr")
	if err != nil {
		return nil, "", err
	}
	sim := sitesim.New(sitesim.Options{
		Seed:     o.seed,
		Articles: o.articles,
		Sites:    o.sites,
		Calm:     o.calm,
		Extras:   o.extraSet,
		Log: func(r sitesim.Request) {
			log.Debug("sim", "host", r.Host, "path", r.Path, "query", r.RawQuery, "status", r.Status, "outside", r.Outside)
		},
	})
	hs := server.NewHTTPServer(sim, server.HTTPOptions{})
	go func() {
		if err := hs.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			log.Error("simulation stopped", "err", err)
		}
	}()
	return &simServer{sim: sim, http: hs}, ln.Addr().String(), nil
}

func describeSites(w io.Writer, sim *sitesim.Sim) {
	fmt.Fprintf(w, "%-9s %-22s %-12s %-10s %s\n", "level", "host", "name", "cms", "charset")
	for _, s := range sim.Sites() {
		fmt.Fprintf(w, "%-9s %-22s %-12s %-10s %s\n", s.Level, s.Host, s.Name, s.CMS, s.Charset)
	}
}
