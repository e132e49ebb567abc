package runs

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/wenming-archive/wenming/internal/filelock"
)

// MarkerFile is the trace of the run in progress, inside the archive
// directory. A run writes it when it starts and removes it when it logs
// its end; one left behind belongs to a run that never logged its end
// (killed with SIGKILL, a crash, a power cut), which the next run logs as
// killed and "wenming runs" shows as such.
const MarkerFile = "running.json"

// Statuses of runs that did not log their own end, as Current reports them.
const (
	StatusRunning = "running" // the marker's run holds the archive lock now
	StatusKilled  = "killed"  // it ended without logging its end
)

// markerReserve is the size the marker file is padded to. It reserves
// room on the archive's filesystem for the run's last line in the log: a
// run stopped by a full disk removes the marker first, which frees at
// least this much, so that the line saying why it failed can be written.
// Updates rewrite the padded file in place and need no new space.
const markerReserve = 64 << 10

// Marker is the open trace of a running run.
type Marker struct {
	dir string
	f   *os.File
}

// Begin writes r as the trace of the run starting in dir (under the
// archive lock). It fails when the file cannot be written in full — on a
// full disk, say, where the run could not work anyway.
func Begin(dir string, r Run) (*Marker, error) {
	path := filepath.Join(dir, MarkerFile)
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return nil, fmt.Errorf("run marker: %w", err)
	}
	m := &Marker{dir: dir, f: f}
	if err := m.Update(r); err != nil {
		f.Close()
		os.Remove(path)
		return nil, err
	}
	return m, nil
}

// Update rewrites the trace with r's figures so far, so that a killed
// run is logged with what it had done.
func (m *Marker) Update(r Run) error {
	r.Status = StatusRunning
	b, err := json.Marshal(r)
	if err != nil {
		return fmt.Errorf("run marker: %w", err)
	}
	b = append(b, '\n')
	if len(b) < markerReserve {
		b = append(b, bytes.Repeat([]byte{' '}, markerReserve-len(b))...)
	}
	if _, err := m.f.WriteAt(b, 0); err != nil {
		return fmt.Errorf("run marker %s: %w", m.f.Name(), err)
	}
	// A trace larger than the reserve (a run over the whole hierarchy,
	// thousands of stopped patterns) is not padded: cut what is left of
	// a longer earlier one (pending 10000, now 5).
	if err := m.f.Truncate(int64(len(b))); err != nil {
		return fmt.Errorf("run marker %s: %w", m.f.Name(), err)
	}
	if err := m.f.Sync(); err != nil {
		return fmt.Errorf("run marker %s: %w", m.f.Name(), err)
	}
	return nil
}

// End removes the trace, freeing its reserve, and appends r to the log.
func (m *Marker) End(r Run) error {
	err := m.f.Close()
	if rerr := os.Remove(m.f.Name()); rerr != nil && err == nil {
		err = rerr
	}
	if err != nil {
		err = fmt.Errorf("run marker: %w", err)
	}
	return errors.Join(err, Append(m.dir, r))
}

// Current returns the run whose trace is in dir: StatusRunning while a
// process holds the archive lock, else StatusKilled, with the figures of
// its last update and Finished set to that update's time. ok is false
// when there is no trace.
func Current(dir string) (r Run, ok bool, err error) {
	return current(dir, Held(dir))
}

// current reads the trace; held says whether its run is alive.
func current(dir string, held bool) (r Run, ok bool, err error) {
	path := filepath.Join(dir, MarkerFile)
	b, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return Run{}, false, nil
	}
	if err != nil {
		return Run{}, false, fmt.Errorf("run marker: %w", err)
	}
	if json.Unmarshal(bytes.TrimSpace(b), &r) != nil || r.Started.IsZero() {
		// Torn by a crash while it was written: what is left is when.
		var when time.Time
		if fi, err := os.Stat(path); err == nil {
			when = fi.ModTime()
		}
		r = Run{ID: when.Format("20060102T150405.000"), Trigger: "?", Started: when}
	}
	if r.Finished.IsZero() || r.Finished.Before(r.Started) {
		r.Finished = r.Started
	}
	if held {
		r.Status, r.Error = StatusRunning, ""
		return r, true, nil
	}
	r.Status = StatusKilled
	r.Error = fmt.Sprintf("the run ended without logging its end (killed, or the machine stopped); %s; the next run resumes its pass", r.FiguresAsOf())
	return r, true, nil
}

// Settle logs the run a killed process left a trace of, as StatusKilled,
// and removes the trace. Call it holding the archive lock, before Begin.
// ok is false when there was none.
func Settle(dir string) (r Run, ok bool, err error) {
	// The caller holds the lock: the trace's process is gone.
	r, ok, err = current(dir, false)
	if err != nil || !ok {
		return r, false, err
	}
	// A kill between the Append and the Remove below leaves the trace of
	// a run already logged: log it once. Then it is the log's last line
	// (runs are logged under the archive lock, and this one is settled
	// before the next begins), so only the end of the log is read: years
	// of runs over the whole hierarchy are gigabytes.
	logged, err := ReadLast(dir, 1)
	if err != nil {
		return r, false, err
	}
	seen := false
	for _, l := range logged {
		seen = seen || (l.ID == r.ID && l.Started.Equal(r.Started))
	}
	if !seen {
		if err := Append(dir, r); err != nil {
			return r, false, err
		}
	}
	if err := os.Remove(filepath.Join(dir, MarkerFile)); err != nil {
		return r, !seen, fmt.Errorf("run marker: %w", err)
	}
	return r, !seen, nil
}

// Held reports whether a process holds dir's archive lock now.
func Held(dir string) bool {
	f, err := os.Open(filepath.Join(dir, LockFile))
	if err != nil {
		return false
	}
	defer f.Close()
	if err := filelock.RLock(f); err != nil {
		return errors.Is(err, filelock.ErrHeld)
	}
	filelock.Unlock(f)
	return false
}
