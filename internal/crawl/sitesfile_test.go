package crawl

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"sync"
	"testing"

	"github.com/wenming-archive/wenming/internal/article"
)

// countySite is the i-th site of a test registry: a county under one of
// a few cities, named by place only until its homepage names it.
func countySite(i int) siteEntry {
	host := fmt.Sprintf("www.c%dwmw.gov.cn", i)
	return siteEntry{Site: article.Site{Host: host, Name: fmt.Sprintf("县%d", i), Level: article.County}, Home: "http://" + host + "/", Parent: fmt.Sprintf("c%d.wenming.cn", i%30)}
}

// TestRegistrySaveCostsTheChange: a save after one homepage writes what
// the homepage changed, not the whole registry (it was written whole
// after every homepage: a crawl of 3,000 sites wrote 3,000 × 3,000
// entries). The snapshot is rewritten only once the journal has as many
// lines as the registry has sites; what is on disk always reads back as
// the registry in memory.
func TestRegistrySaveCostsTheChange(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sites.json")
	reg, err := openSites(path, nil, article.County, nil)
	if err != nil {
		t.Fatal(err)
	}
	const n = 2000
	for i := range n {
		reg.add(countySite(i))
	}
	if err := reg.save(); err != nil {
		t.Fatal(err)
	}
	first, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	rewrites := 0
	last := first
	for i := range 500 {
		e := countySite(i)
		reg.setName(e.Site.Host, e.Site.Name+"文明网")
		if i%2 == 0 {
			reg.place(e.Site.Host, e.Parent, article.County)
		}
		if err := reg.save(); err != nil {
			t.Fatal(err)
		}
		st, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		if !os.SameFile(st, last) {
			rewrites++
			last = st
		}
		if jst, err := os.Stat(reg.journalPath()); err == nil && jst.Size() > 2*st.Size() {
			t.Fatalf("journal of %d bytes beside a snapshot of %d", jst.Size(), st.Size())
		}
	}
	if rewrites > 1 {
		t.Errorf("500 saves of one changed site each rewrote the registry of %d sites %d times, want at most once", n, rewrites)
	}
	checkReadsBack(t, reg)

	// the end of a run leaves the snapshot alone
	if err := reg.finish(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(reg.journalPath()); !os.IsNotExist(err) {
		t.Errorf("journal left after finish: %v", err)
	}
	checkReadsBack(t, reg)
}

// TestRegistryTornJournal: a journal whose last line a power cut tore
// reads as the lines before it, and the next save writes a snapshot and
// leaves no torn line behind.
func TestRegistryTornJournal(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sites.json")
	reg, err := openSites(path, nil, article.County, nil)
	if err != nil {
		t.Fatal(err)
	}
	for i := range 10 {
		reg.add(countySite(i))
	}
	if err := reg.save(); err != nil {
		t.Fatal(err)
	}
	reg.setName(countySite(3).Site.Host, "县3文明网")
	if err := reg.save(); err != nil {
		t.Fatal(err)
	}
	if err := appendFile(reg.journalPath(), []byte(`{"site":{"host":"www.c4wm`)); err != nil {
		t.Fatal(err)
	}
	again, err := openSites(path, nil, article.County, nil)
	if err != nil {
		t.Fatal(err)
	}
	if e, _ := again.get(countySite(3).Site.Host); e.Site.Name != "县3文明网" {
		t.Errorf("the journal's whole line was not read: %+v", e)
	}
	again.setName(countySite(5).Site.Host, "县5文明网")
	if err := again.save(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(again.journalPath()); !os.IsNotExist(err) {
		t.Errorf("torn journal kept: %v", err)
	}
	checkReadsBack(t, again)
}

// checkReadsBack opens the registry's file again and compares.
func checkReadsBack(t *testing.T, reg *sites) {
	t.Helper()
	back, err := openSites(reg.path, nil, article.County, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(back.byHost, reg.byHost) {
		t.Errorf("the registry read back differs (%d sites read, %d in memory)", len(back.byHost), len(reg.byHost))
	}
}

// TestRegistryConcurrentSaves: workers save the registry at once (each
// after its homepage); what is on disk is still the whole registry — a
// snapshot written by one save does not drop what another appended.
func TestRegistryConcurrentSaves(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sites.json")
	reg, err := openSites(path, nil, article.County, nil)
	if err != nil {
		t.Fatal(err)
	}
	const workers, each = 8, 100
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range each {
				reg.add(countySite(w*each + i))
				if err := reg.save(); err != nil {
					t.Error(err)
					return
				}
			}
		}()
	}
	wg.Wait()
	checkReadsBack(t, reg)
}
