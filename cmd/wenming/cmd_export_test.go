package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/wenming-archive/wenming/index"
	"github.com/wenming-archive/wenming/internal/archive"
	"github.com/wenming-archive/wenming/internal/article"
	"github.com/wenming-archive/wenming/internal/config"
	"github.com/wenming-archive/wenming/internal/export"
	"github.com/wenming-archive/wenming/internal/pipeline"
	"github.com/wenming-archive/wenming/internal/pipeline/pipelinetest"
	"github.com/wenming-archive/wenming/internal/runs"
	"github.com/wenming-archive/wenming/internal/sitesim"
)

// simArchive crawls a small simulation into t.TempDir().
func simArchive(t *testing.T, articles int) string {
	t.Helper()
	data, _ := simArchiveWith(t, articles, nil)
	return data
}

// simArchiveWith is simArchive with the crawl's config changed by edit
// (when not nil); it returns the crawl's report too.
func simArchiveWith(t *testing.T, articles int, edit func(*config.Config)) (string, pipeline.Report) {
	t.Helper()
	data := filepath.Join(t.TempDir(), "archive")
	rep := pipelinetest.Crawl(t, sitesim.New(sitesim.Options{Seed: 11, Articles: articles}), data, edit)
	return data, rep
}

// hitIDs runs query (the search language) on the archive's index and
// returns the IDs of every hit, in order, paging with the cursor.
func hitIDs(t *testing.T, data, query string) []string {
	t.Helper()
	ix, err := index.Open(archive.IndexPath(data))
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	q, err := index.ParseQuery(query)
	if err != nil {
		t.Fatal(err)
	}
	q.Size = 7
	var ids []string
	for {
		res, err := ix.Search(context.Background(), q)
		if err != nil {
			t.Fatal(err)
		}
		for _, h := range res.Hits {
			ids = append(ids, h.ID)
		}
		if res.Next == nil {
			return ids
		}
		q.After = res.Next
	}
}

// exportedURLs reads the url of each line of a JSONL export.
func exportedURLs(t *testing.T, path string) []string {
	t.Helper()
	var urls []string
	for _, r := range jsonLines[struct{ URL string }](t, readFile(t, path)) {
		urls = append(urls, r.URL)
	}
	return urls
}

func TestExportImportSameSearch(t *testing.T) {
	src := simArchive(t, 150)
	dir := t.TempDir()
	file := filepath.Join(dir, "all.jsonl")
	wenmingOK(t, "export", "--data", src, "-o", file)
	dst := filepath.Join(t.TempDir(), "new-archive")
	out := wenmingOK(t, "import", file, "--data", dst)
	t.Log(strings.TrimSpace(out))
	queries := []string{"文明", "志愿服务", "文明 -通知", `"新时代文明实践"`, "site:河北文明网", "level:county year:2023",
		"title:文明 OR title:志愿", "since:2020 until:2023-06"}
	nonEmpty := 0
	for _, q := range queries {
		want, got := hitIDs(t, src, q), hitIDs(t, dst, q)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: %d hits after import, %d before\n got %.5v\nwant %.5v", q, len(got), len(want), got, want)
		}
		if len(want) > 0 {
			nonEmpty++
		}
	}
	if nonEmpty < 4 {
		t.Errorf("only %d of the queries find anything: the test proves little", nonEmpty)
	}
	// Importing again adds nothing; a second export is the same.
	wenmingOK(t, "import", file, "--data", dst, "--json")
	again := filepath.Join(dir, "again.jsonl")
	wenmingOK(t, "export", "--data", dst, "-o", again)
	// The same records, but for the capture locations: the new archive has
	// no WARC files for them to point into.
	if a, b := withoutCaptures(t, file), withoutCaptures(t, again); !bytes.Equal(a, b) {
		t.Errorf("export → import → export differs (%d vs %d bytes)", len(a), len(b))
	}
	if !reflect.DeepEqual(hitIDs(t, dst, "文明"), hitIDs(t, src, "文明")) {
		t.Error("re-import changed the hits")
	}

	// A filtered export holds exactly the hits of the same search.
	for _, c := range []struct{ args []string }{
		{[]string{"--query", "文明"}},
		{[]string{"--query", "志愿服务 -通知", "--site", "河北文明网"}},
		{[]string{"--site", "河北文明网", "--since", "2020-01-01", "--until", "2024-01-01"}},
	} {
		f := filepath.Join(dir, "filtered.jsonl")
		args := append([]string{"export", "--data", src, "--force", "-o", f}, c.args...)
		if code, _, errOut := wenming(t, args...); code != exitOK {
			t.Fatalf("%v: %d %s", c.args, code, errOut)
		}
		got := exportedURLs(t, f)
		q := ""
		for i := 0; i < len(c.args); i += 2 {
			switch c.args[i] {
			case "--query":
				q += " " + c.args[i+1]
			case "--site":
				q += " site:" + c.args[i+1]
			case "--since":
				q += " since:" + c.args[i+1]
			case "--until": // --until is exclusive, until: inclusive
				q += " until:" + "2023-12-31"
			}
		}
		want := hitIDs(t, src, q)
		sort.Strings(got)
		sort.Strings(want)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("export %v: %d articles, search %q finds %d", c.args, len(got), q, len(want))
		}
	}
}

// withoutCaptures is a JSONL export with the capture fields left out.
func withoutCaptures(t *testing.T, path string) []byte {
	t.Helper()
	var out bytes.Buffer
	for _, m := range jsonLines[map[string]any](t, readFile(t, path)) {
		delete(m, "capture")
		b, _ := json.Marshal(m)
		out.Write(append(b, '\n'))
	}
	return out.Bytes()
}

func TestExportFormatsCLI(t *testing.T) {
	src := simArchive(t, 60)
	dir := t.TempDir()
	all := filepath.Join(dir, "all.jsonl")
	wenmingOK(t, "export", "--data", src, "-o", all)
	n := len(exportedURLs(t, all))

	// CSV to standard output, with and without BOM.
	for _, noBOM := range []bool{false, true} {
		args := []string{"export", "--data", src, "--format", "csv"}
		if noBOM {
			args = append(args, "--no-bom")
		}
		out := wenmingOK(t, args...)
		if strings.HasPrefix(out, "\uFEFF") == noBOM {
			t.Errorf("noBOM=%v: output starts %q", noBOM, out[:10])
		}
		rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(out, "\uFEFF"))).ReadAll()
		if err != nil || len(rows) != n+1 {
			t.Errorf("csv: %d rows (%v), want %d", len(rows), err, n+1)
		}
	}

	// Markdown: a directory, required and new.
	if code, _, errOut := wenming(t, "export", "--data", src, "--format", "markdown"); code != exitUsage || !strings.Contains(errOut, "-o DIR") {
		t.Errorf("markdown without -o: %d %s", code, errOut)
	}
	md := filepath.Join(dir, "md")
	wenmingOK(t, "export", "--data", src, "--format", "markdown", "-o", md)
	files := 0
	filepath.WalkDir(md, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".md") {
			files++
		}
		return err
	})
	if files != n {
		t.Errorf("markdown: %d files for %d articles", files, n)
	}
	if _, err := os.Stat(filepath.Join(md, "中国文明网")); err != nil {
		t.Errorf("markdown: no 中国文明网 folder: %v", err)
	}
	if code, _, errOut := wenming(t, "export", "--data", src, "--format", "markdown", "-o", md); code != exitUsage || !strings.Contains(errOut, "not empty") {
		t.Errorf("markdown into a full directory: %d %s", code, errOut)
	}

	// WARC: the file and its index beside it.
	w := filepath.Join(dir, "sel.warc.gz")
	out := wenmingOK(t, "export", "--data", src, "--format", "warc", "-o", w, "--query", "文明", "--json")
	var sum exportSummary
	if err := json.Unmarshal([]byte(out), &sum); err != nil || sum.Articles == 0 || sum.Index != filepath.Join(dir, "sel.cdxj") {
		t.Errorf("warc summary %+v %v", sum, err)
	}
	idx, err := os.ReadFile(filepath.Join(dir, "sel.cdxj"))
	if err != nil || strings.Count(string(idx), "\n") < sum.Articles {
		t.Errorf("warc index: %d lines for %d articles (%v)", strings.Count(string(idx), "\n"), sum.Articles, err)
	}
	if code, _, _ := wenming(t, "export", "--data", src, "--format", "warc"); code != exitUsage {
		t.Errorf("warc without -o: code %d", code)
	}

	// Bad usage and failures leave nothing behind.
	if code, _, errOut := wenming(t, "export", "--data", src, "--query", `"unclosed`); code != exitUsage || !strings.Contains(errOut, "unclosed quote") {
		t.Errorf("bad query: %d %s", code, errOut)
	}
	if code, _, _ := wenming(t, "export", "--data", src, "--format", "xml"); code != exitUsage {
		t.Errorf("--format xml: code %d", code)
	}
	if code, _, _ := wenming(t, "export", "--data", src, "-o", filepath.Join(dir, "missing", "x.jsonl")); code != exitError {
		t.Errorf("export into a missing directory: code %d", code)
	}
	for _, format := range []string{"jsonl", "csv", "warc", "wacz"} {
		out := filepath.Join(dir, "missing", "x."+format)
		want := "wenming export: -o " + out + ": there is no directory " + filepath.Join(dir, "missing") + " to write it in; create it first\n"
		if code, _, errOut := wenming(t, "export", "--data", src, "--format", format, "-o", out); code != exitError || errOut != want {
			t.Errorf("--format %s into a missing directory: code %d, %q; want %q", format, code, errOut, want)
		}
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".") {
			t.Errorf("temporary file left: %s", e.Name())
		}
	}
}

func TestImportErrors(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "bad.jsonl")
	good := `{"url":"http://www.wenming.cn/a.html","title":"好","body":"文明","fetched_at":"2024-01-02T03:04:05+08:00"}`
	lines := []string{
		good,
		`{"url":"http://www.wenming.cn/b.html",`,
		`{"url":"http://www.wenming.cn/c.html","body":"文明","fetched_at":"9999-12-31T23:59:59Z"}`,
		`{"url":"http://www.wenming.cn/d.html","body":"文明","views":-4,"fetched_at":"2024-01-02T03:04:05+08:00"}`,
		`{"url":"ftp://www.wenming.cn/e.html","body":"文明","fetched_at":"2024-01-02T03:04:05+08:00"}`,
		strings.Replace(good, "a.html", "f.html", 1),
	}
	os.WriteFile(file, []byte(strings.Join(lines, "\n")+"\n"), 0o644)
	data := filepath.Join(dir, "archive")
	code, out, errOut := wenming(t, "import", file, "--data", data)
	if code != exitError {
		t.Errorf("bad lines: code %d, want %d", code, exitError)
	}
	for _, want := range []string{
		file + ":2: not an export record: ",
		file + ":3: fetched_at: year 9999 outside 1990–2100\n",
		file + ":4: views: -4 is negative\n",
		file + `:5: url: "ftp://www.wenming.cn/e.html" is not an http(s) URL with a host` + "\n",
		file + ": 4 bad lines left out (listed above); the other 2 records are imported",
	} {
		if !strings.Contains(errOut, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errOut)
		}
	}
	if !strings.Contains(out, "imported 2 records") || !strings.Contains(out, "4 bad lines left out") {
		t.Errorf("summary: %s", out)
	}
	// The good lines, before and after the bad ones, were imported and indexed.
	if ids := hitIDs(t, data, "文明"); len(ids) != 2 {
		t.Errorf("after the bad lines: hits %v", ids)
	}
	if code, _, _ := wenming(t, "import", "--data", data); code != exitUsage {
		t.Errorf("no file: code %d", code)
	}
	// Another export given by mistake is told at once, and no archive is
	// made for it.
	for _, tc := range []struct{ name, content, want string }{
		{"out.csv", "\uFEFFurl,site,site_name\nhttp://a.cn/1,a.cn,甲\n", `not a JSONL export: its first line ("url,site,site_name") is no JSON object`},
		{"out.warc.gz", "\x1f\x8b\x08\x00rest", "gzip-compressed (a WARC file?), not a JSONL export"},
	} {
		path := filepath.Join(dir, tc.name)
		os.WriteFile(path, []byte(tc.content), 0o644)
		fresh := filepath.Join(dir, "fresh-"+tc.name)
		code, _, errOut := wenming(t, "import", path, "--data", fresh)
		if _, err := os.Stat(fresh); code != exitError || !strings.HasPrefix(errOut, "wenming import: "+path+": "+tc.want) || err == nil {
			t.Errorf("import %s: code %d, %q, archive made: %v; want %q and none", tc.name, code, errOut, err == nil, tc.want)
		}
	}
	if code, _, errOut := wenming(t, "import", filepath.Join(dir, "missing.jsonl"), "--data", data); code != exitError ||
		errOut != "wenming import: "+filepath.Join(dir, "missing.jsonl")+": no such file; give a file \"wenming export\" wrote (- reads standard input)\n" {
		t.Errorf("a missing file: code %d, %q", code, errOut)
	}
	// The archive lock is taken.
	lock, err := runs.Acquire(data)
	if err != nil {
		t.Fatal(err)
	}
	defer lock.Release()
	os.WriteFile(file, []byte(good+"\n"), 0o644)
	if code, _, errOut := wenming(t, "import", file, "--data", data); code != exitError || !strings.Contains(errOut, "another wenming run") {
		t.Errorf("locked archive: %d %s", code, errOut)
	}
}

// TestExportRemovesStaleTemps: an export removes the temporary files and
// directories of its own naming that a killed export left beside its
// output, once they are older than staleTempAge, and nothing else.
func TestExportRemovesStaleTemps(t *testing.T) {
	dir := t.TempDir()
	old := time.Now().Add(-2 * staleTempAge)
	mk := func(name string, isDir bool, mtime time.Time) {
		t.Helper()
		p := filepath.Join(dir, name)
		var err error
		if isDir {
			err = os.MkdirAll(filepath.Join(p, "site", "2023"), 0o755)
			if err == nil {
				err = os.WriteFile(filepath.Join(p, "site", "2023", "a.md"), []byte("x"), 0o644)
			}
		} else {
			err = os.WriteFile(p, []byte("half an export"), 0o644)
		}
		if err == nil {
			err = os.Chtimes(p, mtime, mtime)
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	for _, tt := range []struct {
		name  string
		dir   bool
		mtime time.Time
	}{
		{".out.jsonl.123456.tmp", false, old},
		{".out.jsonl.789.tmp", false, time.Now()}, // another export writing now
		{".out.jsonl.x1.tmp", false, old},         // not a name of ours
		{".other.jsonl.123.tmp", false, old},      // another output's
		{"out.jsonl.123.tmp", false, old},         // not hidden: not ours
		{".md.4242.tmp", true, old},
		{".md.4343.tmp", true, time.Now()},
		{".out.warc.gz.55.tmp", false, old},
		{".out.cdxj.56.tmp", false, old},
		{"wenming-cdxj-run-777", false, old},
		{"wenming-cdxj-run-778", false, time.Now()},
	} {
		mk(tt.name, tt.dir, tt.mtime)
	}
	write := func(f *os.File) error { _, err := f.WriteString("{}\n"); return err }
	if err := writeFileAtomic(filepath.Join(dir, "out.jsonl"), write); err != nil {
		t.Fatal(err)
	}
	if err := writeDirAtomic(filepath.Join(dir, "md"), false, func(string) error { return nil }); err != nil {
		t.Fatal(err)
	}
	// A WARC export of no articles.
	none := func(func(*article.Article) error) error { return nil }
	if _, err := exportWARC(context.Background(), filepath.Join(dir, "out.warc.gz"), []string{filepath.Join(dir, "nowarc")}, none, export.WARCOptions{}); err != nil {
		t.Fatal(err)
	}

	var left []string
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		left = append(left, e.Name())
	}
	want := []string{".md.4343.tmp", ".other.jsonl.123.tmp", ".out.jsonl.789.tmp", ".out.jsonl.x1.tmp", "md", "out.cdxj", "out.jsonl", "out.jsonl.123.tmp", "out.warc.gz", "wenming-cdxj-run-778"}
	if !reflect.DeepEqual(left, want) {
		t.Errorf("left in the directory:\n%q\nwant\n%q", left, want)
	}
}

func TestExportOpenSearchCLI(t *testing.T) {
	src := simArchive(t, 60)
	dir := t.TempDir()
	out := filepath.Join(dir, "os dir")
	code, stdout, errOut := wenming(t, "export", "--data", src, "--format", "opensearch", "-o", out, "--query", "文明", "--index", "wm", "--split-mb", "1", "--json")
	if code != exitOK {
		t.Fatalf("opensearch: %d %s", code, errOut)
	}
	var sum exportSummary
	if err := json.Unmarshal([]byte(stdout), &sum); err != nil || sum.Articles == 0 || len(sum.Bulk) == 0 ||
		sum.Template != filepath.Join(out, "template.json") || sum.OpenSearchIndex != "wm" || sum.SplitBytes != 1<<20 {
		t.Fatalf("summary %+v (%v)", sum, err)
	}
	// The filter applies: the same articles as the search.
	var urls []string
	for _, f := range sum.Bulk {
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(strings.TrimSuffix(string(raw), "\n"), "\n")
		for i := 0; i+1 < len(lines); i += 2 {
			var act struct {
				Index struct {
					Index string `json:"_index"`
					ID    string `json:"_id"`
				} `json:"index"`
			}
			var doc struct{ URL string }
			if err := json.Unmarshal([]byte(lines[i]), &act); err != nil || act.Index.Index != "wm" {
				t.Fatalf("%s: action %s (%v)", f, lines[i], err)
			}
			if err := json.Unmarshal([]byte(lines[i+1]), &doc); err != nil || doc.URL != act.Index.ID {
				t.Fatalf("%s: document %.100s (%v)", f, lines[i+1], err)
			}
			urls = append(urls, doc.URL)
		}
	}
	want := hitIDs(t, src, "文明")
	sort.Strings(urls)
	sort.Strings(want)
	if !reflect.DeepEqual(urls, want) {
		t.Errorf("exported %d articles, the search finds %d", len(urls), len(want))
	}

	// Without --json: the summary and the commands that load the export,
	// the directory quoted for the shell.
	out2 := filepath.Join(dir, "os2")
	code, _, errOut = wenming(t, "export", "--data", src, "--format", "opensearch", "-o", out2)
	if code != exitOK {
		t.Fatalf("opensearch: %d %s", code, errOut)
	}
	for _, want := range []string{
		"(opensearch) to " + out2,
		"curl -XPUT 'http://localhost:9200/_index_template/wenming' -H 'Content-Type: application/json' --data-binary @" + filepath.Join(out2, "template.json"),
		"for f in " + out2 + "/bulk-*.ndjson; do curl -XPOST 'http://localhost:9200/_bulk",
		"-H 'Content-Type: application/x-ndjson' --data-binary \"@$f\"",
	} {
		if !strings.Contains(errOut, want) {
			t.Errorf("output lacks %q:\n%s", want, errOut)
		}
	}
	if got := shellQuote("/tmp/a b/it's"); got != `'/tmp/a b/it'\''s'` {
		t.Errorf("shellQuote = %s", got)
	}

	// Usage errors.
	for _, args := range [][]string{
		{"--format", "opensearch"},
		{"--format", "opensearch", "-o", out2},
		{"--format", "opensearch", "-o", filepath.Join(dir, "x"), "--index", "Bad Name"},
		{"--format", "opensearch", "-o", filepath.Join(dir, "x"), "--split-mb", "101"},
		{"--format", "jsonl", "--index", "wm"},
	} {
		if code, _, errOut := wenming(t, append([]string{"export", "--data", src}, args...)...); code != exitUsage {
			t.Errorf("%q: code %d %s", args, code, errOut)
		}
	}
}

// TestExportNotesASiteOfNoName: a site filter that names no site of the
// archive (--site or site: in --query, a misspelt host, a name cut
// short) exports nothing, and says so with the names it may have meant,
// as search does; a site's name without 文明网 (南宫, as crawl --site takes
// it) is read as the name and said so; one that names a site is exported
// without a note.
func TestExportNotesASiteOfNoName(t *testing.T) {
	data := demo.Copy(t)
	for _, tc := range []struct {
		args     []string
		note     string // "" for none
		articles bool
	}{
		{[]string{"--site", "南宫"}, "note: site:南宫 is read as site:南宫文明网", true},
		{[]string{"--query", "志愿 site:邢台"}, "note: site:邢台 is read as site:邢台文明网", true},
		{[]string{"--site", "南"}, "note: site:南 names no site; did you mean site:", false},
		{[]string{"--site", "hb.wenmng.cn"}, "note: site:hb.wenmng.cn names no site of the archive", false},
		{[]string{"--site", "南宫文明网"}, "", true},
	} {
		code, out, errOut := wenming(t, append([]string{"export", "--data", data, "-o", "-"}, tc.args...)...)
		if code != exitOK {
			t.Errorf("%q: code %d, %s", tc.args, code, errOut)
			continue
		}
		if tc.note == "" && strings.Contains(errOut, "note:") || tc.note != "" && !strings.Contains(errOut, tc.note) {
			t.Errorf("%q: stderr %q, want note %q", tc.args, errOut, tc.note)
		}
		if (out != "") != tc.articles {
			t.Errorf("%q: %d bytes out, want articles: %v", tc.args, len(out), tc.articles)
		}
	}
}
