package export_test

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/wenming-archive/wenming/internal/article"
	"github.com/wenming-archive/wenming/internal/export"
)

// badArticle is a record as an archive stored it before records were
// validated: times past year 9999 in China time, negative views, an ftp alias.
func badArticle() *article.Article {
	far := time.Date(9999, 12, 31, 23, 59, 59, 0, time.UTC)
	good := time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC)
	return &article.Article{
		URL: "http://www.wenming.cn/bad.html", Site: "www.wenming.cn", SiteName: "中国文明网", Level: article.National,
		Title: "坏记录", Body: "正文", Published: far, PublishedPrecision: article.PrecisionDay, Views: views(-5),
		FetchedAt:   far,
		ViewHistory: []article.ViewCount{{At: good, Views: 3}, {At: far, Views: -5}},
		Capture:     &article.Capture{File: "x.warc.gz", Offset: 1, Length: 2, Time: far},
		Aliases:     []string{"ftp://www.wenming.cn/bad.html"},
	}
}

func TestChecked(t *testing.T) {
	var got []string
	src := export.Checked(sliceSource([]*article.Article{samples()[0], badArticle()}), func(w export.Warning) {
		got = append(got, w.String())
	})
	n := 0
	if err := src(func(*article.Article) error { n++; return nil }); err != nil || n != 2 {
		t.Fatalf("walked %d articles: %v", n, err)
	}
	u := "http://www.wenming.cn/bad.html: "
	want := []string{
		u + "fetched_at: year 9999 outside 1990–2100 (left out)",
		u + "published: year 9999 outside 1990–2100 (left out)",
		u + "views: -5 is negative (written as stored)",
		u + "view_history[1].at: year 9999 outside 1990–2100 (left out)",
		u + "view_history[1].views: -5 is negative (written as stored)",
		u + "capture.time: year 9999 outside 1990–2100 (left out)",
		u + `aliases[0]: "ftp://www.wenming.cn/bad.html" is not an http(s) URL with a host (written as stored)`,
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("warnings:\n got %q\nwant %q", got, want)
	}
}

// TestExportOutOfRange checks that every writer completes on a record
// with year-9999 times, leaving those times out.
func TestExportOutOfRange(t *testing.T) {
	ctx := context.Background()
	arts := []*article.Article{samples()[0], badArticle()}

	var jl bytes.Buffer
	if n, err := export.JSONL(ctx, &jl, sliceSource(arts)); err != nil || n != 2 {
		t.Fatalf("JSONL: %d %v", n, err)
	}
	lines := strings.Split(strings.TrimSpace(jl.String()), "\n")
	var rec map[string]any
	if err := json.Unmarshal([]byte(lines[1]), &rec); err != nil {
		t.Fatal(err)
	}
	if rec["fetched_at"] != nil || rec["published"] != nil || rec["published_precision"] != nil {
		t.Errorf("JSONL: out-of-range times written: %s", lines[1])
	}
	if vh := rec["view_history"].([]any); len(vh) != 1 || rec["views"].(float64) != -5 {
		t.Errorf("JSONL: view history %v, views %v", vh, rec["views"])
	}
	if c := rec["capture"].(map[string]any); c["time"] != "0001-01-01T00:00:00Z" {
		t.Errorf("JSONL: capture time %v", c["time"])
	}

	var csv bytes.Buffer
	if n, err := export.CSV(ctx, &csv, sliceSource(arts), export.CSVOptions{}); err != nil || n != 2 {
		t.Fatalf("CSV: %d %v", n, err)
	}
	row := export.CSVRow(arts[1])
	if row[7] != "" || row[14] != "" {
		t.Errorf("CSV: published %q, fetched_at %q, want empty", row[7], row[14])
	}

	dir := t.TempDir()
	if n, err := export.Markdown(ctx, dir, sliceSource(arts)); err != nil || n != 2 {
		t.Fatalf("Markdown: %d %v", n, err)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*", "undated", "坏记录-*.md"))
	if len(files) != 1 {
		t.Fatalf("Markdown: files %v", files)
	}
	md, _ := os.ReadFile(files[0])
	if !strings.Contains(string(md), "fetched_at: null\n") || !strings.Contains(string(md), "published: null\n") {
		t.Errorf("Markdown front matter:\n%s", md)
	}
}
