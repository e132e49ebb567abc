package main

import (
	"bufio"
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/wenming-archive/wenming/index"
	"github.com/wenming-archive/wenming/internal/archive"
	"github.com/wenming-archive/wenming/internal/article"
	"github.com/wenming-archive/wenming/internal/atomicfile"
	"github.com/wenming-archive/wenming/internal/export"
	"github.com/wenming-archive/wenming/internal/store"
)

type exportOptions struct {
	format, out               string
	noBOM, force              bool
	query, site, since, until string
	index                     string // opensearch: the index name
	splitMB                   int    // opensearch: the bound of a bulk file, MiB
	images                    string // warc, wacz: copy the articles' image captures: "yes", "no", "" (as crawl.capture_images)
	copyImages                bool   // images decided, with the config
	attachments               string // warc, wacz: copy the articles' attachment captures: "yes", "no", "" (as crawl.capture_attachments)
	copyAttachments           bool   // attachments decided, with the config
}

const exportSynopsis = `export [--format jsonl|csv|markdown|warc|wacz|opensearch] [-o FILE|DIR|-] [filters]

Writes archived articles out. Formats:
  jsonl     one JSON object per line: url, site, site_name, level, lineage,
            column, title, published (RFC 3339, +08:00), published_precision
            (day|minute), views (number or null), source, author, editor, body,
            fetched_at, view_history, capture (and removed, past_removals for
            an article removed at the source); "wenming import" reads it back
  csv       a header row and a row per article (lineage as "A > B > C"),
            UTF-8 with a byte order mark so that Excel reads the Chinese
            (--no-bom leaves it out)
  markdown  a file per article with YAML front matter, in folders by site
            lineage and year; -o names the directory to create
  warc      the articles' WARC captures copied into one new WARC file
            (-o FILE.warc.gz), with its CDXJ index beside it (FILE.cdxj);
            --images yes copies the captures of their images too (the
            default when the config's crawl.capture_images is on), and
            --attachments yes those of their attachments (the default when
            crawl.capture_attachments is on)
  wacz      the same captures as a WACZ 1.1.1 package (-o FILE.wacz) that
            ReplayWeb.page opens: the WARC, its CDXJ index, a page per
            article (url, capture time, title and body, which its search
            reads) and datapackage.json with every file's sha256
  opensearch for an OpenSearch or Elasticsearch cluster (-o DIR): the index
            template (template.json, for PUT _index_template/NAME), whose
            analysis keeps wenming's exact matching for match_phrase on
            title and body, and the _bulk API's NDJSON (bulk-00001.ndjson
            …, each at most --split-mb MiB, 90 unless told: the clusters
            refuse a request over 100 MB); --index names the index
            (wenming); the curl commands that load it are printed

Filters (none: every article): --query in the search language (e.g.
'志愿服务 site:河北文明网 year:2023 -通知'), --site, --since, --until.
-o - (the default for jsonl and csv) writes to standard output. An -o that
exists is refused unless --force is given. A failed export leaves no
partial file behind.

A stored record with a field that would not pass "wenming import" (from an
archive made before records were checked: a time outside 1990–2100, a
negative view count …) is exported anyway, with a warning on standard
error naming its URL and field; a time out of range is left out (null in
jsonl and markdown, an empty csv field). The summary counts the warnings.`

func runExportCmd(ctx context.Context, g *globals, args []string) error {
	var o exportOptions
	fs := g.flagSet("export")
	fs.StringVar(&o.format, "format", "jsonl", formatList())
	fs.StringVar(&o.out, "o", "", "output file (directory for markdown and opensearch); - is standard output (default - for jsonl and csv)")
	fs.StringVar(&o.index, "index", "", "opensearch: the index name the bulk lines and the template use (default "+export.DefaultOpenSearchIndex+")")
	fs.IntVar(&o.splitMB, "split-mb", 0, fmt.Sprintf("opensearch: the largest bulk file, in MiB (1 to %d; default %d)", export.MaxBulkBytes>>20, export.DefaultBulkBytes>>20))
	fs.BoolVar(&o.noBOM, "no-bom", false, "csv: leave out the UTF-8 byte order mark")
	fs.BoolVar(&o.force, "force", false, "replace -o (and a warc export's index beside it) if it exists")
	fs.StringVar(&o.images, "images", "", "warc, wacz: copy the captures of the articles' images too, yes or no (default: yes when the config's crawl.capture_images is on)")
	fs.StringVar(&o.attachments, "attachments", "", "warc, wacz: copy the captures of the articles' attachments too, yes or no (default: yes when the config's crawl.capture_attachments is on)")
	fs.StringVar(&o.query, "query", "", "only articles this search query finds (the search language)")
	fs.StringVar(&o.site, "site", "", "only articles of this site or its descendants (name, host or homepage URL)")
	fs.StringVar(&o.since, "since", "", "only articles published on or after this date (2023-03-22, 2023-03 or 2023: its first day)")
	fs.StringVar(&o.until, "until", "", "only articles published before this date (2023-03-22, 2023-03 or 2023: its first day)")
	pos, err := g.parse(fs, args, exportSynopsis)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usageError{fmt.Errorf("unexpected argument %q; filter with --query %q (see --help)", pos[0], strings.Join(pos, " "))}
	}
	if err := o.check(); err != nil {
		return err
	}
	q, filtered, err := o.indexQuery()
	if err != nil {
		return err
	}
	cfg, log, err := g.configOfArchive()
	if err != nil {
		return err
	}
	o.copyImages = o.images == "yes" || o.images == "" && cfg.Crawl.CaptureImages
	o.copyAttachments = o.attachments == "yes" || o.attachments == "" && cfg.Crawl.CaptureAttachments
	data := cfg.Data
	// Read-only: a backup on a read-only mount exports as well; an
	// archive a crawl holds is read through it.
	// Records in PostgreSQL (store:) are read from there, a filter's
	// search from this reader's index in data, brought up to date first.
	v, err := archive.OpenView(ctx, data, archive.ReadOptions{Index: filtered, Store: cfg.Store, Shards: cfg.Index.Shards, WARC: warcDirs(cfg), Logger: log})
	if err != nil {
		return err
	}
	defer v.Close()
	for _, n := range heldNote(v) {
		fmt.Fprintf(g.stderr, "note: %s\n", n)
	}

	prog := newProgress(g)
	finished := false
	finish := func() {
		if !finished {
			finished = true
			prog.finish()
		}
	}
	defer finish()
	var src export.Source
	var stale int
	if filtered {
		src = hitSource(ctx, v, q, &stale, prog, func(n string) {
			prog.clear()
			fmt.Fprintf(g.stderr, "note: %s\n", n)
		})
	} else {
		total, err := v.Len()
		if err != nil {
			return err
		}
		src = countSource(v.ForEach, total, prog)
	}

	start := time.Now()
	sum := exportSummary{Format: o.format, Output: o.out}
	src = export.Checked(src, func(w export.Warning) {
		sum.Warnings++
		prog.clear()
		fmt.Fprintf(g.stderr, "warning: %s\n", w)
	})
	err = o.write(ctx, g, src, v.WARCPaths(), &sum)
	finish()
	if err != nil {
		return err
	}
	sum.Stale, sum.Seconds = stale, time.Since(start).Seconds()
	return sum.print(g)
}

// write writes the articles of src in the format asked for, and notes in
// sum what it wrote.
//
// warcs are the directories of the captures: the archive's own, then
// those of the other workers sharing its records (warc.read_dirs).
func (o *exportOptions) write(ctx context.Context, g *globals, src export.Source, warcs []string, sum *exportSummary) (err error) {
	switch o.format {
	case "jsonl":
		return writeOutput(g, o.out, func(w io.Writer) (err error) {
			sum.Articles, err = export.JSONL(ctx, w, src)
			return err
		})
	case "csv":
		return writeOutput(g, o.out, func(w io.Writer) (err error) {
			sum.Articles, err = export.CSV(ctx, w, src, export.CSVOptions{NoBOM: o.noBOM})
			return err
		})
	case "markdown":
		return writeDirAtomic(o.out, o.force, func(dir string) (err error) {
			sum.Articles, err = export.Markdown(ctx, dir, src)
			return err
		})
	case "opensearch":
		return writeDirAtomic(o.out, o.force, func(dir string) error {
			rep, err := export.OpenSearch(ctx, dir, src, export.OpenSearchOptions{Index: o.index, MaxFileBytes: int64(o.splitMB) << 20})
			sum.Articles, sum.HashedIDs = rep.Articles, rep.HashedIDs
			sum.OpenSearchIndex = cmp.Or(o.index, export.DefaultOpenSearchIndex)
			sum.SplitBytes = cmp.Or(int64(o.splitMB)<<20, export.DefaultBulkBytes)
			if rep.Template != "" {
				sum.Template = filepath.Join(o.out, rep.Template)
			}
			for _, f := range rep.Bulk {
				sum.Bulk = append(sum.Bulk, filepath.Join(o.out, f))
			}
			return err
		})
	case "wacz":
		for _, left := range []string{"wenming-wacz-pages-", "wenming-wacz-cdxj-"} {
			removeStaleTemps(filepath.Dir(o.out), left, "") // left by a killed export
		}
		return writeFileAtomic(o.out, func(f *os.File) error {
			w := bufio.NewWriterSize(f, 1<<20)
			rep, err := export.WACZ(ctx, w, src, export.WACZOptions{
				WARCOptions: export.WARCOptions{Dir: warcs[0], ReadDirs: warcs[1:], TempDir: filepath.Dir(o.out), Software: "wenming export (github.com/wenming-archive/wenming)", Images: o.copyImages, Attachments: o.copyAttachments},
				Title:       "wenming archive: " + filepath.Base(o.out),
			})
			sum.copied(rep)
			if err != nil {
				return err
			}
			return w.Flush()
		})
	case "warc":
		rep, err := exportWARC(ctx, o.out, warcs, src, export.WARCOptions{Images: o.copyImages, Attachments: o.copyAttachments})
		sum.copied(rep)
		sum.Index = cdxjPath(o.out)
		return err
	}
	return fmt.Errorf("unknown format %q", o.format)
}

// exportFormats are the formats export writes, as --format names them.
func exportFormats() []string {
	return []string{"jsonl", "csv", "markdown", "warc", "wacz", "opensearch"}
}

// formatList is exportFormats for people: "jsonl, csv, … or opensearch".
func formatList() string {
	f := exportFormats()
	return strings.Join(f[:len(f)-1], ", ") + " or " + f[len(f)-1]
}

// check validates the format and where it goes.
func (o *exportOptions) check() error {
	switch o.format {
	case "jsonl", "csv":
		if o.out == "" {
			o.out = "-"
		}
	case "markdown", "opensearch":
		if o.out == "" || o.out == "-" {
			return usageError{fmt.Errorf("--format %s writes a directory: give it with -o DIR", o.format)}
		}
	case "warc":
		if o.out == "" || o.out == "-" {
			return usageError{errors.New("--format warc writes a file and its index beside it: give it with -o FILE.warc.gz")}
		}
	case "wacz":
		if o.out == "" || o.out == "-" {
			return usageError{errors.New("--format wacz writes a zip file: give it with -o FILE.wacz")}
		}
	default:
		return usageError{fmt.Errorf("--format %q: want %s", o.format, formatList())}
	}
	switch {
	case o.images != "" && o.images != "yes" && o.images != "no":
		return usageError{fmt.Errorf("--images %q: want yes or no", o.images)}
	case o.images != "" && o.format != "warc" && o.format != "wacz":
		return usageError{errors.New("--images is for --format warc and wacz")}
	case o.attachments != "" && o.attachments != "yes" && o.attachments != "no":
		return usageError{fmt.Errorf("--attachments %q: want yes or no", o.attachments)}
	case o.attachments != "" && o.format != "warc" && o.format != "wacz":
		return usageError{errors.New("--attachments is for --format warc and wacz")}
	}
	if o.noBOM && o.format != "csv" {
		return usageError{errors.New("--no-bom is for --format csv")}
	}
	if (o.index != "" || o.splitMB != 0) && o.format != "opensearch" {
		return usageError{errors.New("--index and --split-mb are for --format opensearch")}
	}
	if o.index != "" {
		if err := export.CheckIndexName(o.index); err != nil {
			return usageError{fmt.Errorf("--index: %w", err)}
		}
	}
	if o.splitMB < 0 || o.splitMB > export.MaxBulkBytes>>20 {
		return usageError{fmt.Errorf("--split-mb %d: want 1 to %d (the clusters refuse a request over 100 MB)", o.splitMB, export.MaxBulkBytes>>20)}
	}
	dirFormat := o.format == "markdown" || o.format == "opensearch"
	if o.out != "-" {
		fi, err := os.Stat(o.out)
		if err == nil && fi.IsDir() && !dirFormat {
			return usageError{fmt.Errorf("-o %s is a directory; give a file name", o.out)}
		}
		// One rule for every format: nothing is overwritten unless asked
		// (an empty directory for markdown holds nothing to lose).
		if err == nil && !o.force && !(fi.IsDir() && isEmptyDir(o.out)) {
			return usageError{fmt.Errorf("-o %s exists and is not empty; give another name, or --force to replace it", o.out)}
		}
		if o.format == "warc" && !o.force {
			if _, err := os.Stat(cdxjPath(o.out)); err == nil {
				return usageError{fmt.Errorf("%s (the index written beside -o %s) exists; give another name, or --force to replace it", cdxjPath(o.out), o.out)}
			}
		}
		// A file is written beside its name and renamed: its directory
		// must be there (a directory format makes its own).
		if dir := filepath.Dir(o.out); !dirFormat {
			if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
				return fmt.Errorf("-o %s: there is no directory %s to write it in; create it first", o.out, dir)
			}
		}
	}
	return nil
}

// indexQuery maps the filters onto an index query; filtered is false when
// there is none.
func (o *exportOptions) indexQuery() (q index.Query, filtered bool, err error) {
	if o.query == "" && o.site == "" && o.since == "" && o.until == "" {
		return q, false, nil
	}
	if q, err = index.ParseQuery(o.query); err != nil {
		return q, false, usageError{fmt.Errorf("--query: %w", err)}
	}
	q.Site = strings.TrimSpace(o.site)
	if err := narrowDates(&q, o.since, o.until); err != nil {
		return q, false, err
	}
	// Export reads every hit's record itself: snippets, made from bodies
	// the index would read for each page, would go unused.
	q.Sort, q.Size, q.NoSnippets = "published", exportPage, true
	return q, true, nil
}

// exportPage is the number of hits read from the index at a time.
const exportPage = 500

// hitSource walks the hits of q page by page (cursor paging: the same cost
// on every page) and reads each article from the store. Hits whose record
// is gone (an index behind the store) are counted in stale. The search's
// notes on the query (a site: that names no site) go to note.
func hitSource(ctx context.Context, v *archive.View, q index.Query, stale *int, prog *progress, note func(string)) export.Source {
	return func(fn func(*article.Article) error) error {
		done := 0
		for {
			res, err := v.Search(ctx, q)
			if err != nil {
				return err
			}
			if q.After == nil {
				for _, n := range res.Notes {
					note(n.String())
				}
			}
			for _, h := range res.Hits {
				a, err := v.Get(h.ID)
				if errors.Is(err, store.ErrNotFound) {
					*stale++
					continue
				}
				if err != nil {
					return err
				}
				if err := fn(a); err != nil {
					return err
				}
				done++
				prog.export(done, int(res.Total))
			}
			if res.Next == nil {
				return nil
			}
			q.After = res.Next
		}
	}
}

// countSource reports progress while walking src.
func countSource(src export.Source, total int, prog *progress) export.Source {
	return func(fn func(*article.Article) error) error {
		done := 0
		return src(func(a *article.Article) error {
			if err := fn(a); err != nil {
				return err
			}
			done++
			prog.export(done, total)
			return nil
		})
	}
}

func (p *progress) export(done, total int) {
	if !p.on || (done%100 != 0 && done != total) {
		return
	}
	p.bar.Describe("exporting: " + p.sample("export", "articles", int64(done), int64(total-done)))
	_ = p.bar.Add(0)
}

// writeOutput runs write on standard output (out "-") or on a file
// written beside out and renamed onto it once complete.
func writeOutput(g *globals, out string, write func(io.Writer) error) error {
	if out == "-" {
		w := bufio.NewWriterSize(g.stdout, 1<<16)
		if err := write(w); err != nil {
			return err
		}
		return w.Flush()
	}
	return writeFileAtomic(out, func(f *os.File) error {
		w := bufio.NewWriterSize(f, 1<<16)
		if err := write(w); err != nil {
			return err
		}
		return w.Flush()
	})
}

// writeFileAtomic writes path whole or not at all (see atomicfile.Write),
// removing first what a killed export left beside it.
func writeFileAtomic(path string, write func(*os.File) error) error {
	removeStaleTemps(filepath.Dir(path), "."+filepath.Base(path)+".", ".tmp")
	if err := atomicfile.Write(path, write); err != nil {
		return fmt.Errorf("export to %s: %w", path, err)
	}
	return nil
}

// staleTempAge is how long a temporary file of an export must have been
// left unchanged before another export removes it: a running export writes
// its file all the time, one that was killed leaves it behind.
const staleTempAge = time.Minute

// isEmptyDir reports whether dir is a directory with nothing in it.
func isEmptyDir(dir string) bool {
	entries, err := os.ReadDir(dir)
	return err == nil && len(entries) == 0
}

// removeStaleTemps removes from dir the temporary files (or directories)
// that an export killed midway left there: names prefix + digits + suffix,
// as os.CreateTemp and os.MkdirTemp make them for writeFileAtomic,
// writeDirAtomic ("." NAME "." NNN ".tmp") and the WARC export's index
// sort ("wenming-cdxj-run-" NNN), not modified for staleTempAge. Nothing
// else is touched; failures are ignored (the export goes on).
func removeStaleTemps(dir, prefix, suffix string) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		name := e.Name()
		mid, ok := strings.CutPrefix(name, prefix)
		if !ok {
			continue
		}
		if mid, ok = strings.CutSuffix(mid, suffix); !ok || mid == "" || strings.Trim(mid, "0123456789") != "" {
			continue
		}
		fi, err := e.Info()
		if err != nil || time.Since(fi.ModTime()) < staleTempAge {
			continue
		}
		os.RemoveAll(filepath.Join(dir, name))
	}
}

// writeDirAtomic fills a temporary directory beside dir and renames it to
// dir, which must not exist or be empty.
func writeDirAtomic(dir string, force bool, write func(string) error) error {
	dir = filepath.Clean(dir)
	if fi, err := os.Stat(dir); err == nil {
		if !fi.IsDir() {
			return usageError{fmt.Errorf("-o %s is a file; give a directory", dir)}
		}
		entries, err := os.ReadDir(dir)
		if err != nil {
			return fmt.Errorf("export: %w", err)
		}
		if len(entries) > 0 && !force {
			return usageError{fmt.Errorf("-o %s is not empty; give a new directory, or --force to replace it", dir)}
		}
	}
	if err := os.MkdirAll(filepath.Dir(dir), 0o755); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	removeStaleTemps(filepath.Dir(dir), "."+filepath.Base(dir)+".", ".tmp")
	tmp, err := os.MkdirTemp(filepath.Dir(dir), "."+filepath.Base(dir)+".*.tmp")
	if err != nil {
		return fmt.Errorf("export: %w", err)
	}
	defer os.RemoveAll(tmp)
	if err := os.Chmod(tmp, 0o755); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	if err := write(tmp); err != nil {
		return fmt.Errorf("export to %s: %w", dir, atomicfile.NameTemp(err, tmp, dir))
	}
	os.Remove(dir) // an empty directory given as -o
	var old string
	if _, err := os.Stat(dir); err == nil && force {
		// Replaced: the old one is moved aside first and removed once the
		// new one is in place.
		old = fmt.Sprintf("%s.old-%d", dir, time.Now().UnixNano())
		if err := os.Rename(dir, old); err != nil {
			return fmt.Errorf("export: replace %s: %w", dir, err)
		}
	}
	if err := os.Rename(tmp, dir); err != nil {
		return fmt.Errorf("export: %w", atomicfile.NameTemp(err, tmp, dir))
	}
	if old != "" {
		os.RemoveAll(old)
	}
	return nil
}

// cdxjPath is the CDXJ index beside a WARC file: x.warc.gz → x.cdxj.
func cdxjPath(warcPath string) string {
	base := warcPath
	for _, ext := range []string{".gz", ".warc"} {
		base = strings.TrimSuffix(base, ext)
	}
	return base + ".cdxj"
}

// exportWARC writes the WARC file and its CDXJ index, each through a
// temporary file, copying the captures copies asks for (its Images and
// Attachments).
func exportWARC(ctx context.Context, out string, dirs []string, src export.Source, copies export.WARCOptions) (export.WARCReport, error) {
	var rep export.WARCReport
	idx := cdxjPath(out)
	if idx == out {
		return rep, usageError{fmt.Errorf("-o %s: want a name ending in .warc.gz", out)}
	}
	removeStaleTemps(filepath.Dir(out), "wenming-cdxj-run-", "")
	err := writeFileAtomic(idx, func(cdxj *os.File) error {
		return writeFileAtomic(out, func(f *os.File) error {
			w := bufio.NewWriterSize(f, 1<<20)
			var err error
			rep, err = export.WARC(ctx, w, cdxj, src, export.WARCOptions{
				Dir: dirs[0], ReadDirs: dirs[1:], Name: filepath.Base(out), TempDir: filepath.Dir(out),
				Software: "wenming export (github.com/wenming-archive/wenming)", Images: copies.Images, Attachments: copies.Attachments,
			})
			if err != nil {
				return err
			}
			return w.Flush()
		})
	})
	return rep, err
}

// exportSummary is what an export reports (to stdout with --json, else
// one line to stderr).
type exportSummary struct {
	Format     string `json:"format"`
	Output     string `json:"output"`
	Index      string `json:"index,omitempty"`
	Articles   int    `json:"articles"`
	Stale      int    `json:"stale_hits,omitempty"`
	NoCapture  int    `json:"no_capture,omitempty"`
	Originals  int    `json:"originals,omitempty"`
	Unresolved int    `json:"unresolved_revisits,omitempty"`
	Images     int    `json:"images,omitempty"` // image captures copied with the articles (warc, wacz)
	// Attachments are the attachment captures copied with the articles
	// (warc, wacz).
	Attachments int     `json:"attachments,omitempty"`
	Warnings    int     `json:"warnings,omitempty"` // fields of stored records that fail validation
	Seconds     float64 `json:"seconds"`

	// opensearch: the index, its template and the bulk files, in order
	OpenSearchIndex string   `json:"opensearch_index,omitempty"`
	Template        string   `json:"template,omitempty"`
	Bulk            []string `json:"bulk_files,omitempty"`
	SplitBytes      int64    `json:"split_bytes,omitempty"`
	HashedIDs       int      `json:"hashed_ids,omitempty"` // URLs over 512 bytes, given a hashed _id
}

// copied takes what a warc or wacz export copied from its report.
func (s *exportSummary) copied(rep export.WARCReport) {
	s.Articles, s.NoCapture, s.Originals, s.Unresolved = rep.Articles, rep.NoCapture, rep.Originals, rep.Unresolved
	s.Images, s.Attachments = rep.Images, rep.Attachments
}

func (s exportSummary) print(g *globals) error {
	if g.json {
		if s.Output == "-" {
			return nil // standard output holds the export itself
		}
		return writeJSON(g.stdout, s)
	}
	to := s.Output
	if to == "-" {
		to = "standard output"
	}
	fmt.Fprintf(g.stderr, "exported %d articles (%s) to %s", s.Articles, s.Format, to)
	if s.Index != "" {
		fmt.Fprintf(g.stderr, " + %s", s.Index)
	}
	fmt.Fprintln(g.stderr)
	if s.Originals > 0 {
		fmt.Fprintf(g.stderr, "  with %d earlier responses that revisit records refer to\n", s.Originals)
	}
	if s.Images > 0 {
		fmt.Fprintf(g.stderr, "  with %d captures of the articles' images\n", s.Images)
	}
	if s.Attachments > 0 {
		fmt.Fprintf(g.stderr, "  with %d captures of the articles' attachments\n", s.Attachments)
	}
	if s.NoCapture > 0 {
		fmt.Fprintf(g.stderr, "  %d articles have no WARC capture in the archive and are not in the file\n", s.NoCapture)
	}
	if s.Unresolved > 0 {
		fmt.Fprintf(g.stderr, "  %d revisit records refer to a response not found in the archive\n", s.Unresolved)
	}
	if s.Warnings > 0 {
		fmt.Fprintf(g.stderr, "  %d warnings: fields of stored records that fail validation (listed above; out-of-range times left out)\n", s.Warnings)
	}
	if s.Stale > 0 {
		fmt.Fprintf(g.stderr, "  %d index hits had no record (run \"wenming reindex\")\n", s.Stale)
	}
	if s.Format == "opensearch" {
		s.printOpenSearch(g)
	}
	return nil
}

// printOpenSearch tells how to load an OpenSearch export: the template
// first, so that the index the first bulk request creates takes it.
func (s exportSummary) printOpenSearch(g *globals) {
	if s.HashedIDs > 0 {
		fmt.Fprintf(g.stderr, "  %d URLs are longer than %d bytes: their documents' _id is sha256:HASH of the URL (the url field holds it)\n", s.HashedIDs, export.MaxDocIDBytes)
	}
	if len(s.Bulk) == 0 {
		return
	}
	files := filepath.Base(s.Bulk[0])
	if n := len(s.Bulk); n > 1 {
		files = fmt.Sprintf("%d files of at most %d MiB, %s … %s", n, s.SplitBytes>>20, files, filepath.Base(s.Bulk[n-1]))
	}
	fmt.Fprintf(g.stderr, "  index template %s, bulk %s\n", s.Template, files)
	fmt.Fprintf(g.stderr, "load them (your cluster's URL; -u USER:PASSWORD, --cacert FILE as it needs):\n")
	const cluster = "http://localhost:9200"
	fmt.Fprintf(g.stderr, "  curl -XPUT '%s/_index_template/%s' -H 'Content-Type: application/json' --data-binary @%s\n",
		cluster, s.OpenSearchIndex, shellQuote(s.Template))
	fmt.Fprintf(g.stderr, "  for f in %s/bulk-*.ndjson; do curl -XPOST '%s/_bulk?filter_path=errors,items.*.error' -H 'Content-Type: application/x-ndjson' --data-binary \"@$f\"; echo; done\n",
		shellQuote(filepath.Dir(s.Bulk[0])), cluster)
}

// shellQuote quotes s for a POSIX shell, unless it needs none.
func shellQuote(s string) string {
	if s != "" && strings.Trim(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_./-+:=@%,") == "" {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
