// Package check verifies an archive directory — the records, the search
// index, the capture pointers of the records and the WARC files with
// their CDXJ index — and repairs what can be repaired without loss.
//
// What it checks, and what fixes each finding:
//
//   - the records (articles.db): bbolt's own consistency check and the
//     store's (every record decodes, aliases and titles agree). Damage
//     here cannot be repaired from inside the archive: restore the file
//     from a backup.
//   - the search index: that it opens and answers (index.Probe), that it
//     holds one document per record, that a sample of records is found
//     in it with the same title, and that no import left it pending.
//     Repair rebuilds it from the records.
//   - every capture pointer of a record (WARC file, offset, length): the
//     record there is a complete response or revisit of the article's URL
//     whose digest matches. A pointer past the complete records of a
//     file of the archive's own WARC directory lost its bytes to an OS
//     crash or power cut: Repair removes it and marks the article for
//     the next crawl to fetch again (article.Article.CaptureLost). Repair
//     drops the other pointers that lead nowhere only when asked
//     (DropBadCaptures): the article text stays, the link to the raw
//     capture goes.
//   - the WARC files against index.cdxj: every file ends with a complete
//     record and the index lists exactly their captures. Repair cuts torn
//     tails (incomplete records a killed run left) and rebuilds the index
//     from the files (warc.Repair).
package check

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math"
	"path/filepath"
	"slices"
	"strings"

	"github.com/wenming-archive/wenming/index"
	"github.com/wenming-archive/wenming/internal/archive"
	"github.com/wenming-archive/wenming/internal/article"
	"github.com/wenming-archive/wenming/internal/crawl"
	"github.com/wenming-archive/wenming/internal/warc"
)

// Parts of an archive, the Part of a Problem.
const (
	PartStore    = "records"
	PartIndex    = "index"
	PartCaptures = "captures"
	PartWARC     = "warc"
)

// Problem is one thing found wrong.
type Problem struct {
	Part string `json:"part"`
	What string `json:"what"`
	Fix  string `json:"fix"`
	// Examples are a few of the items concerned, when there are many.
	Examples []string `json:"examples,omitempty"`
	// Repairable: Repair fixes it without loss (with DropBadCaptures for
	// capture pointers).
	Repairable bool `json:"repairable"`
}

// Report is what Run found (after repair, when repairing) and did.
type Report struct {
	Data      string    `json:"data"`
	Records   int       `json:"records"`
	Documents int       `json:"documents"`
	Captures  int       `json:"captures"` // records with a capture pointer
	WARCFiles int       `json:"warc_files"`
	CDXJLines int       `json:"cdxj_lines"`
	Problems  []Problem `json:"problems"`
	Repaired  []string  `json:"repaired"`
}

// OK reports whether nothing is wrong.
func (r *Report) OK() bool { return len(r.Problems) == 0 }

// Options of Run.
type Options struct {
	Data string // archive directory
	// WARC says where the archive's WARC files are: those of WARC.Dir are
	// checked (and repaired), and a capture's file is looked for there,
	// then in WARC.Read (the other workers' when the records are in
	// PostgreSQL; see config warc.read_dirs).
	WARC archive.WARCDirs
	// Sample is the number of records looked up in the index (0: 200).
	Sample int
	Repair bool
	// DropBadCaptures lets Repair remove capture pointers that lead to no
	// valid record (the article stays, without its raw capture).
	DropBadCaptures bool
	// Store, when set, is the DSN of the PostgreSQL database that keeps
	// the records (package pgstore): they are checked there, the search
	// index in Data is this reader's own (its absence is no problem).
	Store  string
	Logger *slog.Logger

	warcDirs []string // WARC.Paths(Data): the first is the archive's own
}

// maxExamples bounds the items listed per problem.
const maxExamples = 10

// Run checks the archive and, with Repair, repairs what it can and checks
// again. The error is for a check that could not run (no archive, in use
// by another process); what is wrong with the archive is in the report.
func Run(ctx context.Context, o Options) (*Report, error) {
	o.warcDirs = o.WARC.Paths(o.Data)
	if o.Sample <= 0 {
		o.Sample = 200
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	if err := o.files().Exists(); err != nil {
		return nil, err
	}
	rep, ptrs, err := inspect(ctx, o)
	if err != nil || !o.Repair {
		return rep, err
	}
	repaired, err := repair(ctx, o, rep, ptrs)
	if err != nil {
		return rep, err
	}
	if len(repaired) == 0 {
		return rep, nil
	}
	again, _, err := inspect(ctx, o)
	if err != nil {
		return rep, err
	}
	again.Repaired = repaired
	return again, nil
}

// inspect checks everything, and says which records' capture pointers
// lead nowhere.
func inspect(ctx context.Context, o Options) (*Report, badPointers, error) {
	rep := &Report{Data: o.Data, Problems: []Problem{}, Repaired: []string{}}
	st, err := o.files().Records(ctx, false)
	if archive.RecordsBusy(err) {
		return nil, badPointers{}, err
	}
	var bad badPointers
	if err != nil {
		rep.Problems = append(rep.Problems, storeProblem(err))
	} else {
		defer st.Close()
		if err := st.Check(); err != nil {
			rep.Problems = append(rep.Problems, storeProblem(err))
		}
		if n, err := st.Len(); err == nil {
			rep.Records = n
		}
		checkIndex(ctx, o, st, rep)
		bad = checkCaptures(o, st, rep)
	}
	checkWARC(o, rep)
	return rep, bad, ctx.Err()
}

func storeProblem(err error) Problem {
	p := Problem{Part: PartStore, What: "the records are damaged",
		Fix: "restore the records (" + archive.ArticlesFile + ", or the PostgreSQL database of store:) from a backup, then run \"wenming reindex\" (the index and the WARC files are checked against them)"}
	lines := strings.Split(err.Error(), "\n")
	if len(lines) > 1 {
		p.What = fmt.Sprintf("the records are damaged (%d problems)", len(lines))
	}
	p.Examples = lines[:min(len(lines), maxExamples)]
	return p
}

const indexFix = "\"wenming check --repair\" (or \"wenming reindex\") rebuilds the index from the records"

func checkIndex(ctx context.Context, o Options, st archive.Records, rep *Report) {
	files := o.files()
	problem := func(what string, examples ...string) {
		rep.Problems = append(rep.Problems, Problem{Part: PartIndex, What: what, Fix: indexFix, Examples: examples, Repairable: true})
	}
	ix, err := files.Index()
	if errors.Is(err, archive.ErrNoIndex) {
		if rep.Records > 0 && o.Store == "" {
			problem("there is no search index")
		}
		return
	}
	if errors.Is(err, index.ErrDamaged) {
		problem("the search index is damaged", strings.Split(err.Error(), "\n")...)
		return
	}
	if err != nil {
		problem("the search index does not open", err.Error())
		return
	}
	defer ix.Close()
	if err := ix.Probe(ctx); err != nil {
		problem("the search index is damaged", err.Error())
		return
	}
	if err := ix.VerifySegments(); err != nil {
		problem("the search index is damaged", strings.Split(err.Error(), "\n")...)
		return
	}
	if files.IndexPending() {
		problem("an import was interrupted before its records were all indexed")
	}
	n, err := ix.Count()
	if err != nil {
		problem("the search index does not count its documents", err.Error())
		return
	}
	rep.Documents = int(n)
	if cl, ok := st.(archive.ChangeLog); ok {
		// A reader's index follows the records' changes: one that has
		// not caught up yet (search and serve do) differs rightly.
		behind, err := archive.IndexBehind(ctx, cl, ix)
		if err != nil {
			problem("the search index cannot be compared with the records", err.Error())
			return
		}
		if behind {
			return
		}
	}
	if int(n) != rep.Records {
		problem(fmt.Sprintf("the search index holds %d documents for %d records", n, rep.Records))
	}
	// A sample spread over the archive: found, under the right title.
	every := max(1, rep.Records/o.Sample)
	var sample []*article.Article
	i := 0
	_ = st.ForEach(func(a *article.Article) error {
		if i%every == 0 {
			sample = append(sample, a)
		}
		i++
		return nil
	})
	ids := make([]string, len(sample))
	for i, a := range sample {
		ids[i] = a.URL
	}
	docs, err := ix.Get(ctx, ids...)
	if err != nil {
		problem("the search index is damaged", err.Error())
		return
	}
	var wrong []string
	for _, a := range sample {
		d, ok := docs[a.URL]
		switch {
		case !ok:
			wrong = append(wrong, a.URL+": not in the index")
		case d.Title != a.Title || d.URL != a.URL:
			wrong = append(wrong, fmt.Sprintf("%s: the index has title %q, the record %q", a.URL, d.Title, a.Title))
		}
	}
	if len(wrong) > 0 {
		problem(fmt.Sprintf("%d of %d sampled records are missing from the index or differ there", len(wrong), len(sample)), wrong[:min(len(wrong), maxExamples)]...)
	}
}

// badPointers are the records whose capture pointer leads nowhere valid.
type badPointers struct {
	// lost point past the complete records of a file of the archive's own
	// WARC directory: bytes an OS crash or power cut took. Repair clears
	// them and marks the records CaptureLost, for the crawl to fetch the
	// pages again.
	lost []string
	// bad lead nowhere else (a damaged record, a missing file, another
	// worker's file): Repair removes them only when asked
	// (DropBadCaptures).
	bad []string
}

// checkCaptures reads the WARC record of every capture pointer and
// returns the records whose pointer leads nowhere valid.
func checkCaptures(o Options, st archive.Records, rep *Report) badPointers {
	var bad, lost, examples, lostExamples []string
	whole := map[string]int64{} // the complete length of the own files read
	pastWhole := func(file string, end int64) bool {
		n, ok := whole[file]
		if !ok {
			var err error
			if n, err = warc.WholeLength(filepath.Join(o.warcDirs[0], file)); err != nil {
				n = math.MaxInt64
			}
			whole[file] = n
		}
		return end > n
	}
	err := st.ForEach(func(a *article.Article) error {
		if a.Capture == nil {
			return nil
		}
		rep.Captures++
		c := a.Capture
		dir, file, found := warc.FindFile(o.warcDirs, c.File)
		if dir == "" {
			dir = o.warcDirs[0]
		}
		got, err := warc.ReadCapture(dir, file, c.Offset, c.Length)
		if err != nil && found && dir == o.warcDirs[0] && pastWhole(file, c.Offset+c.Length) {
			lost = append(lost, a.URL)
			if len(lostExamples) < maxExamples {
				lostExamples = append(lostExamples, fmt.Sprintf("%s: %v", a.URL, err))
			}
			return nil
		}
		if err == nil && !sameArticle(a, got.URL) {
			err = fmt.Errorf("the record there is of %s", got.URL)
		}
		if err != nil {
			bad = append(bad, a.URL)
			if len(examples) < maxExamples {
				examples = append(examples, fmt.Sprintf("%s: %v", a.URL, err))
			}
		}
		return nil
	})
	if err != nil {
		rep.Problems = append(rep.Problems, storeProblem(err))
	}
	if len(bad) > 0 {
		rep.Problems = append(rep.Problems, Problem{Part: PartCaptures,
			What:       fmt.Sprintf("%d of %d capture pointers lead to no valid WARC record", len(bad), rep.Captures),
			Fix:        "restore the WARC files from a backup; or \"wenming check --repair --drop-bad-captures\" removes those pointers (the articles stay, without their raw capture)",
			Examples:   examples,
			Repairable: o.DropBadCaptures,
		})
	}
	if len(lost) > 0 {
		rep.Problems = append(rep.Problems, Problem{Part: PartCaptures,
			What:       fmt.Sprintf("%d of %d capture pointers lead past the complete records of the archive's WARC files (bytes an OS crash or power cut took)", len(lost), rep.Captures),
			Fix:        "\"wenming check --repair\" removes those pointers and marks their articles for the next crawl to fetch again",
			Examples:   lostExamples,
			Repairable: true,
		})
	}
	return badPointers{lost: lost, bad: bad}
}

// sameArticle reports whether a capture of url is one of a: its URL, one
// of its aliases, or an address that canonicalizes to one (the crawler
// keeps the URL it fetched, before canonicalization).
func sameArticle(a *article.Article, url string) bool {
	if url == a.URL || slices.Contains(a.Aliases, url) {
		return true
	}
	c, err := crawl.Canonicalize(url)
	return err == nil && (c == a.URL || slices.Contains(a.Aliases, c))
}

func checkWARC(o Options, rep *Report) {
	ic, err := warc.VerifyIndex(o.warcDirs[0])
	if err != nil {
		rep.Problems = append(rep.Problems, Problem{Part: PartWARC, What: "the WARC directory cannot be read", Examples: []string{err.Error()}, Fix: "check the permissions of " + o.warcDirs[0]})
		return
	}
	rep.WARCFiles, rep.CDXJLines = ic.Files, ic.Lines
	fix, repairable := "\"wenming check --repair\" cuts incomplete records off the ends of the WARC files and rebuilds index.cdxj from them", true
	if len(ic.Damaged) > 0 {
		// warc.Repair will not cut a file with valid records after the
		// damage, nor index the directory while such a file is there.
		fix, repairable = "restore the damaged WARC files (listed) from a backup, then run \"wenming check --repair\"", false
	}
	add := func(what string, items []string) {
		if len(items) > 0 {
			rep.Problems = append(rep.Problems, Problem{Part: PartWARC, What: fmt.Sprintf(what, len(items)), Fix: fix, Examples: items[:min(len(items), maxExamples)], Repairable: repairable})
		}
	}
	add("%d WARC files end with an incomplete record (a stopped run)", ic.Torn)
	if len(ic.Damaged) > 0 {
		rep.Problems = append(rep.Problems, Problem{Part: PartWARC, What: fmt.Sprintf("%d WARC files hold a damaged record followed by valid ones", len(ic.Damaged)),
			Fix: "restore those files from a backup (the records after the damage are still served; the damaged one is lost)", Examples: ic.Damaged[:min(len(ic.Damaged), maxExamples)]})
	}
	add("%d WARC files were left unfinished by a stopped run", ic.Leftovers)
	add("%d captures in the WARC files are missing from index.cdxj", ic.Missing)
	add("%d lines of index.cdxj match no WARC record", ic.Extra)
}

// files are the archive's files as they are: a check must see what is
// wrong before anything mends it on open.
func (o Options) files() archive.AsIs {
	return archive.AsIs{Data: o.Data, Store: o.Store, Log: o.Logger}
}

// repair fixes the repairable problems of rep and says what it did.
func repair(ctx context.Context, o Options, rep *Report, ptrs badPointers) ([]string, error) {
	bad := ptrs.bad
	if !o.DropBadCaptures {
		bad = nil
	}
	parts := map[string]bool{}
	for _, p := range rep.Problems {
		if p.Repairable {
			parts[p.Part] = true
		}
	}
	if len(parts) == 0 {
		return nil, nil
	}
	var done []string
	if parts[PartWARC] {
		ar, err := warc.Repair(o.warcDirs[0])
		if err != nil {
			return done, fmt.Errorf("repair the WARC files: %w", err)
		}
		msg := fmt.Sprintf("rebuilt index.cdxj from %d WARC files (%d captures)", len(ar.Files), ar.Indexed)
		if cut := ar.Cut(); cut > 0 {
			msg += fmt.Sprintf("; cut %d bytes of incomplete records off their ends", cut)
		}
		done = append(done, msg)
	}
	if !parts[PartIndex] && !(parts[PartCaptures] && len(bad)+len(ptrs.lost) > 0) {
		return done, nil
	}
	st, err := o.files().Records(ctx, true)
	if err != nil {
		return done, err
	}
	defer st.Close()
	if parts[PartCaptures] && len(bad) > 0 {
		for _, u := range bad {
			a, err := st.Get(u)
			if err != nil {
				return done, err
			}
			a.Capture = nil
			if _, err := st.Put(a); err != nil {
				return done, err
			}
		}
		done = append(done, fmt.Sprintf("removed %d capture pointers that led to no valid WARC record", len(bad)))
	}
	if parts[PartCaptures] && len(ptrs.lost) > 0 {
		for _, u := range ptrs.lost {
			a, err := st.Get(u)
			if err != nil {
				return done, err
			}
			a.Capture, a.CaptureLost = nil, true
			if _, err := st.Put(a); err != nil {
				return done, err
			}
		}
		done = append(done, fmt.Sprintf("removed %d capture pointers past the complete records of the WARC files; the next crawl fetches their pages again", len(ptrs.lost)))
	}
	if parts[PartIndex] {
		n, err := o.files().RebuildIndex(ctx, st)
		if err != nil {
			return done, fmt.Errorf("rebuild the index: %w", err)
		}
		done = append(done, fmt.Sprintf("rebuilt the search index from the records (%d articles)", n))
	}
	for _, d := range done {
		o.Logger.Info("repaired", "what", d)
	}
	return done, nil
}
