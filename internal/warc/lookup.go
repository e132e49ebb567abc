package warc

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"strings"
	"time"
)

// SortedIndex searches a sorted CDXJ index (index.cdxj, or an export's)
// by binary search, without reading it whole.
type SortedIndex struct {
	r    io.ReaderAt
	size int64
}

// NewSortedIndex searches the size bytes of r, a CDXJ index in SURT order.
func NewSortedIndex(r io.ReaderAt, size int64) *SortedIndex {
	return &SortedIndex{r: r, size: size}
}

// FindResponse returns the first response capture (not a revisit) of url
// taken at the second of date: a binary search for the key "SURT
// timestamp ", then a scan of the lines that start with it.
func (x *SortedIndex) FindResponse(url string, date time.Time) (Capture, bool, error) {
	key := SURT(url) + " " + date.UTC().Format(cdxTimeLayout) + " "
	start, err := x.seek(key)
	if err != nil {
		return Capture{}, false, err
	}
	r := bufio.NewReader(io.NewSectionReader(x.r, start, x.size-start))
	for {
		line, err := r.ReadString('\n')
		if !strings.HasPrefix(line, key) {
			return Capture{}, false, nil
		}
		c, perr := parseCDXJ(strings.TrimSuffix(line, "\n"))
		if perr != nil {
			return Capture{}, false, fmt.Errorf("read WARC index: %q: %w", line, perr)
		}
		if !c.Revisit && c.URL == url {
			return c, true, nil
		}
		if err != nil {
			return Capture{}, false, nil
		}
	}
}

// seek returns the start of the first line that is >= key (or the size
// of the index when there is none), by binary search.
func (x *SortedIndex) seek(key string) (int64, error) {
	// The smallest m whose following line is >= key (or absent).
	lo, hi := int64(0), x.size
	for lo < hi {
		mid := lo + (hi-lo)/2
		start, err := x.lineStart(mid)
		if err != nil {
			return 0, err
		}
		line, err := x.lineAt(start)
		if err != nil {
			return 0, err
		}
		if start >= x.size || line >= key {
			hi = mid
		} else {
			lo = mid + 1
		}
	}
	return x.lineStart(lo)
}

// lineStart returns the start of the first line that begins at or after
// m (m itself when it follows a newline), or size.
func (x *SortedIndex) lineStart(m int64) (int64, error) {
	if m == 0 {
		return 0, nil
	}
	buf := make([]byte, 4096)
	for pos := m - 1; pos < x.size; {
		n, err := x.r.ReadAt(buf, pos)
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
	return x.size, nil
}

// lineAt returns the line starting at start, without its newline.
func (x *SortedIndex) lineAt(start int64) (string, error) {
	if start >= x.size {
		return "", nil
	}
	r := bufio.NewReaderSize(io.NewSectionReader(x.r, start, x.size-start), 4096)
	line, err := r.ReadString('\n')
	if err != nil && err != io.EOF {
		return "", fmt.Errorf("read WARC index: %w", err)
	}
	return strings.TrimSuffix(line, "\n"), nil
}
