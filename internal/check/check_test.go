package check_test

import (
	"context"
	"fmt"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/wenming-archive/wenming/internal/archive"
	"github.com/wenming-archive/wenming/internal/archive/recordstest"
	"github.com/wenming-archive/wenming/internal/article"
	"github.com/wenming-archive/wenming/internal/check"
	"github.com/wenming-archive/wenming/internal/copytest"
	"github.com/wenming-archive/wenming/internal/damagetest"
	"github.com/wenming-archive/wenming/internal/pipeline"
	"github.com/wenming-archive/wenming/internal/pipeline/pipelinetest"
	"github.com/wenming-archive/wenming/internal/sitesim"
	"github.com/wenming-archive/wenming/internal/store"
)

// crawled is an archive made by a small crawl of the simulation, once
// per test binary; every test gets a copy of its own.
var crawled = copytest.New("wenming-check-", func(dir string) error {
	srv := httptest.NewServer(sitesim.New(sitesim.Options{Seed: 5, Articles: 60, Calm: true}))
	defer srv.Close()
	_, err := pipeline.Crawl(context.Background(), pipelinetest.Options(pipelinetest.Config(srv.URL), dir))
	return err
})

func TestMain(m *testing.M) {
	code := m.Run()
	crawled.Remove()
	os.Exit(code)
}

func run(t *testing.T, data string, repair, drop bool) *check.Report {
	t.Helper()
	rep, err := check.Run(context.Background(), check.Options{Data: data, Repair: repair, DropBadCaptures: drop})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range rep.Problems {
		t.Logf("problem %s: %s %.200q (fix: %s)", p.Part, p.What, p.Examples, p.Fix)
	}
	for _, r := range rep.Repaired {
		t.Logf("repaired: %s", r)
	}
	return rep
}

func hasProblem(rep *check.Report, part, what string) bool {
	for _, p := range rep.Problems {
		if p.Part == part && strings.Contains(p.What, what) {
			return true
		}
	}
	return false
}

func TestCleanArchive(t *testing.T) {
	data := crawled.Copy(t)
	rep := run(t, data, false, false)
	if !rep.OK() || rep.Records == 0 || rep.Documents != rep.Records || rep.Captures == 0 || rep.CDXJLines == 0 {
		t.Fatalf("clean archive: %+v", rep)
	}
}

// TestRepairs damages each part in turn: check finds it, --repair fixes
// what it says it fixes, and the archive then checks clean.
func TestRepairs(t *testing.T) {
	cases := []struct {
		name   string
		damage func(t *testing.T, data string)
		part   string
		what   string
		drop   bool
	}{
		{"bit-flipped index", func(t *testing.T, data string) {
			if damagetest.FlipTree(t, archive.IndexPath(data), ".zap", 0.4, 0.6, 997) == 0 {
				t.Skip("no segment files")
			}
		}, check.PartIndex, "damaged", false},
		{"killed import", func(t *testing.T, data string) {
			if err := archive.MarkIndexPending(archive.IndexPath(data), "import"); err != nil {
				t.Fatal(err)
			}
			st, err := store.Open(archive.ArticlesPath(data))
			if err != nil {
				t.Fatal(err)
			}
			defer st.Close()
			a := &article.Article{URL: "http://www.example.gov.cn/imported.html", Site: "www.example.gov.cn", SiteName: "某文明网", Level: article.County,
				Title: "导入而未索引的文章", Body: "志愿服务", FetchedAt: time.Date(2024, 1, 1, 0, 0, 0, 0, article.China)}
			if _, err := st.Put(a); err != nil {
				t.Fatal(err)
			}
		}, check.PartIndex, "documents for", false},
		{"truncated cdxj", func(t *testing.T, data string) {
			p := filepath.Join(data, "warc", "index.cdxj")
			fi, err := os.Stat(p)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.Truncate(p, fi.Size()*2/3); err != nil {
				t.Fatal(err)
			}
		}, check.PartWARC, "missing from index.cdxj", false},
		{"torn WARC tail", func(t *testing.T, data string) {
			ws, _ := filepath.Glob(filepath.Join(data, "warc", "*.warc.gz"))
			f, err := os.OpenFile(ws[len(ws)-1], os.O_APPEND|os.O_WRONLY, 0)
			if err != nil {
				t.Fatal(err)
			}
			f.Write([]byte{0x1f, 0x8b, 0x08, 0, 0, 0, 0, 0, 0, 0xff, 1, 2, 3})
			f.Close()
		}, check.PartWARC, "incomplete record", false},
		{"capture pointer into nothing", func(t *testing.T, data string) {
			st, err := store.Open(archive.ArticlesPath(data))
			if err != nil {
				t.Fatal(err)
			}
			defer st.Close()
			var victim *article.Article
			st.ForEach(func(a *article.Article) error {
				if victim == nil && a.Capture != nil {
					victim = a
				}
				return nil
			})
			victim.Capture.Offset += 7
			if _, err := st.Put(victim); err != nil {
				t.Fatal(err)
			}
		}, check.PartCaptures, "lead to no valid WARC record", true},
		{"power cut", cutLastWARC, check.PartCaptures, "lead past the complete records", false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			data := crawled.Copy(t)
			c.damage(t, data)
			rep := run(t, data, false, false)
			if rep.OK() || !hasProblem(rep, c.part, c.what) {
				t.Fatalf("damage not reported as %s: %q", c.part, c.what)
			}
			rep = run(t, data, true, c.drop)
			if !rep.OK() || len(rep.Repaired) == 0 {
				t.Fatalf("--repair left problems or said nothing: %+v", rep)
			}
			if rep = run(t, data, false, false); !rep.OK() {
				t.Fatal("not clean after --repair")
			}
		})
	}
}

// TestDamagedRecords: a bit-flipped store is reported, with restoring it
// as the fix, and is not "repaired".
func TestDamagedRecords(t *testing.T) {
	data := crawled.Copy(t)
	p := archive.ArticlesPath(data)
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	for i := len(b) / 3; i < 2*len(b)/3; i += 4096 {
		b[i] ^= 0x33 // page ids: bbolt asserts on them
		b[i+100] ^= 0xff
	}
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	rep := run(t, data, false, false)
	if !hasProblem(rep, check.PartStore, "damaged") {
		t.Fatal("damaged records not reported")
	}
	for _, pr := range rep.Problems {
		if pr.Part == check.PartStore && (pr.Repairable || !strings.Contains(pr.Fix, "backup")) {
			t.Errorf("records problem %+v: want not repairable, restore from a backup", pr)
		}
	}
}

// cutLastWARC cuts the archive's last WARC file to half its length, as a
// power cut did to a file whose bytes were not synced before the records
// pointing into it were committed.
func cutLastWARC(t *testing.T, data string) {
	ws, _ := filepath.Glob(filepath.Join(data, "warc", "*.warc.gz"))
	fi, err := os.Stat(ws[len(ws)-1])
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(ws[len(ws)-1], fi.Size()/2); err != nil {
		t.Fatal(err)
	}
}

// TestRepairPowerCut: the records whose captures a power cut took lose
// their pointers on a plain --repair and are marked for the next crawl to
// fetch again; the others keep theirs.
func TestRepairPowerCut(t *testing.T) {
	data := crawled.Copy(t)
	before := map[string]bool{}
	recordstest.Each(t, data, func(a *article.Article) {
		before[a.URL] = a.Capture != nil
	})
	cutLastWARC(t, data)
	rep := run(t, data, true, false)
	if !rep.OK() {
		t.Fatalf("--repair left problems: %+v", rep.Problems)
	}
	lost, kept := 0, 0
	recordstest.Each(t, data, func(a *article.Article) {
		switch {
		case a.CaptureLost && a.Capture == nil && before[a.URL]:
			lost++
		case a.CaptureLost:
			t.Errorf("%s: marked lost, capture %v, had one %v", a.URL, a.Capture, before[a.URL])
		case a.Capture != nil:
			kept++
		}
	})
	if lost == 0 || kept == 0 {
		t.Errorf("%d pointers cleared and %d kept, want some of each", lost, kept)
	}
	said := false
	for _, r := range rep.Repaired {
		said = said || strings.Contains(r, fmt.Sprintf("removed %d capture pointers past", lost))
	}
	if !said {
		t.Errorf("--repair said %q, not that it removed %d pointers", rep.Repaired, lost)
	}
}
