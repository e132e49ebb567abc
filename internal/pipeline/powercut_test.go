package pipeline_test

import (
	"context"
	"fmt"
	"math"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/wenming-archive/wenming/internal/archive"
	"github.com/wenming-archive/wenming/internal/archive/recordstest"
	"github.com/wenming-archive/wenming/internal/article"
	"github.com/wenming-archive/wenming/internal/childtest"
	"github.com/wenming-archive/wenming/internal/damagetest"
	"github.com/wenming-archive/wenming/internal/pipeline"
	"github.com/wenming-archive/wenming/internal/sitesim"
)

// powerCutChildEnv carries the settings of TestPowerCutChild, a crashSpec.
const powerCutChildEnv = "WENMING_POWERCUT_CHILD"

// TestPowerCutChild is the crawler process that TestPowerCut stops. It
// prints a line "synced FILE SIZE" for every fsync of a WARC file, before
// anything may point at what the fsync made durable. It does nothing
// unless started by that test.
func TestPowerCutChild(t *testing.T) {
	var s crashSpec
	if !childtest.Child(t, powerCutChildEnv, &s) {
		t.Skip("run by TestPowerCut")
	}
	opts := s.options()
	opts.WARCSynced = func(file string, size int64) { fmt.Printf("synced %s %d\n", file, size) }
	if _, err := pipeline.Crawl(context.Background(), opts); err != nil {
		t.Fatal(err)
	}
}

// TestPowerCut stops a crawl as a power cut would: the process is killed,
// then its WARC files are cut back to what it had fsynced (a file never
// synced is gone, directory entry and all). No article record may then
// point past the end of a WARC file. Then it takes away more, as a power
// cut did before the records waited for their captures to be on disk:
// the next crawl clears the pointers into what is gone and says so, and
// the crawl after fetches those pages again.
func TestPowerCut(t *testing.T) {
	if testing.Short() {
		t.Skip("kills a crawler and crawls three times")
	}
	crawlBeside(t)
	sim := sitesim.New(sitesim.Options{Seed: 5, Articles: 300})
	srv := httptest.NewServer(sim)
	defer srv.Close()
	data := t.TempDir()
	warcDir := filepath.Join(data, archive.WARCDir)

	// The crawl, stopped once it has synced its WARC file a few times (or
	// after a minute, when it syncs slower: on a loaded machine the child
	// can take seconds to start, so the bound is generous).
	spec := crashSpec{Data: data, Proxy: srv.URL}
	cmd := childtest.Command(t, "TestPowerCutChild", powerCutChildEnv, spec)
	lines := childtest.StartLines(t, cmd)
	synced := map[string]int64{}
	syncs := 0
	read := func(line string) {
		var file string
		var size int64
		if _, err := fmt.Sscanf(line, "synced %s %d", &file, &size); err == nil {
			synced[file] = size
			syncs++
		}
	}
	deadline := time.After(time.Minute)
wait:
	for syncs < 30 {
		select {
		case line, ok := <-lines:
			if !ok {
				t.Fatalf("the crawl ended after %d syncs, before the power cut", syncs)
			}
			read(line)
		case <-deadline:
			break wait
		}
	}
	cmd.Process.Kill()
	// What it printed before it died was synced before it was printed.
	for line := range lines {
		read(line)
	}
	cmd.Wait()
	lost := damagetest.PowerCut(t, warcDir, ".warc.gz", ".open", synced)
	t.Logf("power cut after %d syncs: %d bytes of the WARC files lost", syncs, lost)

	// No record points past the end of what the power cut left.
	open, intoOpen := "", 0
	recordstest.Each(t, data, func(a *article.Article) {
		c := a.Capture
		if c == nil {
			return
		}
		size, isOpen := fileSize(warcDir, c.File)
		if c.Offset+c.Length > size {
			t.Errorf("after the power cut %s points at %s %d+%d, past its end (%d bytes)", a.URL, c.File, c.Offset, c.Length, size)
		}
		if isOpen {
			open = c.File
			intoOpen++
		}
	})
	if intoOpen == 0 {
		t.Fatal("no record points into the file being written: the test proves nothing")
	}

	// What a power cut took before the records waited for their
	// captures: the second half of the file being written.
	cut := synced[open] / 2
	if err := os.Truncate(filepath.Join(warcDir, open+".open"), cut); err != nil {
		t.Fatal(err)
	}
	dangling := map[string]bool{}
	recordstest.Each(t, data, func(a *article.Article) {
		if c := a.Capture; c != nil && c.File == open && c.Offset+c.Length > cut {
			dangling[a.URL] = true
		}
	})
	if len(dangling) == 0 {
		t.Fatal("no record points into the half cut off")
	}

	opts := spec.options()
	ctx := context.Background()
	rep, err := pipeline.Crawl(ctx, opts)
	if err != nil {
		t.Fatal(err)
	}
	said := false
	for _, w := range rep.Warnings {
		said = said || strings.Contains(w, fmt.Sprintf("%d articles pointed at WARC records", len(dangling)))
	}
	if !said {
		t.Errorf("the crawl after the power cut did not say it cleared %d pointers; warnings %q", len(dangling), rep.Warnings)
	}
	lostNow := 0
	recordstest.Each(t, data, func(a *article.Article) {
		switch {
		case a.CaptureLost && !dangling[a.URL]:
			t.Errorf("%s: capture cleared, but it was whole", a.URL)
		case a.CaptureLost:
			lostNow++
			if a.Capture != nil {
				t.Errorf("%s: marked lost, with a capture", a.URL)
			}
		case a.Capture != nil:
			checkCapture(t, warcDir, a)
		case dangling[a.URL]:
			t.Errorf("%s: its lost capture is gone, but not marked lost", a.URL)
		}
	})
	t.Logf("%d pointers led into the lost half; %d still to fetch again after the resumed pass", len(dangling), lostNow)

	// The next pass, through every list page, fetches them again.
	opts.Config.Crawl.ListOverlap = math.MaxInt32
	if _, err := pipeline.Crawl(ctx, opts); err != nil {
		t.Fatal(err)
	}
	recordstest.Each(t, data, func(a *article.Article) {
		if a.CaptureLost {
			t.Errorf("%s: not fetched again", a.URL)
		}
		if dangling[a.URL] {
			checkCapture(t, warcDir, a)
		}
	})
}

// fileSize is the size of the WARC file name in dir, found under its name
// or as a file still being written (isOpen); 0 when there is neither.
func fileSize(dir, name string) (size int64, isOpen bool) {
	if fi, err := os.Stat(filepath.Join(dir, name)); err == nil {
		return fi.Size(), false
	}
	if fi, err := os.Stat(filepath.Join(dir, name+".open")); err == nil {
		return fi.Size(), true
	}
	return 0, false
}
