package archive_test

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/wenming-archive/wenming/internal/archive"
	"github.com/wenming-archive/wenming/internal/frontier"
)

// TestCrawlState: a frontier with work left is resumed, a finished one
// begun again, a damaged one set aside and begun again; a pass is kept
// across a resumed run, begun anew otherwise, and remembers what an
// unfinished run left unsettled.
func TestCrawlState(t *testing.T) {
	data := t.TempDir()
	h, err := archive.Acquire(data, true)
	if err != nil {
		t.Fatal(err)
	}
	defer h.Close()

	f, resumed, err := h.OpenFrontier("")
	if err != nil || resumed {
		t.Fatalf("a new archive's frontier: resumed %v, %v", resumed, err)
	}
	if _, err := f.Push(frontier.Request{URL: "http://a.example.cn/1.html", Host: "a.example.cn"}); err != nil {
		t.Fatal(err)
	}
	f.Close()
	f, resumed, err = h.OpenFrontier("")
	if err != nil || !resumed || f.Len() != 1 {
		t.Fatalf("a frontier with work left: resumed %v, %d queued, %v", resumed, f.Len(), err)
	}
	if r, ok, err := f.Pop("a.example.cn"); err != nil || !ok {
		t.Fatalf("pop: %v %v", ok, err)
	} else if err := f.Done(r.URL); err != nil {
		t.Fatal(err)
	}
	f.Close()
	f, resumed, err = h.OpenFrontier("")
	if err != nil || resumed || f.Len() != 0 {
		t.Fatalf("a finished frontier: resumed %v, %d queued, %v", resumed, f.Len(), err)
	}
	f.Close()

	// A group's frontier is its own file; a damaged one is set aside.
	path := archive.GroupFrontierPath(data, "hebei")
	if err := os.WriteFile(path, []byte("not a bbolt file, not at all: a torn write"), 0o600); err != nil {
		t.Fatal(err)
	}
	f, resumed, err = h.OpenFrontier("hebei")
	if err != nil || resumed {
		t.Fatalf("a damaged frontier: resumed %v, %v", resumed, err)
	}
	f.Close()
	if m, _ := filepath.Glob(path + ".damaged-*"); len(m) != 1 {
		t.Fatalf("the damaged frontier was not set aside: %v", m)
	}

	p1, err := h.BeginPass("", false)
	if err != nil || p1.Started.IsZero() || !p1.SettleSince.Equal(p1.Started) {
		t.Fatalf("a new pass: %+v, %v", p1, err)
	}
	time.Sleep(10 * time.Millisecond)
	p2, err := h.BeginPass("", true)
	if err != nil || !p2.Started.Equal(p1.Started) {
		t.Fatalf("a resumed pass begins at %v, want %v (%v)", p2.Started, p1.Started, err)
	}
	// Not settled: the next pass still settles from the first's start.
	p3, err := h.BeginPass("", false)
	if err != nil || !p3.Started.After(p1.Started) || !p3.SettleSince.Equal(p1.Started) {
		t.Fatalf("a new pass after an unsettled one: %+v (first began %v), %v", p3, p1.Started, err)
	}
	if err := p3.Settled(); err != nil {
		t.Fatal(err)
	}
	p4, err := h.BeginPass("", true)
	if err != nil || !p4.SettleSince.Equal(p4.Started) {
		t.Fatalf("after settling, a pass settles from its own start: %+v, %v", p4, err)
	}
	// A torn record is a new pass.
	if err := os.WriteFile(archive.PassPath(data, ""), []byte(`{"started":`), 0o644); err != nil {
		t.Fatal(err)
	}
	if p5, err := h.BeginPass("", true); err != nil || !p5.Started.After(p4.Started) {
		t.Fatalf("a torn pass record: %+v, %v", p5, err)
	}
	p6 := p4
	shared := p4.Started.Add(-time.Hour)
	p6.Join(shared)
	if !p6.Started.Equal(shared) || !p6.SettleSince.Equal(shared) {
		t.Fatalf("a joined pass: %+v, want begun and settling at %v", p6, shared)
	}
}
