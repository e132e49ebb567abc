package export

import (
	"bufio"
	"bytes"
	"container/heap"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/wenming-archive/wenming/internal/archive"
)

// jsonString is s as a JSON string, HTML characters left alone.
func jsonString(s string) string {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s)
	return strings.TrimSuffix(buf.String(), "\n")
}

// cdxLoc is where an index line puts a record.
type cdxLoc struct {
	File           string
	Offset, Length int64
}

// cdxjFile is a sorted CDXJ index searched on disk.
type cdxjFile struct {
	f    io.ReaderAt
	size int64
}

// find returns the first response record (not a revisit) of url captured
// at the second of date: a binary search for the key "SURT timestamp ",
// then a scan of the lines that start with it.
func (c *cdxjFile) find(url string, date time.Time) (cdxLoc, bool, error) {
	key := archive.SURT(url) + " " + date.UTC().Format(cdxTimeLayout) + " "
	// The smallest m whose following line is >= key (or absent).
	lo, hi := int64(0), c.size
	for lo < hi {
		mid := lo + (hi-lo)/2
		start, err := c.lineStart(mid)
		if err != nil {
			return cdxLoc{}, false, err
		}
		line, err := c.lineAt(start)
		if err != nil {
			return cdxLoc{}, false, err
		}
		if start >= c.size || line >= key {
			hi = mid
		} else {
			lo = mid + 1
		}
	}
	start, err := c.lineStart(lo)
	if err != nil {
		return cdxLoc{}, false, err
	}
	r := bufio.NewReader(io.NewSectionReader(c.f, start, c.size-start))
	for {
		line, err := r.ReadString('\n')
		if !strings.HasPrefix(line, key) {
			return cdxLoc{}, false, nil
		}
		var f struct {
			URL      string          `json:"url"`
			Mime     string          `json:"mime"`
			Offset   json.RawMessage `json:"offset"`
			Length   json.RawMessage `json:"length"`
			Filename string          `json:"filename"`
		}
		if jerr := json.Unmarshal([]byte(line[len(key):]), &f); jerr != nil {
			return cdxLoc{}, false, fmt.Errorf("read WARC index: %q: %w", line, jerr)
		}
		if f.Mime != revisitMime && f.URL == url {
			loc := cdxLoc{File: f.Filename}
			var e1, e2 error
			loc.Offset, e1 = strconv.ParseInt(strings.Trim(string(f.Offset), `"`), 10, 64)
			loc.Length, e2 = strconv.ParseInt(strings.Trim(string(f.Length), `"`), 10, 64)
			if e1 != nil || e2 != nil {
				return cdxLoc{}, false, fmt.Errorf("read WARC index: bad offset or length in %q", line)
			}
			return loc, true, nil
		}
		if err != nil {
			return cdxLoc{}, false, nil
		}
	}
}

// lineStart returns the start of the first line that begins at or after
// m (m itself when it follows a newline), or size.
func (c *cdxjFile) lineStart(m int64) (int64, error) {
	if m == 0 {
		return 0, nil
	}
	buf := make([]byte, 4096)
	for pos := m - 1; pos < c.size; {
		n, err := c.f.ReadAt(buf, pos)
		if i := bytes.IndexByte(buf[:n], '\n'); i >= 0 {
			return pos + int64(i) + 1, nil
		}
		if err != nil && err != io.EOF {
			return 0, fmt.Errorf("read WARC index: %w", err)
		}
		if n == 0 {
			break
		}
		pos += int64(n)
	}
	return c.size, nil
}

// lineAt returns the line starting at start, without its newline.
func (c *cdxjFile) lineAt(start int64) (string, error) {
	if start >= c.size {
		return "", nil
	}
	r := bufio.NewReaderSize(io.NewSectionReader(c.f, start, c.size-start), 4096)
	line, err := r.ReadString('\n')
	if err != nil && err != io.EOF {
		return "", fmt.Errorf("read WARC index: %w", err)
	}
	return strings.TrimSuffix(line, "\n"), nil
}

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
