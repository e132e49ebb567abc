// Command extract is the side-by-side extraction bench: it runs wenming's
// extractor, go-readability and go-trafilatura over every corpus under
// ../shared/corpus/extract (each folder with a manifest.jsonl; a corpus
// added later is picked up) and prints for each, per corpus and per
// source, body precision, recall and F1, the recall of recorded body
// starts, titles, dates and authors right, and pages per second on one
// core. All scoring is internal/extract/corpus's, the same as the corpus
// test of internal/extract.
//
// The held-out corpus, Chinese pages of template families no class fix
// was written from (internal/extract/testdata/heldout, one source per
// family), is added as a fourth corpus, "heldout", whenever -corpus names
// a folder of corpora; -heldout names another or, "-", none.
//
// Run it from the repository root:
//
//	go -C bench run ./extract [-corpus DIR] [-heldout DIR] [-json] [-v] [-min-time 1s] [-x wenming,readability,trafilatura] [-save-baseline] [-dump DIR]
//	go -C bench run ./extract -agree DIR [-json] [-dump DIR] [-scramble]
//
// Input: every extractor gets the same bytes, the UTF-8 that wenming's
// decoder (extract.Decode(raw, "")) made of the stored page, and the
// page's URL (http://corpus.invalid/page.html when the manifest has none).
// The peers parse those bytes with golang.org/x/net/html, so that their
// own charset sniffing cannot decode them a second time. Zone-less dates
// the peers find are read as China time: time.Local is set to UTC+8.
//
// Speed: after every page is decoded, each extractor runs alone on one
// goroutine (GOMAXPROCS untouched) over a corpus: one untimed pass gives
// the outputs that are scored, then whole timed passes until -min-time
// has gone by. HTML parsing is timed, decoding is not. A peer's panic on
// a page is recovered and scored as an empty output, and reported.
//
// Baseline: baseline.json beside this file holds wenming's figures per
// corpus and per source within a corpus. Each run prints wenming's
// change against it and flags every corpus and every source whose body
// F1, recall of body starts, titles, dates or authors right dropped (no
// corpus, and no source of one, may get better by another getting
// worse); the command then exits with status 2. Body figures are means
// rounded to four decimals, so a fall of up to 0.0001 (one unit of the
// last decimal) is taken for rounding noise; counts must not fall at
// all. -save-baseline rewrites the file from the run.
//
// Agreement: -agree DIR runs the extractors on pages no one labelled
// (every .html/.htm file of DIR) and compares them with each other
// instead of with a truth (agree.go): per page, the body F1 of each
// pair, each one's title, day and body length, the pages sorted by how
// far wenming stands from the peers' agreement. It is how to find the
// pages worth reading by hand in a fresh set; the peers are often wrong
// too, so a flag is a question, not a verdict.
//
// The peers are required by this module (bench/go.mod) only, never by
// wenming's own module or binary.
package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"maps"
	"math"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"time"

	"github.com/wenming-archive/wenming/internal/article"
	"github.com/wenming-archive/wenming/internal/extract"
	"github.com/wenming-archive/wenming/internal/extract/corpus"
)

// rootModule is the module path of the repository root.
const rootModule = "github.com/wenming-archive/wenming"

type options struct {
	corpusDir    string
	heldoutDir   string
	baseline     string
	json         bool
	verbose      bool
	saveBaseline bool
	minTime      time.Duration
	extractors   string
	dump         string
	scramble     bool
	agree        string
}

// errDropped reports that a corpus or a source fell below its baseline.
var errDropped = errors.New("a corpus or a source dropped below the baseline")

func main() {
	var o options
	flag.StringVar(&o.corpusDir, "corpus", "", "corpora `dir`, one folder with a manifest.jsonl per corpus, or one such folder (default ../shared/corpus/extract beside the repository)")
	flag.StringVar(&o.heldoutDir, "heldout", "", "the held-out corpus `dir`, added beside the corpora of -corpus unless -corpus names one corpus (default internal/extract/testdata/heldout of the repository; - for none)")
	flag.StringVar(&o.baseline, "baseline", "", "wenming's baseline `file` (default bench/extract/baseline.json)")
	flag.BoolVar(&o.json, "json", false, "print one JSON document instead of the table")
	flag.BoolVar(&o.verbose, "v", false, "add a line per page and extractor")
	flag.BoolVar(&o.saveBaseline, "save-baseline", false, "rewrite the baseline with wenming's figures from this run")
	flag.DurationVar(&o.minTime, "min-time", time.Second, "time each extractor over each corpus for at least this long (0: one pass)")
	flag.StringVar(&o.extractors, "x", "wenming,readability,trafilatura", "extractors to run, comma-separated")
	flag.StringVar(&o.dump, "dump", "", "write each extractor's body of each page to `dir`/<corpus>/<id>.<extractor>.txt, to read them side by side")
	flag.BoolVar(&o.scramble, "scramble", false, "replace every class and id name of every page with a meaningless token before any extractor sees it (pages as from a CMS no one has seen); no baseline check")
	flag.StringVar(&o.agree, "agree", "", "compare the extractors with each other on every .html/.htm page of `dir`, pages with no labels, instead of the corpora: pair body F1s, titles, days, body lengths, sorted by how far wenming is from the peers' agreement (-json, -dump and -scramble apply)")
	flag.Usage = func() {
		fmt.Fprintf(flag.CommandLine.Output(), "usage: go -C bench run ./extract [flags]\n\nExit status: 1 on an error, 2 when a corpus dropped below the baseline.\n\n")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() > 0 {
		flag.Usage()
		os.Exit(1)
	}
	w := bufio.NewWriter(os.Stdout)
	err := run(o, w, os.Stderr)
	if ferr := w.Flush(); err == nil {
		err = ferr
	}
	switch {
	case errors.Is(err, errDropped):
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(2)
	case err != nil:
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

// item is a decoded page, ready for every extractor.
type item struct {
	page corpus.Page
	src  []byte
	u    *url.URL
}

// pageResult is one extractor's result on one page.
type pageResult struct {
	Corpus    string         `json:"corpus"`
	Source    string         `json:"source"`
	ID        string         `json:"id"`
	Extractor string         `json:"extractor"`
	Verdict   corpus.Verdict `json:"verdict"`
	Panicked  bool           `json:"panicked,omitempty"`
	Err       string         `json:"error,omitempty"`
	Millis    float64        `json:"ms"` // mean time per run
	out       corpus.Output
	truth     corpus.Truth
}

func run(o options, w, progress io.Writer) error {
	xs, err := pick(o.extractors)
	if err != nil {
		return err
	}
	if o.agree != "" {
		return runAgree(o, xs, w)
	}
	if o.saveBaseline && !slices.ContainsFunc(xs, func(x extractor) bool { return x.name == "wenming" }) {
		return errors.New("-save-baseline needs wenming among -x")
	}
	if err := o.defaultPaths(); err != nil {
		return err
	}
	if isCorpus(o.corpusDir) {
		o.heldoutDir = ""
	}
	// The peers read zone-less dates in time.Local; wenming reads them in
	// China time. Make both the same on every machine.
	time.Local = article.China

	pages, names, byCorpus, err := loadItems(o.corpusDir, o.heldoutDir)
	if err != nil {
		return err
	}
	if o.scramble {
		for _, items := range byCorpus {
			for i := range items {
				items[i].src = scrambleNames(items[i].src)
			}
		}
	}
	rep := report{
		CorpusDir:  o.corpusDir,
		HeldoutDir: o.heldoutDir,
		Pages:      pages,
		Corpora:    names,
		GoVersion:  runtime.Version(),
		GOMAXPROCS: runtime.GOMAXPROCS(0),
		NumCPU:     runtime.NumCPU(),
		MinTime:    o.minTime.String(),
		Versions:   versions(),
		Baseline:   o.baseline,
	}
	for _, x := range xs {
		rep.Extractors = append(rep.Extractors, x.name)
	}
	wenming := rep.bench(xs, names, byCorpus, o.minTime, progress)
	if o.verbose {
		rep.PageResults = rep.results
	}
	if o.dump != "" {
		if err := dumpBodies(o.dump, rep.results); err != nil {
			return err
		}
	}
	if slices.Contains(rep.Extractors, "wenming") && !o.scramble {
		if err := rep.compareBaseline(wenming, o.saveBaseline); err != nil {
			return err
		}
	}

	if o.json {
		err = rep.writeJSON(w)
	} else {
		err = rep.writeTable(w, o.verbose)
	}
	if err != nil {
		return err
	}
	if !rep.Saved {
		for _, d := range rep.Deltas {
			if len(d.Dropped) > 0 {
				return errDropped
			}
		}
	}
	return nil
}

// defaultPaths fills in the corpus and baseline paths not given, from the
// repository's place beside ../shared, and makes the corpus path absolute.
func (o *options) defaultPaths() error {
	root, rootErr := repoRoot()
	if o.corpusDir == "" || o.baseline == "" {
		if rootErr != nil {
			return fmt.Errorf("%w (give -corpus and -baseline)", rootErr)
		}
	}
	if o.corpusDir == "" {
		o.corpusDir = filepath.Join(root, "..", "shared", "corpus", "extract")
	}
	if o.baseline == "" {
		o.baseline = filepath.Join(root, "bench", "extract", "baseline.json")
	}
	switch {
	case o.heldoutDir == "-":
		o.heldoutDir = ""
	case o.heldoutDir == "" && rootErr == nil:
		o.heldoutDir = filepath.Join(root, "internal", "extract", "testdata", "heldout")
	}
	if abs, err := filepath.Abs(o.corpusDir); err == nil {
		o.corpusDir = abs
	}
	return nil
}

// loadItems reads the pages of the corpora in dir (or of the one corpus
// dir is), and of the held-out corpus heldout unless dir is one corpus or
// heldout is "", and decodes them, which is not timed: how many pages,
// the corpora's names in order and each one's pages.
func loadItems(dir, heldout string) (int, []string, map[string][]item, error) {
	var pages []corpus.Page
	var err error
	if isCorpus(dir) {
		pages, err = corpus.LoadCorpus(dir) // -corpus names one corpus
	} else {
		pages, err = corpus.Load(dir)
		if err == nil && heldout != "" {
			var more []corpus.Page
			if more, err = corpus.LoadCorpus(heldout); err != nil {
				err = fmt.Errorf("held-out corpus: %w", err)
			}
			pages = append(pages, more...)
		}
	}
	if err != nil {
		return 0, nil, nil, err
	}
	var names []string
	byCorpus := map[string][]item{}
	for _, p := range pages {
		raw, err := p.Read()
		if err != nil {
			return 0, nil, nil, err
		}
		src, _, err := extract.Decode(raw, "")
		if err != nil {
			return 0, nil, nil, fmt.Errorf("decode %s: %w", p.Path, err)
		}
		if byCorpus[p.Corpus] == nil {
			names = append(names, p.Corpus)
		}
		byCorpus[p.Corpus] = append(byCorpus[p.Corpus], item{page: p, src: src, u: p.Address()})
	}
	return len(pages), names, byCorpus, nil
}

// isCorpus reports whether dir is one corpus, a folder with a
// manifest.jsonl, rather than a folder of corpora.
func isCorpus(dir string) bool {
	_, err := os.Stat(filepath.Join(dir, "manifest.jsonl"))
	return err == nil
}

// bench scores and times every extractor of xs over each corpus, adding
// the rows and the page results to rep, and returns wenming's figures
// per corpus and source.
func (rep *report) bench(xs []extractor, names []string, byCorpus map[string][]item, minTime time.Duration, progress io.Writer) map[string]CorpusFigures {
	wenming := map[string]CorpusFigures{}
	for _, c := range names {
		items := byCorpus[c]
		groups := append(sourcesOf(items), "all")
		rows := map[string][]Row{} // per group, in extractor order
		for _, x := range xs {
			fmt.Fprintf(progress, "bench: %s: %s over %d pages\n", c, x.name, len(items))
			res := score(x, items)
			perPage, passes := timePasses(x, items, minTime)
			for i := range res {
				res[i].Millis = perPage[i].Seconds() * 1000 / float64(passes)
			}
			for _, g := range groups {
				rows[g] = append(rows[g], tallyRow(c, g, x.name, items, res, perPage, passes))
			}
			if x.name == "wenming" {
				wenming[c] = lastFigures(rows, groups)
			}
			rep.results = append(rep.results, res...)
		}
		for _, g := range groups {
			rep.Rows = append(rep.Rows, rows[g]...)
		}
	}
	return wenming
}

// lastFigures gathers the figures of the last row of each group: the
// whole corpus ("all") and each of its sources.
func lastFigures(rows map[string][]Row, groups []string) CorpusFigures {
	last := func(g string) Figures { return rows[g][len(rows[g])-1].Figures }
	cf := CorpusFigures{Figures: last("all")}
	for _, g := range groups {
		if g == "all" {
			continue
		}
		if cf.Sources == nil {
			cf.Sources = map[string]Figures{}
		}
		cf.Sources[g] = last(g)
	}
	return cf
}

// compareBaseline compares wenming's figures with the baseline file's,
// and saves them as the new baseline if save.
func (rep *report) compareBaseline(wenming map[string]CorpusFigures, save bool) error {
	base, err := readBaseline(rep.Baseline)
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		return err
	}
	rep.Deltas = compare(base, wenming)
	if !save {
		return nil
	}
	// Corpora not in this run (-corpus naming one) keep theirs.
	merged := maps.Clone(base)
	if merged == nil {
		merged = map[string]CorpusFigures{}
	}
	maps.Copy(merged, wenming)
	if err := writeBaseline(rep.Baseline, merged); err != nil {
		return err
	}
	rep.Saved = true
	return nil
}

// dumpBodies writes the body each extractor gave on each page under dir,
// one file per page and extractor, the title on the first line.
func dumpBodies(dir string, results []pageResult) error {
	for _, r := range results {
		sub := filepath.Join(dir, r.Corpus)
		if err := os.MkdirAll(sub, 0o755); err != nil {
			return fmt.Errorf("dump: %w", err)
		}
		name := filepath.Join(sub, strings.ReplaceAll(r.ID, "/", "_")+"."+r.Extractor+".txt")
		if err := os.WriteFile(name, []byte(r.out.Title+"\n\n"+r.out.Body+"\n"), 0o644); err != nil {
			return fmt.Errorf("dump: %w", err)
		}
	}
	return nil
}

// pick returns the extractors named in list, in the bench's order.
func pick(list string) ([]extractor, error) {
	want := map[string]bool{}
	for _, n := range strings.Split(list, ",") {
		if n = strings.TrimSpace(n); n != "" {
			want[n] = true
		}
	}
	var xs []extractor
	for _, x := range extractors {
		if want[x.name] {
			xs = append(xs, x)
			delete(want, x.name)
		}
	}
	for n := range want {
		return nil, fmt.Errorf("-x: unknown extractor %q (wenming, readability, trafilatura)", n)
	}
	if len(xs) == 0 {
		return nil, errors.New("-x: no extractor")
	}
	return xs, nil
}

// score runs x once over items and judges each output with corpus.Judge;
// a panic or an error scores as an empty output.
func score(x extractor, items []item) []pageResult {
	res := make([]pageResult, len(items))
	for i, it := range items {
		out, panicked, err := call(x, it.src, it.u)
		r := pageResult{Corpus: it.page.Corpus, Source: it.page.Source, ID: it.page.ID, Extractor: x.name, Panicked: panicked, truth: it.page.Truth}
		if err != nil {
			r.Err = err.Error()
			out = corpus.Output{}
		}
		r.out = out
		r.Verdict = corpus.Judge(it.page, out)
		res[i] = r
	}
	return res
}

// timePasses runs x over items in whole passes on this goroutine until
// least has gone by (one pass at least) and returns the time spent on
// each page over all passes, and the passes.
func timePasses(x extractor, items []item, least time.Duration) ([]time.Duration, int) {
	perPage := make([]time.Duration, len(items))
	runtime.GC() // start clean of the garbage of the scoring pass
	passes := 0
	start := time.Now()
	for passes == 0 || time.Since(start) < least {
		for i, it := range items {
			t0 := time.Now()
			_, _, _ = call(x, it.src, it.u) // failures were counted by the scoring pass
			perPage[i] += time.Since(t0)
		}
		passes++
	}
	return perPage, passes
}

// sourcesOf returns the sources of a corpus's pages, sorted; none when
// the corpus has a single source (its "all" row says it).
func sourcesOf(items []item) []string {
	var ss []string
	for _, it := range items {
		if !slices.Contains(ss, it.page.Source) {
			ss = append(ss, it.page.Source)
		}
	}
	if len(ss) < 2 {
		return nil
	}
	slices.Sort(ss)
	return ss
}

// tallyRow sums the results of one extractor over the pages of source s
// ("all": every page) with corpus.Tally.
func tallyRow(c, s, x string, items []item, res []pageResult, perPage []time.Duration, passes int) Row {
	var t corpus.Tally
	var spent time.Duration
	row := Row{Corpus: c, Source: s, Extractor: x}
	for i, r := range res {
		if s != "all" && items[i].page.Source != s {
			continue
		}
		t.Add(r.Verdict)
		spent += perPage[i]
		switch {
		case r.Panicked:
			row.Panics++
		case r.Err != "":
			row.Errors++
		}
	}
	row.Figures = figures(t)
	if spent > 0 {
		row.PagesPerSec = math.Round(float64(t.Pages*passes)/spent.Seconds()*10) / 10
	}
	return row
}

// repoRoot finds the repository root, the directory whose go.mod declares
// rootModule: above the working directory (go -C bench run), else above
// this source file.
func repoRoot() (string, error) {
	var starts []string
	if wd, err := os.Getwd(); err == nil {
		starts = append(starts, wd)
	}
	if _, file, _, ok := runtime.Caller(0); ok && filepath.IsAbs(file) {
		starts = append(starts, filepath.Dir(file))
	}
	for _, dir := range starts {
		for {
			if isRoot(filepath.Join(dir, "go.mod")) {
				return dir, nil
			}
			parent := filepath.Dir(dir)
			if parent == dir {
				break
			}
			dir = parent
		}
	}
	return "", fmt.Errorf("no go.mod of module %s above the working directory", rootModule)
}

func isRoot(gomod string) bool {
	b, err := os.ReadFile(gomod)
	if err != nil {
		return false
	}
	for _, line := range strings.Split(string(b), "\n") {
		if f := strings.Fields(line); len(f) == 2 && f[0] == "module" {
			return strings.Trim(f[1], `"`) == rootModule
		}
	}
	return false
}

// runAgree is the -agree mode: the extractors compared with each other
// on a folder of unlabelled pages.
func runAgree(o options, xs []extractor, w io.Writer) error {
	if o.saveBaseline {
		return errors.New("-save-baseline: no baseline in -agree mode")
	}
	pages, err := agree(o.agree, xs, o.scramble)
	if err != nil {
		return err
	}
	if o.dump != "" {
		if err := dumpAgree(o.dump, pages); err != nil {
			return err
		}
	}
	if o.json {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(pages)
	}
	return writeAgree(w, o.agree, pages)
}
