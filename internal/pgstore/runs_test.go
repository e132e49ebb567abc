package pgstore

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/wenming-archive/wenming/internal/article"
	"github.com/wenming-archive/wenming/internal/pgstore/pgtest"
	"github.com/wenming-archive/wenming/internal/runs"
)

// TestRunLockAndLog: workers log their runs and hold the run lock
// shared; an exclusive operation is refused while one runs, naming it,
// and turns workers away while it holds the lock; a worker killed before
// it logged its end is listed as killed.
func TestRunLockAndLog(t *testing.T) {
	ctx := context.Background()
	dsn := pgtest.DSN(t)
	t0 := time.Date(2026, 3, 1, 2, 0, 0, 0, time.UTC)
	run := func(worker, id string, at time.Time) runs.Run {
		return runs.Run{ID: id, Worker: worker, Trigger: "crawl", Started: at, Finished: at}
	}
	a, err := BeginRun(ctx, dsn, run("host-a-1", "r1", t0), nil)
	if err != nil {
		t.Fatal(err)
	}
	b, err := BeginRun(ctx, dsn, run("host-b-2", "r1", t0.Add(time.Second)), nil)
	if err != nil {
		t.Fatalf("a second worker's run: %v", err)
	}
	var busy *BusyError
	if _, err := AcquireExclusive(ctx, dsn, "check --repair", nil); !errors.As(err, &busy) || len(busy.Workers) != 2 {
		t.Fatalf("exclusive while two workers run = %v; want a BusyError naming both", err)
	}
	r := run("host-a-1", "r1", t0)
	r.Pages, r.Status = 7, "ok"
	if err := a.End(ctx, r); err != nil {
		t.Fatal(err)
	}
	// b is killed: its session ends without its end logged. The server
	// lets go of the session's lock when it has seen the connection close,
	// a moment later on a loaded machine: the run is killed once it has.
	b.conn.Close(ctx)
	var list []runs.Run
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		var err error
		if list, err = Runs(ctx, dsn, 0, nil); err != nil {
			t.Fatal(err)
		}
		if len(list) != 2 || list[1].Status != runs.StatusRunning || time.Now().After(deadline) {
			break
		}
	}
	if len(list) != 2 || list[0].Status != "ok" || list[0].Pages != 7 || list[0].Worker != "host-a-1" ||
		list[1].Status != runs.StatusKilled || list[1].Worker != "host-b-2" {
		t.Fatalf("run log %+v", list)
	}
	if !strings.Contains(list[1].Error, "; figures as of ") || !strings.HasSuffix(list[1].Error, " into the run") {
		t.Errorf("killed run: %q, want the time of its figures into the run (no time zone)", list[1].Error)
	}
	x, err := AcquireExclusive(ctx, dsn, "check --repair", nil)
	if err != nil {
		t.Fatalf("exclusive with no worker running: %v", err)
	}
	var held *HeldError
	if _, err := BeginRun(ctx, dsn, run("host-c-3", "r2", t0.Add(time.Hour)), nil); !errors.As(err, &held) || held.What != "check --repair" {
		t.Fatalf("a worker starting under an exclusive holder = %v; want a HeldError naming it", err)
	}
	if _, err := AcquireExclusive(ctx, dsn, "check --repair", nil); !errors.As(err, &held) {
		t.Fatalf("a second exclusive holder = %v; want a HeldError", err)
	} else if want := " since " + held.Since.In(article.China).Format(time.DateTime) + " Beijing time)"; !strings.Contains(err.Error(), want) {
		t.Errorf("a second exclusive holder: %q, want it to say %q", err, want)
	}
	if err := x.Release(); err != nil {
		t.Fatal(err)
	}
	c, err := BeginRun(ctx, dsn, run("host-c-3", "r2", t0.Add(time.Hour)), nil)
	if err != nil {
		t.Fatalf("a worker after the exclusive holder: %v", err)
	}
	if list, _ := Runs(ctx, dsn, 0, nil); len(list) != 3 || list[2].Status != runs.StatusRunning {
		t.Errorf("a run in progress is listed as %+v", list[len(list)-1])
	}
	// The last two only: the killed run and the one in progress.
	if list, err := Runs(ctx, dsn, 2, nil); err != nil || len(list) != 2 || list[0].Worker != "host-b-2" || list[1].Status != runs.StatusRunning {
		t.Errorf("the last 2 runs: %+v, %v; want host-b-2's killed run, then the one in progress", list, err)
	}
	c.End(ctx, run("host-c-3", "r2", t0.Add(time.Hour)))
}

// TestReleaseIsImmediate takes the exclusive hold again and again right
// after letting it go, and a run right after an exclusive hold: a lock
// ended only by closing the session is still held for a moment after
// Close returns (check --repair, then reindex at once, failed so).
func TestReleaseIsImmediate(t *testing.T) {
	ctx := context.Background()
	dsn := pgtest.DSN(t)
	for i := range 40 {
		x, err := AcquireExclusive(ctx, dsn, "check --repair", nil)
		if err != nil {
			t.Fatalf("round %d: %v", i, err)
		}
		if err := x.Release(); err != nil {
			t.Fatal(err)
		}
		r, err := BeginRun(ctx, dsn, runs.Run{ID: strconv.Itoa(i), Trigger: "crawl", Worker: "w1", Started: time.Now()}, nil)
		if err != nil {
			t.Fatalf("round %d: a run right after the hold: %v", i, err)
		}
		if err := r.End(ctx, runs.Run{ID: strconv.Itoa(i), Status: "ok"}); err != nil {
			t.Fatal(err)
		}
	}
}
