package warc

import (
	"bufio"
	"container/heap"
	"fmt"
	"iter"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// spillLines is how many CDXJ lines of a run are held in memory before they
// are sorted and written to a chunk file, so that a long run's memory stays
// bounded. The chunks are merged into index.cdxj at Close.
var spillLines = 20000 // about 4 MB; a variable so that tests can spill small runs

// chunkPrefix names the chunk files; leftovers of a killed run are removed
// at Open (the WARC files they index are rescanned by the repair instead).
const chunkPrefix = ".cdxj-chunk-"

// spillLocked sorts the lines held in memory into a new chunk file. Called
// with r.mu held.
func (r *Recorder) spillLocked() error {
	lines := r.lines
	r.lines = nil
	path, err := WriteSortedRun(r.opts.Dir, chunkPrefix, lines)
	if err != nil {
		// Keep the lines for Close, which merges them into the index
		// (or, if it cannot either, the next Open rescans the files).
		r.lines = lines
		return fmt.Errorf("archive: spill index lines: %w", err)
	}
	r.chunks = append(r.chunks, path)
	return nil
}

// WriteSortedRun sorts lines in place and writes them, one per line, to
// a new file in dir whose name starts with prefix, for MergeSorted: a run
// of an external sort that keeps memory bounded. It returns the file's
// path; on an error no file is left.
func WriteSortedRun(dir, prefix string, lines []string) (string, error) {
	sort.Strings(lines)
	f, err := os.CreateTemp(dir, prefix+"*")
	if err != nil {
		return "", err
	}
	w := bufio.NewWriterSize(f, 256<<10)
	for _, l := range lines {
		w.WriteString(l)
		w.WriteByte('\n')
	}
	err = w.Flush()
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(f.Name())
		return "", err
	}
	return f.Name(), nil
}

// MergeSorted yields the lines of the sorted run files (WriteSortedRun)
// and of a sorted slice, in order: a k-way merge. A read error ends the
// stream and is reported in *errp.
func MergeSorted(runs []string, tail []string, errp *error) iter.Seq[string] {
	return mergedLines(runs, tail, errp)
}

// removeChunks deletes the chunk files of dir (a killed run's leftovers).
func removeChunks(dir string) {
	m, _ := filepath.Glob(filepath.Join(dir, chunkPrefix+"*"))
	for _, p := range m {
		os.Remove(p)
	}
}

// mergedLines yields the lines of sorted chunk files and a sorted slice in
// order (a k-way merge); read errors end the stream and are reported in *errp.
func mergedLines(chunks []string, tail []string, errp *error) iter.Seq[string] {
	return func(yield func(string) bool) {
		h := &lineHeap{}
		var files []*os.File
		defer func() {
			for _, f := range files {
				f.Close()
			}
		}()
		for _, p := range chunks {
			f, err := os.Open(p)
			if err != nil {
				*errp = fmt.Errorf("archive: read index chunk: %w", err)
				return
			}
			files = append(files, f)
			sc := bufio.NewScanner(f)
			sc.Buffer(make([]byte, 64<<10), 16<<20)
			src := &lineSource{next: func() (string, bool) {
				if sc.Scan() {
					return sc.Text(), true
				}
				if err := sc.Err(); err != nil {
					*errp = fmt.Errorf("archive: read index chunk %s: %w", p, err)
				}
				return "", false
			}}
			if src.advance() {
				heap.Push(h, src)
			}
		}
		i := 0
		tailSrc := &lineSource{next: func() (string, bool) {
			if i < len(tail) {
				i++
				return tail[i-1], true
			}
			return "", false
		}}
		if tailSrc.advance() {
			heap.Push(h, tailSrc)
		}
		for h.Len() > 0 {
			src := (*h)[0]
			if !yield(src.line) {
				return
			}
			if src.advance() {
				heap.Fix(h, 0)
			} else {
				heap.Pop(h)
			}
		}
	}
}

type lineSource struct {
	line string
	next func() (string, bool)
}

func (s *lineSource) advance() bool {
	l, ok := s.next()
	s.line = l
	return ok
}

type lineHeap []*lineSource

func (h lineHeap) Len() int           { return len(h) }
func (h lineHeap) Less(i, j int) bool { return strings.Compare(h[i].line, h[j].line) < 0 }
func (h lineHeap) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *lineHeap) Push(x any)        { *h = append(*h, x.(*lineSource)) }
func (h *lineHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}
