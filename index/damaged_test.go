package index

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestDamagedIndexFailsQueriesNotTheProcess flips bytes in the segment
// files of a real index: every query must come back, with hits or with an
// error, and never panic out of Search (a damaged index once crashed
// search and dropped serve's connections).
func TestDamagedIndexFailsQueriesNotTheProcess(t *testing.T) {
	for _, stride := range []int{97, 997, 4999, 20011} {
		t.Run(fmt.Sprint("every ", stride, " bytes"), func(t *testing.T) { damageAndQuery(t, stride) })
	}
}

func damageAndQuery(t *testing.T, stride int) {
	dir := filepath.Join(t.TempDir(), "index.bleve")
	ix, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	var docs []Document
	for i := range 300 {
		docs = append(docs, Document{
			ID: fmt.Sprintf("http://www.example.gov.cn/a/%d.html", i), URL: fmt.Sprintf("http://www.example.gov.cn/a/%d.html", i),
			Title: fmt.Sprintf("志愿服务活动第%d期", i), Body: strings.Repeat("文明实践志愿服务进社区，群众满意。", 20+i%7),
			Site: "www.example.gov.cn", SiteName: "某县文明网", Level: "county", Published: time.Date(2020+i%5, 3, 1+i%27, 0, 0, 0, 0, time.UTC),
		})
	}
	if err := ix.Put(docs...); err != nil {
		t.Fatal(err)
	}
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	flipped := 0
	filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".zap") {
			return nil
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return nil
		}
		for i := len(b) / 3; i < len(b)-64; i += stride {
			b[i] ^= 0xff
			flipped++
		}
		return os.WriteFile(path, b, 0o600)
	})
	if flipped == 0 {
		t.Skip("no segment files to damage (index layout changed?)")
	}
	ix, err = Open(dir)
	if err != nil {
		t.Logf("open of the damaged index fails cleanly: %v", err)
		return
	}
	defer ix.Close()
	failed := 0
	for _, q := range []string{"志愿", "文明实践", "群众", "活动第1期", "服务进社区", "满意", "site:www.example.gov.cn 志愿", "志愿 since:2022"} {
		for _, sort := range []string{"", "date", "views"} {
			if _, err := ix.Search(context.Background(), Query{Text: q, Sort: sort, Size: 10, Facets: 5}); err != nil {
				failed++
			}
		}
	}
	if _, err := ix.Stats(context.Background()); err != nil {
		failed++
	}
	t.Logf("%d bytes flipped; %d of 25 calls reported an error, none panicked", flipped, failed)
}

// TestVerifySegmentsReadsOnlyTheSnapshot: a file in the store directory
// that no snapshot uses (an empty one a merge cut short by Close leaves)
// is no damage; a damaged segment of the snapshot is.
func TestVerifySegmentsReadsOnlyTheSnapshot(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "index.bleve")
	ix, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	for i := range 3 {
		if err := ix.Put(Document{ID: fmt.Sprint("http://a.cn/", i), URL: fmt.Sprint("http://a.cn/", i), Title: "志愿服务", Body: "文明实践。"}); err != nil {
			t.Fatal(err)
		}
	}
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "store", "0000000000ff.zap"), nil, 0o600); err != nil {
		t.Fatal(err)
	}
	// Read-only, as wenming check opens it: bleve removes unused files
	// only when it may write.
	if ix, err = OpenReadOnly(dir); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "store", "0000000000ff.zap")); err != nil {
		t.Fatalf("the unused file is gone, the check is not exercised: %v", err)
	}
	if err := ix.VerifySegments(); err != nil {
		t.Errorf("an unused empty file counted as damage: %v", err)
	}
	files, release, err := ix.segmentFiles()
	if err != nil || len(files) == 0 {
		t.Fatalf("segment files %v, %v", files, err)
	}
	release()
	ix.Close()
	b, err := os.ReadFile(files[0])
	if err != nil {
		t.Fatal(err)
	}
	b[len(b)/2] ^= 0xff
	if err := os.WriteFile(files[0], b, 0o600); err != nil {
		t.Fatal(err)
	}
	if ix, err = Open(dir); err != nil {
		t.Skipf("the flipped byte already fails the open: %v", err)
	}
	defer ix.Close()
	if err := ix.VerifySegments(); !errors.Is(err, ErrDamaged) {
		t.Errorf("a flipped byte in a segment: %v, want ErrDamaged", err)
	}
}
