package export

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"slices"

	"github.com/wenming-archive/wenming/internal/warc"
)

// lineSorter sorts lines with bounded memory: past limit bytes, the lines
// held are sorted into a run file of dir, and writeTo merges the runs (the
// archive's external sort, which its recorder uses for index.cdxj).
type lineSorter struct {
	dir   string
	limit int
	lines []string
	bytes int
	runs  []string // paths of the run files
}

func (s *lineSorter) add(line string) error {
	s.lines = append(s.lines, line)
	s.bytes += len(line) + 16
	if s.bytes >= s.limit {
		return s.spill()
	}
	return nil
}

func (s *lineSorter) spill() error {
	path, err := warc.WriteSortedRun(s.dir, "wenming-cdxj-run-", s.lines)
	if err != nil {
		return fmt.Errorf("sort index: %w", err)
	}
	s.runs = append(s.runs, path)
	s.lines, s.bytes = s.lines[:0], 0
	return nil
}

// writeTo writes every line added, sorted, each ended by a newline.
func (s *lineSorter) writeTo(w io.Writer) error {
	bw := bufio.NewWriterSize(w, 256<<10)
	slices.Sort(s.lines)
	var err error
	for l := range warc.MergeSorted(s.runs, s.lines, &err) {
		bw.WriteString(l)
		bw.WriteByte('\n')
	}
	if err != nil {
		return fmt.Errorf("sort index: %w", err)
	}
	return bw.Flush()
}

func (s *lineSorter) cleanup() {
	for _, p := range s.runs {
		os.Remove(p)
	}
	s.runs = nil
}
