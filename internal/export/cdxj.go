package export

import (
	"bufio"
	"container/heap"
	"fmt"
	"io"
	"os"
	"slices"
)

// lineSorter sorts lines with bounded memory: past limit bytes, the lines
// held are sorted into a run file of dir, and writeTo merges the runs.
type lineSorter struct {
	dir   string
	limit int
	lines []string
	bytes int
	runs  []*os.File
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
	slices.Sort(s.lines)
	f, err := os.CreateTemp(s.dir, "wenming-cdxj-run-*")
	if err != nil {
		return fmt.Errorf("sort index: %w", err)
	}
	s.runs = append(s.runs, f)
	w := bufio.NewWriterSize(f, 256<<10)
	for _, l := range s.lines {
		w.WriteString(l)
		w.WriteByte('\n')
	}
	if err := w.Flush(); err != nil {
		return fmt.Errorf("sort index: %w", err)
	}
	s.lines, s.bytes = s.lines[:0], 0
	return nil
}

// writeTo writes every line added, sorted, each ended by a newline.
func (s *lineSorter) writeTo(w io.Writer) error {
	bw := bufio.NewWriterSize(w, 256<<10)
	if len(s.runs) == 0 {
		slices.Sort(s.lines)
		for _, l := range s.lines {
			bw.WriteString(l)
			bw.WriteByte('\n')
		}
		return bw.Flush()
	}
	if len(s.lines) > 0 {
		if err := s.spill(); err != nil {
			return err
		}
	}
	h := &runHeap{}
	for _, f := range s.runs {
		if _, err := f.Seek(0, io.SeekStart); err != nil {
			return fmt.Errorf("sort index: %w", err)
		}
		r := bufio.NewReaderSize(f, 64<<10)
		if line, err := r.ReadString('\n'); err == nil {
			*h = append(*h, run{line, r})
		} else if err != io.EOF {
			return fmt.Errorf("sort index: %w", err)
		}
	}
	heap.Init(h)
	for h.Len() > 0 {
		top := &(*h)[0]
		bw.WriteString(top.line)
		line, err := top.r.ReadString('\n')
		switch {
		case err == nil:
			top.line = line
			heap.Fix(h, 0)
		case err == io.EOF:
			heap.Pop(h)
		default:
			return fmt.Errorf("sort index: %w", err)
		}
	}
	return bw.Flush()
}

func (s *lineSorter) cleanup() {
	for _, f := range s.runs {
		f.Close()
		os.Remove(f.Name())
	}
	s.runs = nil
}

type run struct {
	line string // with its newline
	r    *bufio.Reader
}

type runHeap []run

func (h runHeap) Len() int           { return len(h) }
func (h runHeap) Less(i, j int) bool { return h[i].line < h[j].line }
func (h runHeap) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *runHeap) Push(x any)        { *h = append(*h, x.(run)) }
func (h *runHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}
