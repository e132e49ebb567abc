package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"time"

	"github.com/wenming-archive/wenming/internal/archive"
	"github.com/wenming-archive/wenming/internal/article"
	"github.com/wenming-archive/wenming/internal/config"
	"github.com/wenming-archive/wenming/internal/export"
	"github.com/wenming-archive/wenming/internal/warc"
)

const importSynopsis = `import [--data DIR] FILE.jsonl

Loads the records of a JSONL export ("wenming export", - for standard
input) into the archive, creating it if needed, and indexes them: search
then finds them as it did in the archive they came from. Importing a file
again adds nothing twice (view counts and aliases are merged); a record
older than the archive's own for the same URL is left out. A record's
aliases (its other URLs) are restored; a record whose URL the archive
holds as an alias, or whose article it holds under another URL of the
same site, adds its view counts to that record ("aliased"), unless its
URL is of the preferred form (a desktop page over a mobile mirror's, a
static address over a dynamic one): it then takes the record over, the
other URLs becoming its aliases ("moved"). Capture
locations are kept only where the archive holds the WARC file they point
into.

Every record is checked before it is stored: url and aliases must be
http(s) URLs with a host, every time (fetched_at, published,
view_history[].at, capture.time) within 1990–2100, view counts not
negative. A bad line is reported on standard error as FILE:LINE: field:
why and left out, and so is a line longer than 64 MB (FILE:LINE: line
longer than 67108864 bytes); the other lines are imported, and the command then
exits with status 1 naming how many lines were left out: fix them and
import the file again (the good lines are not imported twice).`

// importMemoryLimit is the Go runtime's soft memory limit during an
// import (unless GOMEMLIMIT sets one). Storing a record near the line limit
// holds it about four times at once (the record, encoding/json's buffer,
// the encoded value, bbolt's page), and the garbage collector would let
// the heap grow to twice that before collecting: a 63 MB line peaked at
// 510 MB. The limit makes it collect sooner (265 MB). An ordinary import
// stays far below it and never meets it.
const importMemoryLimit = 128 << 20

func runImportCmd(ctx context.Context, g *globals, args []string) error {
	fs := g.flagSet("import")
	file, err := g.parseOne(fs, args, importSynopsis, "one file, e.g. wenming import articles.jsonl --data DIR")
	if err != nil {
		return err
	}
	cfg, err := g.loadConfig()
	if err != nil {
		return err
	}
	data := cfg.Data
	in, name, err := openImportInput(file)
	if err != nil {
		return err
	}
	defer in.Close()
	// Another file given by mistake (a CSV or WARC export) is told at once,
	// before an archive is made for it.
	head := bufio.NewReaderSize(in, 64<<10)
	if err := looksLikeJSONL(head); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}

	if os.Getenv("GOMEMLIMIT") == "" {
		prev := debug.SetMemoryLimit(importMemoryLimit)
		defer debug.SetMemoryLimit(prev)
	}

	log, err := g.logger()
	if err != nil {
		return err
	}
	// Shared with readers in other processes while the import runs.
	held, err := archive.OpenAppend(ctx, data, archive.HoldOptions{What: "import", Logger: log, Index: true, Shards: cfg.Index.Shards, WARC: warcDirs(cfg)})
	if err != nil {
		return err
	}
	defer held.Close()
	st, ix := held.Store, held.Index
	ixPath := archive.IndexPath(data)
	// Records are stored before they are indexed: a kill in between must
	// not leave them unsearchable. The marker makes the next open of the
	// index index them; it goes once every stored record is indexed.
	if err := archive.MarkIndexPending(ixPath, "import of "+name); err != nil {
		return err
	}

	prog := newProgress(g)
	start := time.Now()
	wdir := held.WARCPath()
	// The writer batches by count and by bytes of text and keeps no
	// article, so memory stays that of one batch and one record.
	w := ix.NewWriter()
	size, counted := inputSize(in), &warc.Counter{R: head}
	rep, err := export.Import(ctx, bufio.NewReaderSize(counted, 1<<20), st, export.ImportOptions{
		KeepCapture: func(c *article.Capture) bool {
			_, err := os.Stat(filepath.Join(wdir, filepath.Base(c.File)))
			return err == nil
		},
		Stored: func(a *article.Article) error {
			return w.Add(archive.Document(a))
		},
		Folded: func(urls []string) error {
			for _, u := range urls {
				if err := w.Delete(u); err != nil {
					return err
				}
			}
			return nil
		},
		Progress: func(n int) { prog.importing(n, counted.N(), size) },
		BadLine: func(le *export.LineError) {
			prog.clear()
			fmt.Fprintf(g.stderr, "%s:%d: %v\n", name, le.Line, le.Err)
		},
	})
	// What was stored is indexed, even when a bad line stopped the import.
	ferr := w.Flush()
	if ferr == nil && ctx.Err() == nil {
		ferr = archive.ClearIndexPending(ixPath)
	}
	if err == nil {
		err = ferr
	}
	indexed := w.Written()
	prog.finish()
	if err != nil {
		var le *export.LineError
		if errors.As(err, &le) {
			return fmt.Errorf("%s:%d: %w (the %d records before it are imported; fix the line and run again)", name, le.Line, le.Err, rep.Records)
		}
		return err
	}
	err = printImport(g, rep, name, data, indexed, time.Since(start))
	if err == nil && rep.Bad > 0 {
		err = fmt.Errorf("%s: %d bad lines left out (listed above); the other %d records are imported: fix those lines and import the file again", name, rep.Bad, rep.Records)
	}
	return err
}

// importing shows the records imported and, when the input's size is
// known (a file, not a pipe), how far through it the import has read.
func (p *progress) importing(n int, read, size int64) {
	if !p.on || n%100 != 0 {
		return
	}
	line := fmt.Sprintf("importing: %d records", n)
	if size > 0 {
		line += p.sampleWith("import", read, size-read, func(pc *pace, now time.Time) string {
			return fmt.Sprintf(" · %s of %s read (%.0f%%)", config.Size(read), config.Size(size), percent(read, size)) + pc.etaText(now)
		})
	}
	p.bar.Describe(line)
	_ = p.bar.Add(0)
}

// inputSize is the size of a regular file to import; 0 for a pipe or
// standard input, whose end is not known.
func inputSize(in io.Reader) int64 {
	f, ok := in.(*os.File)
	if !ok {
		return 0
	}
	fi, err := f.Stat()
	if err != nil || !fi.Mode().IsRegular() {
		return 0
	}
	return fi.Size()
}

// printImport reports an import, as text or JSON.
func printImport(g *globals, rep export.ImportReport, name, data string, indexed int, took time.Duration) error {
	if g.json {
		return writeJSON(g.stdout, map[string]any{
			"data": data, "records": rep.Records, "new": rep.New, "updated": rep.Updated,
			"unchanged": rep.Unchanged, "aliased": rep.Aliased, "moved": rep.Moved, "older": rep.Older, "indexed": indexed,
			"bad_lines": rep.Bad, "seconds": took.Seconds(),
		})
	}
	fmt.Fprintf(g.stdout, "imported %d records from %s into %s in %s\n", rep.Records, name, data, humanDuration(took))
	fmt.Fprintf(g.stdout, "  %d new · %d updated · %d unchanged · %d aliased (archived under another URL) · %d older than the archive's (left out) · %d indexed\n",
		rep.New, rep.Updated, rep.Unchanged, rep.Aliased, rep.Older, indexed)
	if rep.Moved > 0 {
		fmt.Fprintf(g.stdout, "  %d took the record of the same article from a mobile or dynamic URL (now their aliases)\n", rep.Moved)
	}
	if rep.Bad > 0 {
		fmt.Fprintf(g.stdout, "  %d bad lines left out\n", rep.Bad)
	}
	return nil
}

// looksLikeJSONL reports, from the first bytes r holds, a file that is
// no JSON Lines export: compressed, or whose first line does not open a
// JSON object. An empty file passes (it imports nothing).
func looksLikeJSONL(r *bufio.Reader) error {
	b, _ := r.Peek(4096) // what there is, at most that much
	if bytes.HasPrefix(b, []byte{0x1f, 0x8b}) {
		return errors.New("gzip-compressed (a WARC file?), not a JSONL export: import takes what \"wenming export --format jsonl\" writes (gunzip a compressed export first)")
	}
	b = bytes.TrimLeft(bytes.TrimPrefix(b, []byte("\uFEFF")), " \t\r\n")
	if len(b) > 0 && b[0] != '{' {
		first, _, _ := bytes.Cut(b, []byte("\n"))
		line := []rune(strings.TrimRight(string(first), "\r"))
		if len(line) > 40 {
			line = append(line[:40], '…')
		}
		return fmt.Errorf("not a JSONL export: its first line (%q) is no JSON object; import takes what \"wenming export --format jsonl\" writes", string(line))
	}
	return nil
}

// openImportInput opens the file to import ("-": standard input) and
// names it for messages.
func openImportInput(file string) (io.ReadCloser, string, error) {
	if file == "-" {
		return io.NopCloser(os.Stdin), "standard input", nil
	}
	f, err := os.Open(file)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, "", fmt.Errorf("%s: no such file; give a file \"wenming export\" wrote (- reads standard input)", file)
	}
	if err != nil {
		return nil, "", err // "open FILE: why"
	}
	return f, file, nil
}
