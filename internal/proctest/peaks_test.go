package proctest

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"
)

// TestPeaks: twenty goroutines and twenty files held for a while raise
// the peaks by as many, and they are seen after the goroutines ended and
// the files were closed.
func TestPeaks(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("open files are counted on Linux only")
	}
	g0, f0 := runtime.NumGoroutine(), OpenFiles()
	stop := Peaks(time.Millisecond)
	release := make(chan struct{})
	var files []*os.File
	for i := range 20 {
		go func() { <-release }()
		f, err := os.Create(filepath.Join(t.TempDir(), "f"+string(rune('a'+i))))
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
	}
	// Stopped while all are held: a machine too loaded to run the
	// sampler during the wait still has them counted by the last sample.
	time.Sleep(5 * time.Millisecond)
	g, f := stop()
	close(release)
	for _, f := range files {
		f.Close()
	}
	if g < g0+20 || f < f0+20 {
		t.Errorf("peaks %d goroutines, %d files; want at least %d and %d", g, f, g0+20, f0+20)
	}
}
