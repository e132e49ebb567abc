package pipeline_test

import (
	"bufio"
	"cmp"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

// smapsTrace writes, every interval, the resident memory of the process
// (VmRSS, RssAnon, RssFile) and the resident bytes of each mapped file
// over 1 MB, read from /proc/self/smaps, as one line with the time since
// the trace began; the log lines of the pipeline (see logger) go to the
// same writer, so that what the memory did can be read beside what the
// pipeline did then. It is the bench's WENMING_BENCH_SMAPS (Linux).
type smapsTrace struct {
	mu    sync.Mutex
	w     io.Writer
	start time.Time
}

func newSmapsTrace(w io.Writer) *smapsTrace {
	return &smapsTrace{w: w, start: time.Now()}
}

// Write writes p to the trace, prefixed with the time since its start.
func (s *smapsTrace) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	fmt.Fprintf(s.w, "%8.2f ", time.Since(s.start).Seconds())
	return s.w.Write(p)
}

// logger logs the pipeline's messages, Debug included, into the trace.
func (s *smapsTrace) logger() *slog.Logger {
	return slog.New(slog.NewTextHandler(s, &slog.HandlerOptions{Level: slog.LevelDebug}))
}

// run samples every interval until stop closes.
func (s *smapsTrace) run(interval time.Duration, stop <-chan struct{}) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		s.sample()
		select {
		case <-t.C:
		case <-stop:
			return
		}
	}
}

func (s *smapsTrace) sample() {
	files, err := mappedFiles()
	if err != nil {
		return
	}
	type file struct {
		name string
		kb   int
	}
	var big []file
	for name, kb := range files {
		if kb >= 1024 {
			big = append(big, file{name, kb})
		}
	}
	slices.SortFunc(big, func(a, b file) int { return cmp.Compare(b.kb, a.kb) })
	var line strings.Builder
	fmt.Fprintf(&line, "mem rss=%d anon=%d file=%d", procStatus("VmRSS:")>>20, procStatus("RssAnon:")>>20, procStatus("RssFile:")>>20)
	for _, f := range big {
		fmt.Fprintf(&line, " %s=%d", f.name, f.kb>>10)
	}
	line.WriteByte('\n')
	_, _ = s.Write([]byte(line.String()))
}

// mappedFiles sums the Rss of the maps of /proc/self/smaps by the base
// name of their file, in kB.
func mappedFiles() (map[string]int, error) {
	f, err := os.Open("/proc/self/smaps")
	if err != nil {
		return nil, err
	}
	defer f.Close()
	files, name := map[string]int{}, ""
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		switch {
		case len(fields) >= 5 && strings.Contains(fields[0], "-") && !strings.HasSuffix(fields[0], ":"):
			name = ""
			if len(fields) == 6 {
				name = filepath.Base(fields[5])
			}
		case name != "" && fields[0] == "Rss:":
			if kb, err := strconv.Atoi(fields[1]); err == nil {
				files[name] += kb
			}
		}
	}
	return files, sc.Err()
}
