package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"strings"

	"github.com/wenming-archive/wenming/internal/archive"
	"github.com/wenming-archive/wenming/internal/check"
)

const checkSynopsis = `check [--repair [--drop-bad-captures]] [--data DIR] [--json]

Verifies an archive: the records (bbolt's own check and the store's), the
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
	fs := flag.NewFlagSet("check", flag.ContinueOnError)
	g.addFlags(fs)
	repair := fs.Bool("repair", false, "repair what can be repaired without loss")
	drop := fs.Bool("drop-bad-captures", false, "with --repair: remove capture pointers that lead to no valid WARC record")
	sample := fs.Int("sample", 200, "records looked up in the index")
	if _, err := g.parse(fs, args, checkSynopsis); err != nil {
		return err
	}
	if *drop && !*repair {
		return usageError{errors.New("--drop-bad-captures goes with --repair")}
	}
	cfg, err := g.loadConfig()
	if err != nil {
		return err
	}
	log, err := g.logger()
	if err != nil {
		return err
	}
	if *repair {
		// No crawl may write while the archive is repaired, and readers
		// (a server) let go of it.
		held, err := archive.Acquire(cfg.Data, false)
		if err != nil {
			return err
		}
		defer held.Close()
		if err := held.Exclusive("check --repair"); err != nil {
			return err
		}
	}
	rep, err := check.Run(ctx, check.Options{
		Data: cfg.Data, WARCDir: warcDir(cfg.WARC.Dir, cfg.Data), Sample: *sample,
		Repair: *repair, DropBadCaptures: *drop, Logger: log,
	})
	if err != nil {
		return err
	}
	if g.json {
		if err := writeJSON(g.stdout, rep); err != nil {
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
