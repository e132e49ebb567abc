package archive_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/wenming-archive/wenming/internal/archive"
	"github.com/wenming-archive/wenming/internal/runs"
	"github.com/wenming-archive/wenming/internal/warc"
)

func TestWARCDirs(t *testing.T) {
	data := filepath.Join(t.TempDir(), "archive")
	abs := filepath.Join(t.TempDir(), "elsewhere")
	for _, c := range []struct {
		name string
		dirs archive.WARCDirs
		want []string
	}{
		{"default", archive.WARCDirs{}, []string{filepath.Join(data, archive.WARCDir)}},
		{"relative", archive.WARCDirs{Dir: "w/mine"}, []string{filepath.Join(data, "w", "mine")}},
		{"absolute", archive.WARCDirs{Dir: abs}, []string{abs}},
		{"read dirs", archive.WARCDirs{Dir: "warc", Read: []string{"other", abs}},
			[]string{filepath.Join(data, "warc"), filepath.Join(data, "other"), abs}},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := c.dirs.WritePath(data); got != c.want[0] {
				t.Errorf("write path %s, want %s", got, c.want[0])
			}
			if got := c.dirs.Paths(data); !slices.Equal(got, c.want) {
				t.Errorf("paths %v, want %v", got, c.want)
			}
		})
	}
}

// recordOne fetches a page of srv through rec, which archives it.
func recordOne(t *testing.T, rec *warc.Recorder, url string) {
	t.Helper()
	resp, err := rec.Client().Get(url)
	if err != nil {
		t.Fatal(err)
	}
	// The exchange is archived when its body is read to the end, as the
	// crawler reads it; closing an unread body leaves it unrecorded.
	if _, err := io.Copy(io.Discard, resp.Body); err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
}

// indexed are the URLs the CDXJ index of dir names.
func indexed(t *testing.T, dir string) []string {
	t.Helper()
	var urls []string
	for c, err := range warc.ReadIndex(dir) {
		if err != nil {
			t.Fatal(err)
		}
		urls = append(urls, c.URL)
	}
	return urls
}

// TestHeldWARC: the holder opens the recorder on the archive's WARC
// directory, mending first what a killed run left there, and closes it
// before the records.
func TestHeldWARC(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintf(w, "<html><body>%s %s</body></html>", r.URL.Path, strings.Repeat("文明", 600))
	}))
	defer srv.Close()
	ctx := context.Background()
	data := t.TempDir()

	h, err := archive.OpenAppend(ctx, data, archive.HoldOptions{What: "test", WARC: archive.WARCDirs{Dir: "captures"}})
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(data, "captures")
	if h.WARCPath() != dir {
		t.Fatalf("WARC path %s, want %s", h.WARCPath(), dir)
	}
	if _, err := h.OpenWARC(warc.Options{Dir: t.TempDir()}); err == nil {
		t.Fatal("a recorder was opened outside the archive's WARC directory")
	}
	rec, err := h.OpenWARC(warc.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := h.OpenWARC(warc.Options{}); err == nil {
		t.Fatal("a second recorder was opened")
	}
	recordOne(t, rec, srv.URL+"/1.html")
	// What a killed run would leave: the file being written, with a torn
	// record at its end.
	open, _ := filepath.Glob(filepath.Join(dir, "*.warc.gz.open"))
	if len(open) != 1 {
		t.Fatalf("files being written: %v", open)
	}
	torn, err := os.ReadFile(open[0])
	if err != nil {
		t.Fatal(err)
	}
	torn = append(torn, 0x1f, 0x8b, 8, 0, 0, 0)

	// Close finishes the recorder's file and indexes it.
	if err := h.Close(); err != nil {
		t.Fatal(err)
	}
	if left, _ := filepath.Glob(filepath.Join(dir, "*.open")); len(left) != 0 {
		t.Errorf("files left being written after Close: %v", left)
	}
	if urls := indexed(t, dir); !slices.Contains(urls, srv.URL+"/1.html") {
		t.Errorf("the CDXJ index after Close names %v", urls)
	}

	// A killed run's leftovers are mended when the recorder opens.
	finished, _ := filepath.Glob(filepath.Join(dir, "*.warc.gz"))
	for _, f := range finished {
		os.Remove(f)
	}
	os.Remove(filepath.Join(dir, warc.IndexName))
	if err := os.WriteFile(open[0], torn, 0o644); err != nil {
		t.Fatal(err)
	}
	h, err = archive.OpenAppend(ctx, data, archive.HoldOptions{What: "test", WARC: archive.WARCDirs{Dir: "captures"}})
	if err != nil {
		t.Fatal(err)
	}
	defer h.Close()
	if _, err := h.OpenWARC(warc.Options{}); err != nil {
		t.Fatal(err)
	}
	if left, _ := filepath.Glob(filepath.Join(dir, "*.open")); len(left) != 0 {
		t.Errorf("a killed run's file is still being written: %v", left)
	}
	if fi, err := os.Stat(strings.TrimSuffix(open[0], ".open")); err != nil || fi.Size() != int64(len(torn)-6) {
		t.Errorf("a killed run's file after the repair: %v, want its torn record cut (%d bytes)", fi, len(torn)-6)
	}
	if urls := indexed(t, dir); !slices.Contains(urls, srv.URL+"/1.html") {
		t.Errorf("the CDXJ index after the repair names %v", urls)
	}
	if err := h.CloseWARC(); err != nil {
		t.Fatal(err)
	}
	if err := h.CloseWARC(); err != nil {
		t.Errorf("a second CloseWARC: %v", err)
	}
}

// TestRunLog: the holder logs its runs; readers see them, the run in
// progress last, and a run killed before it logged its end as killed,
// until the next holder logs it.
func TestRunLog(t *testing.T) {
	data := t.TempDir()
	run := func(id string) runs.Run {
		return runs.Run{ID: id, Trigger: "crawl", Started: time.Now(), Finished: time.Now(), Status: "ok"}
	}
	statuses := func() []string {
		t.Helper()
		list, err := archive.Runs(context.Background(), data, "", 0, nil)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, r := range list {
			out = append(out, r.ID+":"+r.Status)
		}
		return out
	}

	h, err := archive.Acquire(data, true)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok, err := h.RunLog().Settle(); err != nil || ok {
		t.Fatalf("settle of a new archive: %v, %v", ok, err)
	}
	m, err := h.RunLog().Begin(run("1"))
	if err != nil {
		t.Fatal(err)
	}
	if got := statuses(); !slices.Equal(got, []string{"1:" + runs.StatusRunning}) {
		t.Errorf("while the run goes on: %v", got)
	}
	if err := m.End(run("1")); err != nil {
		t.Fatal(err)
	}
	if err := h.RunLog().Append(run("2")); err != nil {
		t.Fatal(err)
	}
	// Killed: the trace is left, the lock let go.
	if _, err := h.RunLog().Begin(run("3")); err != nil {
		t.Fatal(err)
	}
	if err := h.Close(); err != nil {
		t.Fatal(err)
	}
	if got := statuses(); !slices.Equal(got, []string{"1:ok", "2:ok", "3:" + runs.StatusKilled}) {
		t.Errorf("after a killed run: %v", got)
	}

	h, err = archive.Acquire(data, true)
	if err != nil {
		t.Fatal(err)
	}
	defer h.Close()
	if r, ok, err := h.RunLog().Settle(); err != nil || !ok || r.ID != "3" {
		t.Fatalf("settle of the killed run: %v %v %v", r.ID, ok, err)
	}
	v := viewOf(t, data)
	list, err := v.Runs(0)
	if err != nil || len(list) != 3 || list[2].Status != runs.StatusKilled {
		t.Errorf("runs read through a view: %+v, %v", list, err)
	}
}

// viewOf is a view of the archive in data, which Create makes when there
// is none.
func viewOf(t *testing.T, data string) *archive.View {
	t.Helper()
	if err := archive.Create(data); err != nil {
		t.Fatal(err)
	}
	v, err := archive.OpenView(context.Background(), data, archive.ReadOptions{WARC: archive.WARCDirs{Read: []string{"theirs"}}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { v.Close() })
	if got, want := v.WARCPaths(), []string{filepath.Join(data, "warc"), filepath.Join(data, "theirs")}; !slices.Equal(got, want) {
		t.Errorf("WARC paths of a view: %v, want %v", got, want)
	}
	return v
}

// TestExclusiveRecords: an exclusive holder opens the records alone, and
// withdraws its announcement once it closed them.
func TestExclusiveRecords(t *testing.T) {
	data := t.TempDir()
	fillArchive(t, data, 3, 3)
	h, err := archive.Acquire(data, false)
	if err != nil {
		t.Fatal(err)
	}
	if err := h.Exclusive("test"); err != nil {
		t.Fatal(err)
	}
	if _, err := archive.OpenView(context.Background(), data, archive.ReadOptions{}); err == nil {
		t.Error("a reader was let in while the archive is held exclusively")
	}
	if err := h.OpenRecords(context.Background(), "", nil); err != nil {
		t.Fatal(err)
	}
	if n, err := h.Store.Len(); err != nil || n != 3 {
		t.Errorf("records: %d, %v", n, err)
	}
	if err := h.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(archive.HolderPath(data)); !os.IsNotExist(err) {
		t.Errorf("the holder is still announced: %v", err)
	}
	v, err := archive.OpenView(context.Background(), data, archive.ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	v.Close()
}

// TestOpenAppendRun: an append hold begins the run in the run log before
// it opens the files, logs it as ended with the error when they cannot be
// opened, and lets go of the run lock; one that opens ends it as told.
func TestOpenAppendRun(t *testing.T) {
	ctx := context.Background()
	data := t.TempDir()
	entry := func(id string) func(error) runs.Run {
		return func(err error) runs.Run {
			r := runs.Run{ID: id, Started: time.Now(), Finished: time.Now(), Status: "ok"}
			if err != nil {
				r.Status, r.Error = "failed", err.Error()
			}
			return r
		}
	}
	// Records that cannot be opened: a directory where the file goes.
	if err := os.MkdirAll(archive.ArticlesPath(data), 0o755); err != nil {
		t.Fatal(err)
	}
	if _, err := archive.OpenAppend(ctx, data, archive.HoldOptions{What: "test", Run: entry("1")}); err == nil {
		t.Fatal("records that cannot be opened were opened")
	}
	logged, err := runs.Read(data)
	if err != nil || len(logged) != 1 || logged[0].ID != "1" || logged[0].Status != "failed" || logged[0].Error == "" {
		t.Fatalf("the run that could not open the archive is logged as %+v, %v", logged, err)
	}
	if _, ok, _ := runs.Current(data); ok {
		t.Error("its trace is left")
	}

	if err := os.Remove(archive.ArticlesPath(data)); err != nil {
		t.Fatal(err)
	}
	h, err := archive.OpenAppend(ctx, data, archive.HoldOptions{What: "test", Run: entry("2")})
	if err != nil {
		t.Fatalf("the run lock was not let go, or the archive not made: %v", err)
	}
	if cur, ok, _ := runs.Current(data); !ok || cur.ID != "2" || cur.Status != runs.StatusRunning {
		t.Errorf("the trace of the run in progress: %+v, %v", cur, ok)
	}
	if err := h.Run.End(ctx, entry("2")(nil)); err != nil {
		t.Fatal(err)
	}
	if err := h.Close(); err != nil {
		t.Fatal(err)
	}
	if logged, _ := runs.Read(data); len(logged) != 2 || logged[1].Status != "ok" {
		t.Errorf("run log: %+v", logged)
	}
}
