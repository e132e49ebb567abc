package warc

import (
	"fmt"
	"math/rand/v2"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/wenming-archive/wenming/internal/childtest"
)

const crashDirEnv = "WENMING_ARCHIVE_CRASH_DIR"

// TestCrashChild is the child of TestKillDuringRecording: it records until
// it is killed. It does nothing in a normal test run.
func TestCrashChild(t *testing.T) {
	var dir string
	if !childtest.Child(t, crashDirEnv, &dir) {
		t.Skip("child of TestKillDuringRecording only")
	}
	srv := httptest.NewServer(siteHandler())
	rec, err := Open(Options{Dir: dir, MaxFileSize: 32 << 10})
	if err != nil {
		fmt.Println("open:", err)
		os.Exit(2)
	}
	var once sync.Once
	var wg sync.WaitGroup
	for w := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; ; i++ {
				p := fmt.Sprintf("/page/%d-%d", w, i)
				if i%5 == 0 {
					p = sitePaths[i/5%len(sitePaths)]
				}
				fetch(t, rec.Client(), srv.URL+p)
				if i == 10 {
					once.Do(func() { fmt.Println("ready") })
				}
			}
		}()
	}
	wg.Wait()
}

func TestKillDuringRecording(t *testing.T) {
	if testing.Short() {
		t.Skip("subprocess crash test skipped with -short")
	}
	torn := 0
	for round := range 4 {
		dir := t.TempDir()
		cmd := childtest.Command(t, "TestCrashChild", crashDirEnv, dir)
		childtest.StartReady(t, cmd, "ready")
		time.Sleep(time.Duration(rand.IntN(300)) * time.Millisecond)
		if err := cmd.Process.Kill(); err != nil {
			t.Fatal(err)
		}
		cmd.Wait()

		opens, _ := filepath.Glob(filepath.Join(dir, "*.open"))
		// 0 when the kill fell between a rotation's rename and the next create
		if len(opens) > 1 {
			t.Errorf("round %d: %d .open files after the kill, want at most 1", round, len(opens))
		}
		rep, err := Repair(dir)
		if err != nil {
			t.Fatalf("round %d: %v", round, err)
		}
		if rep.Cut() > 0 {
			torn++
		}
		recs := readAll(t, dir)
		n := 0
		for _, rs := range recs {
			n += len(rs)
		}
		cs := checkIndex(t, dir, recs)
		t.Logf("round %d: %d files, %d records, %d captures, cut %d bytes", round, len(recs), n, len(cs), rep.Cut())
		if len(cs) < 10 {
			t.Errorf("round %d: only %d captures survived", round, len(cs))
		}
	}
	t.Logf("%d of 4 kills tore a record", torn)
}
