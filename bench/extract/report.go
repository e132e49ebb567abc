package main

import (
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"os"
	"runtime/debug"
	"slices"
	"strings"

	"github.com/wenming-archive/wenming/internal/extract/corpus"
)

// inputNote says what every extractor is given.
const inputNote = `every extractor gets the same UTF-8 bytes, made by wenming's decoder extract.Decode(raw, ""), and the page URL; ` +
	`readability and trafilatura parse them with golang.org/x/net/html`

// peers are the modules compared with wenming.
var peers = []string{"codeberg.org/readeck/go-readability/v2", "github.com/markusmobius/go-trafilatura"}

// Figures are an extractor's scores over a set of pages, from a
// corpus.Tally, rounded to four decimals.
type Figures struct {
	Pages        int     `json:"pages"`
	BodyPages    int     `json:"body_pages"` // with a full body truth
	Precision    float64 `json:"precision"`
	Recall       float64 `json:"recall"`
	F1           float64 `json:"f1"`
	PrefixPages  int     `json:"prefix_pages"` // whose truth is the body's start
	PrefixRecall float64 `json:"prefix_recall"`
	Titles       int     `json:"titles"`
	TitlesRight  int     `json:"titles_right"`
	Dates        int     `json:"dates"`
	DatesRight   int     `json:"dates_right"`
	Authors      int     `json:"authors"`
	AuthorsRight int     `json:"authors_right"`
	Origins      int     `json:"origins,omitempty"` // credited sources (来源) recorded
	OriginsRight int     `json:"origins_right,omitempty"`
}

func figures(t corpus.Tally) Figures {
	p, r, f := t.Body()
	return Figures{
		Pages: t.Pages, BodyPages: t.BodyPages,
		Precision: round4(p), Recall: round4(r), F1: round4(f),
		PrefixPages: t.PrefixPages, PrefixRecall: round4(t.PrefixRecall()),
		Titles: t.Titles, TitlesRight: t.TitlesRight,
		Dates: t.Dates, DatesRight: t.DatesRight,
		Authors: t.Authors, AuthorsRight: t.AuthorsRight,
		Origins: t.Origins, OriginsRight: t.OriginsRight,
	}
}

func round4(x float64) float64 { return math.Round(x*1e4) / 1e4 }

// Row is one line of the table: an extractor over a source of a corpus,
// or over all of it.
type Row struct {
	Corpus    string `json:"corpus"`
	Source    string `json:"source"` // "all": the whole corpus
	Extractor string `json:"extractor"`
	Figures
	PagesPerSec float64 `json:"pages_per_sec"` // one goroutine
	Panics      int     `json:"panics"`        // scored as empty outputs
	Errors      int     `json:"errors"`        // scored as empty outputs
}

// CorpusFigures are wenming's figures over a whole corpus and over each
// of its sources (none when the corpus has a single source).
type CorpusFigures struct {
	Figures
	Sources map[string]Figures `json:"sources,omitempty"`
}

// Delta is wenming's change on a corpus, or on one source of it, against
// the baseline.
type Delta struct {
	Corpus  string   `json:"corpus"`
	Source  string   `json:"source"`             // "all": the whole corpus
	Base    *Figures `json:"baseline,omitempty"` // nil: no baseline figures yet
	Now     *Figures `json:"now,omitempty"`      // nil: not in this run
	Dropped []string `json:"dropped,omitempty"`
}

type report struct {
	CorpusDir   string            `json:"corpus_dir"`
	HeldoutDir  string            `json:"heldout_dir,omitempty"` // the held-out corpus, added to those of CorpusDir
	Pages       int               `json:"pages"`
	Corpora     []string          `json:"corpora"`
	Extractors  []string          `json:"extractors"`
	Input       string            `json:"input"`
	GoVersion   string            `json:"go_version"`
	GOMAXPROCS  int               `json:"gomaxprocs"`
	NumCPU      int               `json:"num_cpu"`
	MinTime     string            `json:"min_time"`
	Versions    map[string]string `json:"versions"`
	Rows        []Row             `json:"rows"`
	Baseline    string            `json:"baseline_file"`
	Saved       bool              `json:"baseline_saved"`
	Deltas      []Delta           `json:"baseline_deltas,omitempty"`
	PageResults []pageResult      `json:"page_results,omitempty"` // -v
	results     []pageResult
}

// versions returns the peers' module versions as built.
func versions() map[string]string {
	v := map[string]string{}
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return v
	}
	for _, d := range bi.Deps {
		if slices.Contains(peers, d.Path) {
			v[d.Path] = d.Version
		}
	}
	return v
}

func (r *report) writeJSON(w io.Writer) error {
	r.Input = inputNote
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(r)
}

func (r *report) writeTable(w io.Writer, verbose bool) error {
	var peerVers []string
	for _, p := range peers {
		peerVers = append(peerVers, p+" "+cmp.Or(r.Versions[p], "(version unknown)"))
	}
	from := r.CorpusDir
	if r.HeldoutDir != "" {
		from += " and " + r.HeldoutDir
	}
	fmt.Fprintf(w, "extraction bench: %d pages in %d corpora (%s) from %s\n", r.Pages, len(r.Corpora), strings.Join(r.Corpora, ", "), from)
	fmt.Fprintf(w, "input:  %s\n", inputNote)
	fmt.Fprintf(w, "peers:  %s (trafilatura with its fallback on, as its command line runs)\n", strings.Join(peerVers, ", "))
	fmt.Fprintf(w, "speed:  pages/s on one goroutine, HTML parse included, decode excluded, passes of >= %s per extractor and corpus; %s, GOMAXPROCS %d, %d CPUs\n",
		r.MinTime, r.GoVersion, r.GOMAXPROCS, r.NumCPU)
	fmt.Fprintf(w, "scores: internal/extract/corpus; P R F1: character 4-grams, macro over pages with a full body truth; prefixR: recall where the truth is the body's start\n\n")

	if verbose {
		r.writePages(w)
	}

	fmt.Fprintf(w, "%-12s %-22s %-11s %5s %6s %6s %6s %7s %7s %7s %7s %7s %8s  %s\n",
		"corpus", "source", "extractor", "pages", "P", "R", "F1", "prefixR", "titles", "dates", "authors", "origins", "pages/s", "failures")
	for i, row := range r.Rows {
		if i > 0 && row.Corpus != r.Rows[i-1].Corpus {
			fmt.Fprintln(w)
		}
		body := fmt.Sprintf("%6.3f %6.3f %6.3f", row.Precision, row.Recall, row.F1)
		if row.BodyPages == 0 {
			body = fmt.Sprintf("%6s %6s %6s", "-", "-", "-")
		}
		pre := "-"
		if row.PrefixPages > 0 {
			pre = fmt.Sprintf("%.3f", row.PrefixRecall)
		}
		var failed []string
		if row.Panics > 0 {
			failed = append(failed, plural(row.Panics, "panic"))
		}
		if row.Errors > 0 {
			failed = append(failed, plural(row.Errors, "error"))
		}
		line := fmt.Sprintf("%-12s %-22s %-11s %5d %s %7s %7s %7s %7s %7s %8.1f  %s",
			row.Corpus, row.Source, row.Extractor, row.Pages, body, pre,
			frac(row.TitlesRight, row.Titles), frac(row.DatesRight, row.Dates), frac(row.AuthorsRight, row.Authors),
			frac(row.OriginsRight, row.Origins), row.PagesPerSec, strings.Join(failed, ", "))
		fmt.Fprintln(w, strings.TrimRight(line, " "))
	}

	r.writeFailures(w)
	r.writeSlowest(w)
	r.writeDeltas(w)
	return nil
}

// writePages prints a line per page and extractor, with what was missed.
func (r *report) writePages(w io.Writer) {
	res := slices.Clone(r.results)
	order := func(x string) int { return slices.Index(r.Extractors, x) }
	slices.SortStableFunc(res, func(a, b pageResult) int {
		return cmp.Or(cmp.Compare(slices.Index(r.Corpora, a.Corpus), slices.Index(r.Corpora, b.Corpus)),
			cmp.Compare(a.ID, b.ID), cmp.Compare(order(a.Extractor), order(b.Extractor)))
	})
	for _, p := range res {
		v := p.Verdict
		var notes []string
		if p.Err != "" {
			notes = append(notes, firstLine(p.Err))
		}
		if v.TitleScored && !v.TitleRight {
			notes = append(notes, fmt.Sprintf("title %q want %q", p.out.Title, p.truth.Title))
		}
		if v.DateScored && !v.DateRight {
			got := "none"
			if !p.out.Published.IsZero() {
				got = p.out.Published.Format("2006-01-02 15:04 -0700")
			}
			notes = append(notes, fmt.Sprintf("date %s want %s", got, p.truth.Date))
		}
		if v.AuthorScored && !v.AuthorRight {
			notes = append(notes, fmt.Sprintf("author %q want %q", p.out.Author, p.truth.Author))
		}
		if v.OriginScored && !v.OriginRight {
			notes = append(notes, fmt.Sprintf("origin %q want %q", p.out.Origin, p.truth.Origin))
		}
		body := "                         "
		if v.BodyScored {
			body = fmt.Sprintf("P %.3f R %.3f F1 %.3f", v.Precision, v.Recall, v.F1)
		}
		line := fmt.Sprintf("%-12s %-40s %-11s %s %8.1f ms  %s", p.Corpus, corpus.ShortID(p.ID), p.Extractor, body, p.Millis, strings.Join(notes, "; "))
		fmt.Fprintln(w, strings.TrimRight(line, " "))
	}
	fmt.Fprintln(w)
}

// writeFailures lists the pages on which a peer panicked or failed.
func (r *report) writeFailures(w io.Writer) {
	var lines []string
	for _, p := range r.results {
		switch {
		case p.Panicked:
			lines = append(lines, fmt.Sprintf("  %-11s %-12s %-40s %s", p.Extractor, p.Corpus, corpus.ShortID(p.ID), firstLine(p.Err)))
		case p.Err != "":
			lines = append(lines, fmt.Sprintf("  %-11s %-12s %-40s error: %s", p.Extractor, p.Corpus, corpus.ShortID(p.ID), firstLine(p.Err)))
		}
	}
	if len(lines) == 0 {
		return
	}
	fmt.Fprintf(w, "\nfailed pages (scored as empty outputs):\n%s\n", strings.Join(lines, "\n"))
}

// writeSlowest names each extractor's three slowest pages.
func (r *report) writeSlowest(w io.Writer) {
	fmt.Fprintf(w, "\nslowest pages (mean per run):\n")
	for _, x := range r.Extractors {
		var res []pageResult
		for _, p := range r.results {
			if p.Extractor == x {
				res = append(res, p)
			}
		}
		slices.SortFunc(res, func(a, b pageResult) int { return cmp.Compare(b.Millis, a.Millis) })
		var s []string
		for _, p := range res[:min(3, len(res))] {
			s = append(s, fmt.Sprintf("%s/%s %.0f ms", p.Corpus, corpus.ShortID(p.ID), p.Millis))
		}
		fmt.Fprintf(w, "  %-11s %s\n", x, strings.Join(s, ", "))
	}
}

func (r *report) writeDeltas(w io.Writer) {
	if len(r.Deltas) == 0 {
		return
	}
	fmt.Fprintf(w, "\nwenming against the baseline %s%s:\n", r.Baseline, map[bool]string{true: " (now rewritten from this run)"}[r.Saved])
	fmt.Fprintf(w, "%-12s %-22s %5s %8s %8s %8s %8s %7s %7s %8s %8s  %s\n", "corpus", "source", "pages", "ΔP", "ΔR", "ΔF1", "ΔprefixR", "Δtitles", "Δdates", "Δauthors", "Δorigins", "status")
	for _, d := range r.Deltas {
		switch {
		case d.Base == nil:
			fmt.Fprintf(w, "%-12s %-22s %5d  no baseline figures yet (-save-baseline writes them)\n", d.Corpus, d.Source, d.Now.Pages)
			continue
		case d.Now == nil:
			fmt.Fprintf(w, "%-12s %-22s %5s  not in this run\n", d.Corpus, d.Source, "-")
			continue
		}
		b, n := d.Base, d.Now
		fl := func(has bool, x, y float64) string {
			if !has {
				return "-"
			}
			return fmt.Sprintf("%+.4f", y-x)
		}
		body := b.BodyPages > 0 || n.BodyPages > 0
		status := "ok"
		if len(d.Dropped) > 0 {
			status = "DROPPED: " + strings.Join(d.Dropped, ", ")
		}
		if b.Pages != n.Pages {
			status += fmt.Sprintf(" (pages changed: %d in the baseline)", b.Pages)
		}
		fmt.Fprintf(w, "%-12s %-22s %5d %8s %8s %8s %8s %7s %7s %8s %8s  %s\n", d.Corpus, d.Source, n.Pages,
			fl(body, b.Precision, n.Precision), fl(body, b.Recall, n.Recall), fl(body, b.F1, n.F1),
			fl(b.PrefixPages > 0 || n.PrefixPages > 0, b.PrefixRecall, n.PrefixRecall),
			fmt.Sprintf("%+d", n.TitlesRight-b.TitlesRight), fmt.Sprintf("%+d", n.DatesRight-b.DatesRight),
			fmt.Sprintf("%+d", n.AuthorsRight-b.AuthorsRight), fmt.Sprintf("%+d", n.OriginsRight-b.OriginsRight), status)
	}
}

// baselineFile is the layout of baseline.json.
type baselineFile struct {
	Note    string                   `json:"note"`
	Corpora map[string]CorpusFigures `json:"corpora"`
}

const baselineNote = "wenming's figures per corpus and per source, written by `go -C bench run ./extract -save-baseline`; " +
	"the bench flags a corpus or a source whose body F1 or prefix recall fall more than 0.0001 below them, or whose titles, dates, authors or origins (credited sources) right fall"

// floatNoise is how far a rounded body figure may fall before the bench
// calls it a drop: one unit of the fourth decimal the figures keep.
const floatNoise = 0.0001

func readBaseline(path string) (map[string]CorpusFigures, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("baseline: %w", err)
	}
	var f baselineFile
	if err := json.Unmarshal(b, &f); err != nil {
		return nil, fmt.Errorf("baseline %s: %w", path, err)
	}
	return f.Corpora, nil
}

func writeBaseline(path string, now map[string]CorpusFigures) error {
	b, err := json.MarshalIndent(baselineFile{Note: baselineNote, Corpora: now}, "", "  ")
	if err != nil {
		return err
	}
	if err := os.WriteFile(path, append(b, '\n'), 0o644); err != nil {
		return fmt.Errorf("baseline: %w", err)
	}
	return nil
}

// compare sets wenming's figures of this run against the baseline, corpus
// by corpus, each corpus's sources after its whole.
func compare(base, now map[string]CorpusFigures) []Delta {
	var ds []Delta
	for _, c := range unionKeys(base, now) {
		b, inBase := base[c]
		n, inNow := now[c]
		ds = append(ds, delta(c, "all", b.Figures, inBase, n.Figures, inNow))
		for _, s := range unionKeys(b.Sources, n.Sources) {
			bs, inBase := b.Sources[s]
			ns, inNow := n.Sources[s]
			ds = append(ds, delta(c, s, bs, inBase, ns, inNow))
		}
	}
	return ds
}

// delta is the change from b to n of the figures of one corpus or source;
// inBase and inNow say whether each side has them.
func delta(c, s string, b Figures, inBase bool, n Figures, inNow bool) Delta {
	d := Delta{Corpus: c, Source: s}
	if inBase {
		d.Base = &b
	}
	if inNow {
		d.Now = &n
	}
	if inBase && inNow {
		d.Dropped = drops(b, n)
	}
	return d
}

// unionKeys returns the keys of a and b, sorted.
func unionKeys[V any](a, b map[string]V) []string {
	var ks []string
	for k := range a {
		ks = append(ks, k)
	}
	for k := range b {
		if _, ok := a[k]; !ok {
			ks = append(ks, k)
		}
	}
	slices.Sort(ks)
	return ks
}

// drops names the figures of n below those of b: body F1 and recall of
// the body start by more than floatNoise, titles, dates, authors and
// credited sources right.
func drops(b, n Figures) []string {
	var s []string
	if b.BodyPages > 0 && fell(b.F1, n.F1) {
		s = append(s, fmt.Sprintf("body F1 %.4f → %.4f", b.F1, n.F1))
	}
	if b.PrefixPages > 0 && fell(b.PrefixRecall, n.PrefixRecall) {
		s = append(s, fmt.Sprintf("prefix recall %.4f → %.4f", b.PrefixRecall, n.PrefixRecall))
	}
	if n.TitlesRight < b.TitlesRight {
		s = append(s, fmt.Sprintf("titles %d → %d", b.TitlesRight, n.TitlesRight))
	}
	if n.DatesRight < b.DatesRight {
		s = append(s, fmt.Sprintf("dates %d → %d", b.DatesRight, n.DatesRight))
	}
	if n.AuthorsRight < b.AuthorsRight {
		s = append(s, fmt.Sprintf("authors %d → %d", b.AuthorsRight, n.AuthorsRight))
	}
	if n.OriginsRight < b.OriginsRight {
		s = append(s, fmt.Sprintf("origins %d → %d", b.OriginsRight, n.OriginsRight))
	}
	return s
}

// fell reports whether a rounded figure fell from was to now by more
// than floatNoise (with room for the binary form of the decimals).
func fell(was, now float64) bool {
	return was-now > floatNoise+1e-9
}

func frac(a, b int) string {
	if b == 0 {
		return "-"
	}
	return fmt.Sprintf("%d/%d", a, b)
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

func firstLine(s string) string {
	s, _, _ = strings.Cut(s, "\n")
	if len(s) > 120 {
		s = s[:120] + "…"
	}
	return s
}
