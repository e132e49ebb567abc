package export_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/wenming-archive/wenming/internal/export"
)

func TestCSVRoundTrip(t *testing.T) {
	arts := samples()
	for _, noBOM := range []bool{false, true} {
		var buf bytes.Buffer
		n, err := export.CSV(context.Background(), &buf, sliceSource(arts), export.CSVOptions{NoBOM: noBOM})
		if err != nil || n != len(arts) {
			t.Fatalf("noBOM=%v: n=%d err=%v", noBOM, n, err)
		}
		raw := buf.Bytes()
		if hasBOM := bytes.HasPrefix(raw, []byte("\xef\xbb\xbf")); hasBOM == noBOM {
			t.Fatalf("noBOM=%v: file starts %q", noBOM, raw[:min(8, len(raw))])
		}
		rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(raw, []byte("\xef\xbb\xbf")))).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		if len(rows) != len(arts)+1 {
			t.Fatalf("%d rows, want header + %d", len(rows), len(arts))
		}
		if strings.Join(rows[0], ",") != strings.Join(export.CSVColumns, ",") {
			t.Errorf("header %v", rows[0])
		}
		for i, a := range arts {
			row := map[string]string{}
			for j, c := range export.CSVColumns {
				row[c] = rows[i+1][j]
			}
			want := map[string]string{
				"url": a.URL, "site": a.Site, "site_name": a.SiteName, "level": string(a.Level),
				"lineage": strings.Join(a.LineageNames(), " > "), "column": a.Column, "title": a.Title,
				"source": a.Source, "author": a.Author, "editor": a.Editor,
				// encoding/csv reads a quoted \r\n as \n.
				"body":       strings.ReplaceAll(a.Body, "\r\n", "\n"),
				"fetched_at": a.FetchedAt.In(time.FixedZone("", 8*3600)).Format(time.RFC3339),
				"aliases":    strings.Join(a.Aliases, "; "),
			}
			if !a.Published.IsZero() {
				want["published"] = a.Published.In(time.FixedZone("", 8*3600)).Format(time.RFC3339)
				want["published_precision"] = string(a.PublishedPrecision)
			}
			if a.Views != nil {
				want["views"] = strconv.FormatInt(*a.Views, 10)
			}
			for _, c := range export.CSVColumns {
				if row[c] != want[c] {
					t.Errorf("row %d %s = %q, want %q", i+1, c, row[c], want[c])
				}
			}
		}
	}
	if got := export.CSVRow(arts[0])[7]; got != "2023-03-22T20:29:00+08:00" {
		t.Errorf("published = %q, want China time", got)
	}
	if got := export.CSVRow(arts[0])[15]; got != "http://www.ngwm.gov.cn/article-1-1.html; http://www.ngwm.gov.cn/m/view.php?aid=1" {
		t.Errorf("aliases = %q", got)
	}
	if got := export.CSVRow(arts[0])[4]; got != "中国文明网 > 河北文明网 > 邢台文明网 > 南宫文明网" {
		t.Errorf("lineage = %q", got)
	}
}

func TestCSVCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := export.CSV(ctx, &bytes.Buffer{}, sliceSource(samples()), export.CSVOptions{}); err == nil {
		t.Error("cancelled export did not stop")
	}
}
