package runs

import (
	"testing"
	"time"
)

// TestWideMarkerShrinks: the trace of a run over the whole hierarchy is
// larger than the reserve the marker is padded to (thousands of stopped
// patterns), and an update whose figures take fewer digits than the last
// (pending 10000 → 5) is shorter than the file: the trace must still read
// as that update, not as a torn file (a run of trigger "?" without
// figures, in wenming runs, on the web page and in the killed run's log
// line).
func TestWideMarkerShrinks(t *testing.T) {
	dir := t.TempDir()
	started := time.Date(2026, 11, 25, 2, 0, 0, 0, time.UTC)
	r := wideRun("wide", started)
	r.Finished, r.Pages, r.Pending = started.Add(time.Minute), 42, 10000
	m, err := Begin(dir, r)
	if err != nil {
		t.Fatal(err)
	}
	defer m.f.Close()
	r.Pending, r.Pages, r.Finished = 5, 43, started.Add(2*time.Minute)
	if err := m.Update(r); err != nil {
		t.Fatal(err)
	}
	got, ok, err := current(dir, false)
	if err != nil || !ok || got.Trigger != "crawl" || got.Pending != 5 || got.Pages != 43 || len(got.Stopped) != 2000 {
		t.Fatalf("the trace after a shorter update: %v %v, trigger %q, pending %d, pages %d, %d stopped; want the update's", ok, err, got.Trigger, got.Pending, got.Pages, len(got.Stopped))
	}
}
