package runs

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/wenming-archive/wenming/internal/filelock"
)

// ErrBusy means another process is running a crawl of the same archive.
var ErrBusy = errors.New("another wenming run is working on this archive")

// LockFile is the name of the lock file inside an archive directory.
const LockFile = "wenming.lock"

// Lock is a held archive lock.
type Lock struct{ f *os.File }

// Acquire takes the archive's lock without waiting. The lock is an
// advisory lock (package filelock) on a file in dir: the kernel drops it when the holder
// exits, however it exits (kill -9 included), so a dead process never
// holds it. The holder's PID is written into the file for the message
// another process gets.
func Acquire(dir string) (*Lock, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("lock archive: %w", err)
	}
	path := filepath.Join(dir, LockFile)
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("lock archive: %w", err)
	}
	if err := filelock.Lock(f); err != nil {
		holder := readPID(f)
		f.Close()
		if errors.Is(err, filelock.ErrHeld) {
			if holder != "" {
				return nil, fmt.Errorf("%w (pid %s holds %s): try again when it ends (\"wenming runs\" shows the run in progress)", ErrBusy, holder, path)
			}
			return nil, fmt.Errorf("%w (%s is locked): try again when it ends (\"wenming runs\" shows the run in progress)", ErrBusy, path)
		}
		return nil, fmt.Errorf("lock archive %s: %w", path, err)
	}
	if err := f.Truncate(0); err == nil {
		f.WriteAt([]byte(strconv.Itoa(os.Getpid())+"\n"), 0)
	}
	return &Lock{f: f}, nil
}

func readPID(f *os.File) string {
	buf := make([]byte, 32)
	n, _ := f.ReadAt(buf, 0)
	return strings.TrimSpace(string(buf[:n]))
}

// Release gives the lock up.
func (l *Lock) Release() error {
	if l == nil || l.f == nil {
		return nil
	}
	l.f.Truncate(0)
	err := filelock.Unlock(l.f)
	if cerr := l.f.Close(); err == nil {
		err = cerr
	}
	l.f = nil
	return err
}
