package schedule

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

func TestValidate(t *testing.T) {
	for _, ok := range []string{"0 2 * * *", "*/5 * * * * *", "@daily", "@every 6h", "30 1 * * 1-5"} {
		if err := Validate(ok); err != nil {
			t.Errorf("Validate(%q): %v", ok, err)
		}
	}
	for _, bad := range []string{"", "every night", "61 * * * *", "* * * *"} {
		if err := Validate(bad); err == nil {
			t.Errorf("Validate(%q) accepted", bad)
		}
	}
}

func TestNextInChinaTime(t *testing.T) {
	// 02:00 in Beijing is 18:00 UTC the day before.
	now := time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)
	next, err := Next("0 2 * * *", now)
	if err != nil {
		t.Fatal(err)
	}
	if want := time.Date(2026, 11, 25, 18, 0, 0, 0, time.UTC); !next.Equal(want) {
		t.Errorf("next = %v, want %v", next.UTC(), want)
	}
}

// TestRunNeverOverlaps: a job that takes longer than its period is
// skipped while it runs, and cancelling waits for the running job.
func TestRunNeverOverlaps(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	var running, maxRunning, runs atomic.Int32
	var finishedAfterCancel atomic.Bool
	var once sync.Once
	runner := func(ctx context.Context, j Job) error {
		n := running.Add(1)
		defer running.Add(-1)
		if n > maxRunning.Load() {
			maxRunning.Store(n)
		}
		if runs.Add(1) == 2 {
			once.Do(func() { go func() { time.Sleep(200 * time.Millisecond); cancel() }() })
		}
		select {
		case <-time.After(1500 * time.Millisecond):
		case <-ctx.Done():
			time.Sleep(50 * time.Millisecond) // finish in-flight work
			finishedAfterCancel.Store(true)
		}
		return ctx.Err()
	}
	jobs := []Job{{Name: "a", Spec: "* * * * * *"}, {Name: "b", Spec: "* * * * * *"}}
	done := make(chan error)
	go func() { done <- Run(ctx, jobs, runner, nil) }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("scheduler did not stop")
	}
	if maxRunning.Load() != 1 {
		t.Errorf("%d runs at once", maxRunning.Load())
	}
	if !finishedAfterCancel.Load() {
		t.Error("Run returned before the running job finished")
	}
	if running.Load() != 0 {
		t.Error("a job still running after Run returned")
	}
}
