package runs

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"
)

// TestSettleReadsTheLogsEnd: settling a killed run's trace reads the end
// of the log, not all of it: a run over the whole hierarchy logs a line
// of hundreds of KB (thousands of stopped patterns), and years of nightly
// runs are gigabytes, which the first run after a kill read whole. The
// killed run is logged once, whether or not it was logged before the kill.
func TestSettleReadsTheLogsEnd(t *testing.T) {
	dir := t.TempDir()
	started := time.Date(2026, 1, 1, 2, 0, 0, 0, time.UTC)
	wide := func(id string, day int) Run {
		r := wideRun(id, started.AddDate(0, 0, day))
		r.Finished, r.Status = r.Started.Add(time.Hour), "ok"
		return r
	}
	for day := range 80 {
		if err := Append(dir, wide(fmt.Sprintf("night-%d", day), day)); err != nil {
			t.Fatal(err)
		}
	}
	fi, err := os.Stat(filepath.Join(dir, LogFile))
	if err != nil {
		t.Fatal(err)
	}
	for _, loggedBefore := range []bool{false, true} {
		killed := wide(fmt.Sprintf("killed-%v", loggedBefore), 100)
		killed.Status = StatusRunning
		if loggedBefore { // killed between logging its end and removing its trace
			if err := Append(dir, killed); err != nil {
				t.Fatal(err)
			}
		}
		b, err := json.Marshal(killed)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, MarkerFile), b, 0o644); err != nil {
			t.Fatal(err)
		}
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		_, settled, err := Settle(dir)
		runtime.ReadMemStats(&after)
		if err != nil || settled == loggedBefore {
			t.Fatalf("logged before the kill %v: Settle logged it %v, %v", loggedBefore, settled, err)
		}
		if alloc := after.TotalAlloc - before.TotalAlloc; alloc > uint64(fi.Size())/2 {
			t.Errorf("logged before the kill %v: Settle allocated %d bytes over a log of %d: it read the whole log", loggedBefore, alloc, fi.Size())
		}
		logged, err := Read(dir)
		if err != nil || len(logged) != 81 || logged[80].ID != killed.ID {
			t.Fatalf("logged before the kill %v: %d runs logged (%v), want the 80 and the killed one once", loggedBefore, len(logged), err)
		}
		// The next case's log: the 80 nights again.
		if err := os.WriteFile(filepath.Join(dir, LogFile), nil, 0o644); err != nil {
			t.Fatal(err)
		}
		for day := range 80 {
			if err := Append(dir, wide(fmt.Sprintf("night-%d", day), day)); err != nil {
				t.Fatal(err)
			}
		}
	}
}

// wideRun is a crawl's run over the whole hierarchy, begun at started:
// 2,000 URL patterns stopped, a calendar on each county site.
func wideRun(id string, started time.Time) Run {
	r := Run{ID: id, Trigger: "crawl", Started: started, Finished: started}
	for i := range 2000 {
		r.Stopped = append(r.Stopped, StoppedPattern{Pattern: fmt.Sprintf("www.c%dwm.gov.cn/wmrl/?m={n}&y={n}", i), Example: fmt.Sprintf("http://www.c%dwm.gov.cn/wmrl/?m=11&y=2031", i), Requests: 21, Reason: "idle"})
	}
	return r
}
