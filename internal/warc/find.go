package warc

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// FindURL returns the latest capture of url answered 2xx (a response, or
// a revisit of one) in the index, by binary search for its SURT key and
// a scan of the lines that start with it. Captures are matched by SURT,
// not by the exact URL: the SURT is how replay tools key captures, and it
// folds the differences of form (query order, the case of escapes) between
// a URL as a page writes it and as the crawler fetched it.
func (x *SortedIndex) FindURL(url string) (Capture, bool, error) {
	key := SURT(url) + " "
	start, err := x.seek(key)
	if err != nil {
		return Capture{}, false, err
	}
	r := bufio.NewReader(io.NewSectionReader(x.r, start, x.size-start))
	var found Capture
	ok := false
	for {
		line, err := r.ReadString('\n')
		if !strings.HasPrefix(line, key) {
			return found, ok, nil
		}
		c, perr := parseCDXJ(strings.TrimSuffix(line, "\n"))
		if perr != nil {
			return Capture{}, false, fmt.Errorf("read WARC index: %q: %w", line, perr)
		}
		if c.Status >= 200 && c.Status <= 299 {
			found, ok = c, true // lines of one key go oldest first
		}
		if err != nil {
			return found, ok, nil
		}
	}
}

// FindLatest looks url up (see FindURL) in each of indexes and returns the
// latest capture found.
func FindLatest(indexes []*SortedIndex, url string) (c Capture, ok bool, err error) {
	for _, x := range indexes {
		got, found, err := x.FindURL(url)
		if err != nil {
			return Capture{}, false, err
		}
		if found && (!ok || got.Time.After(c.Time)) {
			c, ok = got, true
		}
	}
	return c, ok, nil
}

// FindURLIn looks url up (see FindURL) in the index.cdxj of each of dirs
// and returns the latest capture found, with the directory whose index
// holds it. A directory without an index holds nothing.
func FindURLIn(dirs []string, url string) (dir string, c Capture, ok bool, err error) {
	for _, d := range dirs {
		got, found, ferr := findURLInDir(d, url)
		if ferr != nil {
			return "", Capture{}, false, ferr
		}
		if found && (!ok || got.Time.After(c.Time)) {
			dir, c, ok = d, got, true
		}
	}
	return dir, c, ok, nil
}

func findURLInDir(dir, url string) (Capture, bool, error) {
	f, err := os.Open(filepath.Join(dir, IndexName))
	if errors.Is(err, os.ErrNotExist) {
		return Capture{}, false, nil
	}
	if err != nil {
		return Capture{}, false, fmt.Errorf("look %s up in the WARC index: %w", url, err)
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return Capture{}, false, fmt.Errorf("look %s up in the WARC index: %w", url, err)
	}
	return NewSortedIndex(f, fi.Size()).FindURL(url)
}
