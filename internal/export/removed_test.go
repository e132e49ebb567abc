package export_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/wenming-archive/wenming/internal/article"
	"github.com/wenming-archive/wenming/internal/export"
	"github.com/wenming-archive/wenming/internal/store"
)

// removedSample is the first sample, found removed from its site two
// days after it was fetched, and once before (returned).
func removedSample() *article.Article {
	a := samples()[0]
	gone := a.FetchedAt.Add(48 * time.Hour)
	a.Removed = &article.Removal{Since: gone, Seen: gone.Add(24 * time.Hour), LastPresent: a.FetchedAt, Status: 404, Answer: "HTTP 404",
		CaptureURL: a.URL, CaptureTime: gone, Capture: &article.Capture{File: "wenming-2.warc.gz", Offset: 9, Length: 700, Time: gone}}
	a.PastRemovals = []article.Removal{{Since: a.FetchedAt.Add(-72 * time.Hour), Seen: a.FetchedAt.Add(-72 * time.Hour), Status: 410,
		Answer: "HTTP 410", CaptureURL: a.URL, CaptureTime: a.FetchedAt.Add(-72 * time.Hour), Returned: a.FetchedAt.Add(-24 * time.Hour)}}
	return a
}

// TestExportRemoved: the JSONL record of an article removed at the source
// carries the mark, in China time, with its evidence, and its past
// removals; imported, the record keeps them; the OpenSearch document
// carries removed and removed_since, which the template maps (its
// mapping is strict); an article not removed has neither.
func TestExportRemoved(t *testing.T) {
	a := removedSample()
	arts := []*article.Article{a, samples()[1]}
	var buf bytes.Buffer
	if _, err := export.JSONL(context.Background(), &buf, sliceSource(arts)); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
	var m struct {
		Removed      map[string]any   `json:"removed"`
		PastRemovals []map[string]any `json:"past_removals"`
	}
	if err := json.Unmarshal([]byte(lines[0]), &m); err != nil {
		t.Fatal(err)
	}
	if m.Removed["since"] != "2024-01-04T11:04:05.0000006+08:00" || m.Removed["status"] != float64(404) ||
		m.Removed["capture_url"] != a.URL || m.Removed["last_present"] != "2024-01-02T11:04:05.0000006+08:00" || m.Removed["capture"] == nil {
		t.Errorf("removed = %v", m.Removed)
	}
	if len(m.PastRemovals) != 1 || m.PastRemovals[0]["returned"] == nil {
		t.Errorf("past_removals = %v", m.PastRemovals)
	}
	if strings.Contains(lines[1], "removed") {
		t.Errorf("an article not removed: %s", lines[1])
	}

	st := imported(t, buf.String())
	got, err := st.Get(a.URL)
	if err != nil {
		t.Fatal(err)
	}
	if got.Removed == nil || !got.Removed.Since.Equal(a.Removed.Since) || len(got.PastRemovals) != 1 {
		t.Errorf("imported: removed %+v, past %v", got.Removed, got.PastRemovals)
	}

	md, err := export.MarkdownFile(a)
	if err != nil {
		t.Fatal(err)
	}
	front, _, _ := strings.Cut(strings.TrimPrefix(string(md), "---\n"), "\n---\n")
	for _, want := range []string{"removed:\n", "since: 2024-01-04T11:04:05.0000006+08:00", "status: 404", "capture_file: wenming-2.warc.gz", "past_removals:", "returned: "} {
		if !strings.Contains(front, want) {
			t.Errorf("markdown front matter lacks %q:\n%s", want, front)
		}
	}
	if md, _ := export.MarkdownFile(samples()[1]); strings.Contains(string(md), "removed") {
		t.Errorf("markdown of an article not removed:\n%s", md)
	}

	dir := t.TempDir()
	rep, err := export.OpenSearch(context.Background(), dir, sliceSource(arts), export.OpenSearchOptions{Index: "wm-test"})
	if err != nil {
		t.Fatal(err)
	}
	tmpl, _, err := readTemplate(mustRead(t, filepath.Join(dir, rep.Template)))
	if err != nil {
		t.Fatal(err)
	}
	props := tmpl.Template.Mappings["properties"].(map[string]any)
	pairs := readBulk(t, dir, rep.Bulk, export.DefaultBulkBytes)
	for _, p := range pairs {
		if err := checkDoc(props, p.doc); err != nil {
			t.Errorf("%s: %v", p.doc["url"], err)
		}
	}
	if d := pairs[0].doc; d["removed"] != true || d["removed_since"] != "2024-01-04T11:04:05+08:00" {
		t.Errorf("OpenSearch document: removed %v, removed_since %v", d["removed"], d["removed_since"])
	}
	if _, ok := pairs[1].doc["removed"]; ok {
		t.Errorf("an article not removed: removed %v", pairs[1].doc["removed"])
	}
}

// TestExportRemovedCSV: the CSV row of an article removed at the source
// says when it was first and last found gone, with the answer's status
// and words, in China time; one not removed has those columns empty;
// checked_at says when a sweep last found an article as archived (CSV
// and JSONL, and an import keeps it).
func TestExportRemovedCSV(t *testing.T) {
	a, b := removedSample(), samples()[1]
	b.CheckedAt = b.FetchedAt.Add(90 * 24 * time.Hour)
	var buf bytes.Buffer
	if _, err := export.CSV(context.Background(), &buf, sliceSource([]*article.Article{a, b}), export.CSVOptions{NoBOM: true}); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	cell := func(row int, col string) string {
		i := slices.Index(rows[0], col)
		if i < 0 {
			t.Fatalf("no column %s in %v", col, rows[0])
		}
		return rows[row][i]
	}
	china := func(t time.Time) string { return t.In(article.China).Format(time.RFC3339) }
	want := map[string]string{"removed_since": china(a.Removed.Since), "removed_seen": china(a.Removed.Seen), "removed_status": "404", "removed_answer": "HTTP 404", "checked_at": ""}
	for col, w := range want {
		if got := cell(1, col); got != w {
			t.Errorf("removed article: %s = %q, want %q", col, got, w)
		}
		if got := cell(2, col); col != "checked_at" && got != "" {
			t.Errorf("article not removed: %s = %q, want it empty", col, got)
		}
	}
	if got := cell(2, "checked_at"); got != china(b.CheckedAt) {
		t.Errorf("checked article: checked_at = %q, want %q", got, china(b.CheckedAt))
	}

	buf.Reset()
	if _, err := export.JSONL(context.Background(), &buf, sliceSource([]*article.Article{b})); err != nil {
		t.Fatal(err)
	}
	if got, err := imported(t, buf.String()).Get(b.URL); err != nil || !got.CheckedAt.Equal(b.CheckedAt) {
		t.Errorf("imported: %v; want checked at %v (JSONL %s)", err, b.CheckedAt, buf.String())
	}
}

// imported is a store, closed when the test ends, that the JSONL export
// jsonl was imported into.
func imported(t *testing.T, jsonl string) *store.Store {
	t.Helper()
	st, err := store.Open(filepath.Join(t.TempDir(), "archive.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if _, err := export.Import(context.Background(), strings.NewReader(jsonl), st, export.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	return st
}
