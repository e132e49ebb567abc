package runs

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/wenming-archive/wenming/internal/childtest"
)

// TestKilledRunLeavesATrace: a run killed with SIGKILL after it began is
// shown as killed, with its start and its last figures, and the next run
// logs it once.
func TestKilledRunLeavesATrace(t *testing.T) {
	var dir string
	if childtest.Child(t, "WENMING_MARKER_CHILD", &dir) {
		l, err := Acquire(dir)
		if err != nil {
			os.Exit(3)
		}
		defer l.Release()
		started := time.Date(2026, 11, 25, 2, 0, 0, 0, time.UTC)
		m, err := Begin(dir, Run{ID: "killed-one", Trigger: "crawl", Started: started, Finished: started})
		if err != nil {
			os.Exit(4)
		}
		if err := m.Update(Run{ID: "killed-one", Trigger: "crawl", Started: started, Finished: started.Add(time.Minute), Pages: 42}); err != nil {
			os.Exit(5)
		}
		os.Stdout.WriteString("running\n")
		time.Sleep(time.Minute)
		return
	}
	dir = t.TempDir()
	if err := Append(dir, Run{ID: "earlier", Status: "ok"}); err != nil {
		t.Fatal(err)
	}
	cmd := childtest.Command(t, "TestKilledRunLeavesATrace", "WENMING_MARKER_CHILD", dir)
	childtest.StartReady(t, cmd, "running")
	r, ok, err := Current(dir)
	if err != nil || !ok || r.Status != StatusRunning || r.Pages != 42 {
		t.Fatalf("while the child runs: %+v %v %v, want running with 42 pages", r, ok, err)
	}
	cmd.Process.Kill()
	cmd.Wait()

	r, ok, err = Current(dir)
	if err != nil || !ok {
		t.Fatalf("after the kill: no trace (%v)", err)
	}
	want := time.Date(2026, 11, 25, 2, 0, 0, 0, time.UTC)
	if r.Status != StatusKilled || r.ID != "killed-one" || !r.Started.Equal(want) || r.Duration() != time.Minute || r.Pages != 42 || r.Error == "" {
		t.Fatalf("after the kill: %+v", r)
	}
	// The message for people says when the figures are from in no time zone.
	if !strings.Contains(r.Error, "; figures as of 1m0s into the run;") {
		t.Errorf("after the kill: %q, want the time of the figures into the run", r.Error)
	}
	logged, _ := Read(dir)
	if len(logged) != 1 {
		t.Fatalf("the trace is not logged before the next run: %+v", logged)
	}

	// The next run settles it: logged once as killed, the trace gone.
	l, err := Acquire(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Release()
	if _, ok, err := Settle(dir); err != nil || !ok {
		t.Fatalf("Settle: %v %v", ok, err)
	}
	if _, ok, err := Settle(dir); err != nil || ok {
		t.Fatalf("second Settle: %v %v, want nothing to settle", ok, err)
	}
	logged, _ = Read(dir)
	if len(logged) != 2 || logged[1].Status != StatusKilled || !logged[1].Started.Equal(want) || logged[1].Pages != 42 {
		t.Fatalf("log after Settle: %+v", logged)
	}
	if _, err := os.Stat(filepath.Join(dir, MarkerFile)); !os.IsNotExist(err) {
		t.Fatalf("marker left: %v", err)
	}
}

// TestMarkerEnd: a run that ends normally leaves no trace, and its line is
// in the log; the marker reserves room on the disk for that line.
func TestMarkerEnd(t *testing.T) {
	dir := t.TempDir()
	now := time.Now()
	m, err := Begin(dir, Run{ID: "r1", Started: now})
	if err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(filepath.Join(dir, MarkerFile))
	if err != nil || fi.Size() < markerReserve {
		t.Fatalf("marker: %v, %d bytes, want ≥ %d", err, fi.Size(), markerReserve)
	}
	if err := m.End(Run{ID: "r1", Started: now, Finished: now, Status: "failed", Error: "disk full"}); err != nil {
		t.Fatal(err)
	}
	if _, ok, err := Current(dir); ok || err != nil {
		t.Fatalf("trace after End: %v %v", ok, err)
	}
	logged, _ := Read(dir)
	if len(logged) != 1 || logged[0].Status != "failed" {
		t.Fatalf("log: %+v", logged)
	}
}
