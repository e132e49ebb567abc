package pipeline

import (
	"os"
	"path/filepath"
	"runtime"
	"sync/atomic"
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

// TestMapReleaserDue: the maps are released when the file-backed resident
// memory has grown by the budget above its low since the last release
// (a drop that another release made lowers the low), and by the clock
// whatever it did, also when it cannot be read.
func TestMapReleaserDue(t *testing.T) {
	const mb = 1 << 20
	t0 := time.Date(2026, 12, 5, 4, 0, 0, 0, time.UTC)
	type look struct {
		after    time.Duration // since t0
		resident int64
		ok       bool
		want     bool
	}
	tests := []struct {
		name  string
		looks []look
	}{
		{"grown below the budget", []look{{50 * time.Millisecond, 100 * mb, true, false}, {100 * time.Millisecond, 115 * mb, true, false}}},
		{"grown by the budget", []look{{50 * time.Millisecond, 100 * mb, true, false}, {100 * time.Millisecond, 116 * mb, true, true}}},
		{"grown from a lower low", []look{{50 * time.Millisecond, 100 * mb, true, false}, {100 * time.Millisecond, 90 * mb, true, false},
			{150 * time.Millisecond, 105 * mb, true, false}, {200 * time.Millisecond, 106 * mb, true, true}}},
		{"the clock", []look{{50 * time.Millisecond, 100 * mb, true, false}, {time.Second, 101 * mb, true, true}}},
		{"unreadable: the clock alone", []look{{50 * time.Millisecond, 0, false, false}, {500 * time.Millisecond, 0, false, false}, {time.Second, 0, false, true}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := newMapReleaser(time.Second, 16*mb, t0)
			for i, l := range tt.looks {
				if got := m.due(t0.Add(l.after), l.resident, l.ok); got != l.want {
					t.Fatalf("look %d (%v, %d MB): due = %v, want %v", i, l.after, l.resident/mb, got, l.want)
				}
			}
		})
	}
}

// TestMapReleaserAfterRelease: the growth counts from what was resident
// just after the last release, and the clock from then.
func TestMapReleaserAfterRelease(t *testing.T) {
	const mb = 1 << 20
	t0 := time.Date(2026, 12, 5, 4, 0, 0, 0, time.UTC)
	m := newMapReleaser(time.Second, 16*mb, t0)
	if !m.due(t0.Add(50*time.Millisecond), 100*mb, true) && !m.due(t0.Add(100*time.Millisecond), 130*mb, true) {
		t.Fatal("30 MB of growth was not due")
	}
	m.released(t0.Add(100*time.Millisecond), 60*mb, true)
	if m.due(t0.Add(150*time.Millisecond), 75*mb, true) {
		t.Error("15 MB above the memory after the release was due")
	}
	if !m.due(t0.Add(200*time.Millisecond), 76*mb, true) {
		t.Error("16 MB above the memory after the release was not due")
	}
	m.released(t0.Add(time.Second), 60*mb, true)
	if m.due(t0.Add(1900*time.Millisecond), 61*mb, true) {
		t.Error("due by the clock 900 ms after the last release")
	}
}

// TestFileResidenceCountsMaps: a fileResidence sees the pages of a mapped
// file that the process reads grow its resident memory (Linux).
func TestFileResidenceCountsMaps(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("/proc/self/statm is Linux's")
	}
	const size = 32 << 20
	path := filepath.Join(t.TempDir(), "mapped")
	if err := os.WriteFile(path, make([]byte, size), 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	m, err := unix.Mmap(int(f.Fd()), 0, size, unix.PROT_READ, unix.MAP_SHARED)
	if err != nil {
		t.Fatal(err)
	}
	defer unix.Munmap(m)
	r := openFileResidence()
	defer r.close()
	before, ok := r.read()
	if !ok || before <= 0 {
		t.Fatalf("read() = %d, %v", before, ok)
	}
	var sum byte
	for i := 0; i < size; i += os.Getpagesize() {
		sum += m[i]
	}
	after, _ := r.read()
	if after-before < size/2 {
		t.Errorf("reading a %d-byte map grew the file-backed resident memory by %d bytes (sum %d)", size, after-before, sum)
	}
	if err := unix.Madvise(m, unix.MADV_DONTNEED); err != nil {
		t.Fatal(err)
	}
	if released, _ := r.read(); after-released < size/2 {
		t.Errorf("releasing the map let go of %d of %d resident bytes", after-released, after-before)
	}
}

// TestReleaseMapsOnGrowth: releaseMaps releases as soon as the resident
// memory has grown by the budget, long before its clock is due.
func TestReleaseMapsOnGrowth(t *testing.T) {
	var resident, looks atomic.Int64
	resident.Store(100 << 20)
	released := make(chan struct{}, 8)
	stop := releaseMaps(func() {
		resident.Store(100 << 20)
		released <- struct{}{}
	}, time.Hour, time.Millisecond, 16<<20, func() (int64, bool) { looks.Add(1); return resident.Load(), true })
	defer stop()
	// The growth counts from what the poller has seen: wait until it has
	// looked a few times (a loaded machine may start it late).
	for deadline := time.Now().Add(10 * time.Second); looks.Load() < 3; time.Sleep(time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("the poller never looked")
		}
	}
	select {
	case <-released:
		t.Fatal("released with no growth")
	default:
	}
	resident.Store(120 << 20)
	select {
	case <-released:
	case <-time.After(10 * time.Second):
		t.Fatal("20 MB of growth was not released")
	}
}

// BenchmarkFileResidence is what a look at the file-backed resident memory
// costs (releaseMaps looks every releaseMapsPoll).
func BenchmarkFileResidence(b *testing.B) {
	r := openFileResidence()
	defer r.close()
	for b.Loop() {
		if _, ok := r.read(); !ok && runtime.GOOS == "linux" {
			b.Fatal("fileResidence could not read /proc/self/statm")
		}
	}
}
