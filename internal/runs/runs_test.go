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

// A run over the whole hierarchy logs thousands of stopped patterns and
// hosts left: its line, megabytes long, is read, and so are the runs
// after it.
func TestLogLongRun(t *testing.T) {
	dir := t.TempDir()
	wide := Run{ID: "wide", Status: "ok", SkippedHosts: map[string]string{}}
	for i := range 20000 {
		host := fmt.Sprintf("www.county%04d.wenming.cn", i%2800)
		wide.Stopped = append(wide.Stopped, StoppedPattern{
			Pattern: host + "/wmrl/?m={n}&y={n}", Example: "http://" + host + "/wmrl/?m=11&y=" + fmt.Sprint(2026-i),
			Requests: 20, Reason: "20 pages in a row revealed nothing new: calendar or archive view"})
		wide.SkippedHosts[host] = "answers an anti-bot script challenge: HTTP 412"
	}
	for _, r := range []Run{{ID: "before", Status: "ok"}, wide, {ID: "after", Status: "ok"}} {
		if err := Append(dir, r); err != nil {
			t.Fatal(err)
		}
	}
	if fi, err := os.Stat(filepath.Join(dir, LogFile)); err != nil || fi.Size() < 4<<20 {
		t.Fatalf("log of %v bytes, want over 4 MiB: %v", fi.Size(), err)
	}
	runs, err := Read(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(runs) != 3 || runs[1].ID != "wide" || len(runs[1].Stopped) != 20000 || runs[2].ID != "after" {
		t.Fatalf("read %d runs; want before, wide (20,000 stopped patterns), after", len(runs))
	}
}

// ReadLast reads the same runs as the end of Read's list, across torn
// lines and lines longer than the chunks it reads back in.
func TestReadLast(t *testing.T) {
	dir := t.TempDir()
	if runs, err := ReadLast(dir, 3); err != nil || len(runs) != 0 {
		t.Fatalf("no log: %v %v", runs, err)
	}
	for i := range 12 {
		r := Run{ID: fmt.Sprintf("r%02d", i), Status: "ok"}
		if i%4 == 1 {
			r.Error = strings.Repeat("长", 30000) // 90 KB: longer than a chunk
		}
		if err := Append(dir, r); err != nil {
			t.Fatal(err)
		}
		if i%3 == 2 { // a crash mid-write, several torn lines in a row at the end
			f, err := os.OpenFile(filepath.Join(dir, LogFile), os.O_APPEND|os.O_WRONLY, 0)
			if err != nil {
				t.Fatal(err)
			}
			f.WriteString(`{"id":"torn","sta`)
			f.Close()
		}
	}
	all, err := Read(dir)
	if err != nil || len(all) != 12 {
		t.Fatalf("Read: %d runs, %v", len(all), err)
	}
	for n := 0; n <= 14; n++ {
		got, err := ReadLast(dir, n)
		if err != nil {
			t.Fatalf("ReadLast(%d): %v", n, err)
		}
		want := all
		if n > 0 {
			want = all[max(0, len(all)-n):]
		}
		ids := func(rs []Run) (out []string) {
			for _, r := range rs {
				out = append(out, r.ID)
			}
			return out
		}
		if fmt.Sprint(ids(got)) != fmt.Sprint(ids(want)) {
			t.Errorf("ReadLast(%d) = %v, want %v", n, ids(got), ids(want))
		}
	}
}
