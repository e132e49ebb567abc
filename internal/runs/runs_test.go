package runs

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/wenming-archive/wenming/internal/childtest"
)

func TestLock(t *testing.T) {
	dir := t.TempDir()
	l, err := Acquire(dir)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Acquire(dir); !errors.Is(err, ErrBusy) {
		t.Fatalf("second Acquire: %v, want ErrBusy", err)
	} else if want := fmt.Sprintf("(pid %d holds %s): try again when it ends", os.Getpid(), filepath.Join(dir, LockFile)); !strings.Contains(err.Error(), want) {
		t.Errorf("second Acquire: %q, want it to say %q", err, want)
	}
	if err := l.Release(); err != nil {
		t.Fatal(err)
	}
	l2, err := Acquire(dir)
	if err != nil {
		t.Fatalf("after Release: %v", err)
	}
	l2.Release()
}

// TestLockOfDeadProcess: a process that holds the lock and is killed does
// not hold it any more.
func TestLockOfDeadProcess(t *testing.T) {
	var dir string
	if childtest.Child(t, "WENMING_LOCK_CHILD", &dir) {
		if _, err := Acquire(dir); err != nil {
			os.Exit(3)
		}
		os.Stdout.WriteString("locked\n")
		time.Sleep(time.Minute)
		return
	}
	dir = t.TempDir()
	cmd := childtest.Command(t, "TestLockOfDeadProcess", "WENMING_LOCK_CHILD", dir)
	childtest.StartReady(t, cmd, "locked")
	if _, err := Acquire(dir); !errors.Is(err, ErrBusy) {
		t.Fatalf("while the child holds it: %v", err)
	}
	cmd.Process.Kill()
	cmd.Wait()
	l, err := Acquire(dir)
	if err != nil {
		t.Fatalf("after the holder was killed: %v", err)
	}
	l.Release()
}

func TestLog(t *testing.T) {
	dir := t.TempDir()
	if runs, err := Read(dir); err != nil || len(runs) != 0 {
		t.Fatalf("empty log: %v %v", runs, err)
	}
	t0 := time.Date(2026, 11, 25, 3, 0, 0, 0, time.UTC)
	for i, st := range []string{"ok", "interrupted"} {
		r := Run{ID: "r" + string(rune('1'+i)), Trigger: "crawl", Started: t0, Finished: t0.Add(time.Minute), Status: st, Pages: int64(10 * (i + 1))}
		if err := Append(dir, r); err != nil {
			t.Fatal(err)
		}
	}
	// A torn last line, as a crash mid-write would leave.
	f, _ := os.OpenFile(filepath.Join(dir, LogFile), os.O_APPEND|os.O_WRONLY, 0)
	f.WriteString(`{"id":"r3","trig`)
	f.Close()
	if err := Append(dir, Run{ID: "r4", Status: "ok"}); err != nil {
		t.Fatal(err)
	}
	runs, err := Read(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(runs) != 3 || runs[2].ID != "r4" || runs[1].Status != "interrupted" || runs[1].Pages != 20 || runs[0].Duration() != time.Minute {
		t.Fatalf("runs = %+v", runs)
	}
}
