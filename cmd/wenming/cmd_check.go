package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/wenming-archive/wenming/internal/archive"
	"github.com/wenming-archive/wenming/internal/check"
	"github.com/wenming-archive/wenming/internal/config"
)

const checkSynopsis = `check [--config FILE] [--config-only] [--repair [--drop-bad-captures]] [--data DIR] [--json]

Checks the config in effect (--config, else ./config.yaml when present):
every key as the file's own validation does, the extraction profiles'
selectors, and the sites of scheduled jobs, which must be sites the
archive knows. A config error is reported as FILE:LINE: key: what is
wrong, and check exits 2 without going on to the archive, whose place the
config may have wrong. --config-only stops after the config (for a setup
that has no archive yet).

Then it verifies the archive: the records (bbolt's own check and the store's), the
search index (it opens and answers, one document per record, a sample of
records found under the same title), every capture pointer of a record
(the WARC record there is complete, of the article's URL, its digest
right) and the WARC files against index.cdxj. It prints what is wrong and
what fixes it, and exits with status 1 when something is.

--repair repairs what can be repaired without loss: it rebuilds the index
from the records, cuts incomplete records off the ends of WARC files and
rebuilds index.cdxj from them; with --drop-bad-captures it also removes
capture pointers that lead to no valid record (the articles stay). It then
checks again and says what it did. Damaged records cannot be repaired from
the archive itself: restore articles.db from a backup.`

// errProblems ends a check that found problems (exit status 1); the
// report has said what they are.
var errProblems = errors.New("problems found (listed above)")

func runCheckCmd(ctx context.Context, g *globals, args []string) error {
	fs := g.flagSet("check")
	repair := fs.Bool("repair", false, "repair what can be repaired without loss")
	drop := fs.Bool("drop-bad-captures", false, "with --repair: remove capture pointers that lead to no valid WARC record")
	sample := fs.Int("sample", 200, "records looked up in the index")
	configOnly := fs.Bool("config-only", false, "check the config and stop (no archive needed)")
	if _, err := g.parse(fs, args, checkSynopsis); err != nil {
		return err
	}
	if *drop && !*repair {
		return usageError{errors.New("--drop-bad-captures goes with --repair")}
	}
	if *configOnly && *repair {
		return usageError{errors.New("--config-only checks the config alone: it does not go with --repair")}
	}
	cfg, cc, err := checkConfig(g)
	if err != nil {
		if g.json {
			if werr := writeJSON(g.stdout, checkJSON{Config: cc}); werr != nil {
				return werr
			}
		}
		return err
	}
	if g.json && *configOnly {
		return writeJSON(g.stdout, checkJSON{Config: cc})
	}
	if !g.json {
		writeConfigCheck(g.stdout, cc)
	}
	if *configOnly {
		return nil
	}
	log, err := g.logger()
	if err != nil {
		return err
	}
	if *repair {
		// No crawl may write while the archive is repaired, and readers
		// (a server) let go of it; with records in PostgreSQL, no crawl
		// worker writes them (the run lock there is taken only while none
		// runs).
		held, err := archive.AcquireExclusive(ctx, cfg.Data, cfg.Store, "check --repair", log)
		if err != nil {
			return err
		}
		defer held.Close()
	}
	rep, err := check.Run(ctx, check.Options{
		Data: cfg.Data, WARC: warcDirs(cfg), Store: cfg.Store, Sample: *sample,
		Repair: *repair, DropBadCaptures: *drop, Logger: log,
	})
	if err != nil {
		return err
	}
	if g.json {
		if err := writeJSON(g.stdout, checkJSON{Config: cc, Report: rep}); err != nil {
			return err
		}
	} else {
		writeCheck(g, rep)
	}
	if !rep.OK() {
		if g.json {
			return fmt.Errorf("%d problems found", len(rep.Problems))
		}
		return errProblems
	}
	return nil
}

func writeCheck(g *globals, rep *check.Report) {
	w := g.stdout
	fmt.Fprintf(w, "checked %s: %d records · %d indexed · %d capture pointers · %d WARC files · %d CDXJ lines\n",
		rep.Data, rep.Records, rep.Documents, rep.Captures, rep.WARCFiles, rep.CDXJLines)
	for _, r := range rep.Repaired {
		fmt.Fprintf(w, "  repaired  %s\n", r)
	}
	if rep.OK() {
		fmt.Fprintln(w, "  ok        nothing wrong")
		return
	}
	for _, p := range rep.Problems {
		fmt.Fprintf(w, "  problem   %s: %s\n", p.Part, p.What)
		for _, e := range p.Examples {
			fmt.Fprintf(w, "              %s\n", strings.ReplaceAll(e, "\n", " "))
		}
		fmt.Fprintf(w, "            fix: %s\n", p.Fix)
	}
}

// configCheck is what check says of the config.
type configCheck struct {
	File     string        `json:"file"` // "" for the built-in defaults
	OK       bool          `json:"ok"`
	Error    *config.Error `json:"error,omitempty"`
	Data     string        `json:"data,omitempty"`
	Seeds    int           `json:"seeds"`
	Sites    int           `json:"sites"`
	Jobs     int           `json:"scheduled_jobs"`
	Profiles int           `json:"profiles"`
}

// checkJSON is check's --json output: the config, then the archive's
// report (its fields, absent after a config error or with --config-only).
type checkJSON struct {
	Config configCheck `json:"config"`
	*check.Report
}

// checkConfig loads and checks the config in effect; an error in it is a
// usage error (exit 2), also described in the configCheck.
func checkConfig(g *globals) (config.Config, configCheck, error) {
	cc := configCheck{File: g.configFile()}
	cfg, err := g.loadConfig()
	if err == nil {
		cc.Seeds, cc.Sites, cc.Jobs, cc.Profiles = len(cfg.Seeds), len(cfg.Sites), len(cfg.Schedule), len(cfg.Profiles)
		err = checkScheduleSites(cfg)
	}
	if err != nil {
		var ce *config.Error
		if errors.As(err, &ce) {
			cc.Error = ce
		}
		var ue usageError
		if !errors.As(err, &ue) {
			err = usageError{err}
		}
		return cfg, cc, err
	}
	cc.OK, cc.Data = true, cfg.Data
	return cfg, cc, nil
}

func writeConfigCheck(w io.Writer, cc configCheck) {
	name := cc.File
	if name == "" {
		name = "built-in defaults (no config.yaml here)"
	}
	fmt.Fprintf(w, "config %s: ok · %s · %s · %s · %s · archive %s\n", name,
		plural(cc.Seeds, "seed"), plural(cc.Sites, "listed site"), plural(cc.Jobs, "scheduled job"), plural(cc.Profiles, "extraction profile"), cc.Data)
}

// plural is "1 seed", "2 seeds".
func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}
