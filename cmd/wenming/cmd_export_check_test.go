package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/wenming-archive/wenming/internal/archive"
	"github.com/wenming-archive/wenming/internal/article"
)

// putRaw writes a into the archive's store as the store encodes a record
// (format byte 1, then the JSON of article.Article), bypassing Put and its
// validation: a record stored before records were validated.
func putRaw(t *testing.T, data string, a *article.Article) {
	t.Helper()
	db, err := bolt.Open(archive.ArticlesPath(data), 0o644, &bolt.Options{Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	v, err := json.Marshal(a)
	if err != nil {
		t.Fatal(err)
	}
	err = db.Update(func(tx *bolt.Tx) error {
		return tx.Bucket([]byte("articles")).Put([]byte(a.URL), append([]byte{1}, v...))
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestExportStoredOutOfRange checks that a record with year-9999 times
// already in the store neither fails nor is dropped by any export format:
// each bad field is a warning line naming the URL and the summary counts them.
func TestExportStoredOutOfRange(t *testing.T) {
	data := simArchive(t, 20)
	far := time.Date(9999, 12, 31, 23, 59, 59, 0, time.UTC)
	bad := "http://www.wenming.cn/bad.html"
	neg := int64(-5)
	putRaw(t, data, &article.Article{
		URL: bad, Site: "www.wenming.cn", SiteName: "中国文明网", Level: article.National,
		Title: "坏记录", Body: "正文", FetchedAt: far, Published: far, PublishedPrecision: article.PrecisionDay,
		Views: &neg, ViewHistory: []article.ViewCount{{At: far, Views: -5}},
	})
	warnings := []string{
		"warning: " + bad + ": fetched_at: year 9999 outside 1990–2100 (left out)\n",
		"warning: " + bad + ": published: year 9999 outside 1990–2100 (left out)\n",
		"warning: " + bad + ": views: -5 is negative (written as stored)\n",
		"warning: " + bad + ": view_history[0].at: year 9999 outside 1990–2100 (left out)\n",
		"warning: " + bad + ": view_history[0].views: -5 is negative (written as stored)\n",
		"  5 warnings: fields of stored records that fail validation",
	}
	dir := t.TempDir()
	for _, c := range []struct{ format, out string }{
		{"jsonl", filepath.Join(dir, "all.jsonl")},
		{"csv", filepath.Join(dir, "all.csv")},
		{"markdown", filepath.Join(dir, "md")},
		{"warc", filepath.Join(dir, "all.warc.gz")},
	} {
		code, _, errOut := wenming(t, "export", "--data", data, "--format", c.format, "-o", c.out)
		if code != exitOK {
			t.Fatalf("%s: code %d\n%s", c.format, code, errOut)
		}
		for _, w := range warnings {
			if !strings.Contains(errOut, w) {
				t.Errorf("%s: stderr lacks %q:\n%s", c.format, w, errOut)
			}
		}
		if _, err := os.Stat(c.out); err != nil {
			t.Errorf("%s: %v", c.format, err)
		}
	}
	raw, err := os.ReadFile(filepath.Join(dir, "all.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(raw), `"url":"`+bad+`"`) || !strings.Contains(string(raw), `"fetched_at":null`) {
		t.Errorf("jsonl lacks the bad record with fetched_at null")
	}
	// --json reports the count.
	code, out, errOut := wenming(t, "export", "--data", data, "--format", "csv", "-o", filepath.Join(dir, "again.csv"), "--json")
	if code != exitOK || !strings.Contains(out, `"warnings": 5`) && !strings.Contains(out, `"warnings":5`) {
		t.Errorf("--json: %d %s %s", code, out, errOut)
	}
}
