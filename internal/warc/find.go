package warc

import (
	"bufio"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	neturl "net/url"
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
	return x.findLatest(url, answered2xx)
}

// findLatest returns the latest capture of url (by SURT, as FindURL) that
// keep accepts.
func (x *SortedIndex) findLatest(url string, keep func(Capture) bool) (Capture, bool, error) {
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
		if keep(c) {
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
	return findLatestIn(dirs, url, answered2xx)
}

// findLatestIn returns the latest capture of url that keep accepts in
// the index.cdxj of each of dirs, with its directory.
func findLatestIn(dirs []string, url string, keep func(Capture) bool) (dir string, c Capture, ok bool, err error) {
	for _, d := range dirs {
		got, found, ferr := findInDir(d, url, keep)
		if ferr != nil {
			return "", Capture{}, false, ferr
		}
		if found && (!ok || got.Time.After(c.Time)) {
			dir, c, ok = d, got, true
		}
	}
	return dir, c, ok, nil
}

// FindRedirectIn returns where the latest capture of url in the
// index.cdxj of dirs that answered a redirect (3xx) sent the client: its
// Location, resolved against url. ok is false when no directory holds a
// redirect of url (or its record has no Location). A 2xx capture of url
// later than the redirect does not hide it: callers ask FindURLIn first.
func FindRedirectIn(dirs []string, url string) (location string, ok bool, err error) {
	in, latest, found, err := findLatestIn(dirs, url, func(c Capture) bool { return c.Status >= 300 && c.Status <= 399 })
	if err != nil {
		return "", false, err
	}
	if !found || latest.File == "" || strings.ContainsAny(latest.File, `/\`) {
		return "", false, nil
	}
	rec, _, err := ReadAt(in, latest.File, latest.Offset, latest.Length, maxRedirectRead)
	if err != nil {
		return "", false, fmt.Errorf("read the redirect of %s: %w", url, err)
	}
	if rec.Location == "" {
		return "", false, nil
	}
	base, err := neturl.Parse(url)
	if err != nil {
		return "", false, nil
	}
	to, err := base.Parse(rec.Location)
	if err != nil {
		return "", false, nil
	}
	return to.String(), true, nil
}

// ReadAt reads the record whose gzip member is length bytes at offset in
// the WARC file named file (a name, no path) in dir, and returns it with
// its block (for a response, the HTTP message as archived). At most limit
// bytes of the member are decompressed: a longer record is an error. A file
// that is not there is an error wrapping os.ErrNotExist.
func ReadAt(dir, file string, offset, length, limit int64) (Record, []byte, error) {
	where := fmt.Sprintf("%s at %d+%d", file, offset, length)
	if file == "" || strings.ContainsAny(file, `/\`) || offset < 0 || length <= 0 {
		return Record{}, nil, fmt.Errorf("%s: not a capture location", where)
	}
	f, err := os.Open(filepath.Join(dir, file))
	if err != nil {
		return Record{}, nil, fmt.Errorf("%s: %w", where, err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(io.NewSectionReader(f, offset, length))
	if err != nil {
		return Record{}, nil, fmt.Errorf("%s: no gzip member: %w", where, err)
	}
	zr.Multistream(false)
	data, err := io.ReadAll(io.LimitReader(zr, limit+1))
	if err != nil {
		return Record{}, nil, fmt.Errorf("%s: gzip member incomplete: %w", where, err)
	}
	if int64(len(data)) > limit {
		return Record{}, nil, fmt.Errorf("%s: a record over %d bytes", where, limit)
	}
	rec, block, err := parseRecordBlock(data)
	if err != nil {
		return Record{}, nil, fmt.Errorf("%s: %w", where, err)
	}
	return rec, block, nil
}

// maxRedirectRead bounds a redirect's record read whole: a redirect is a
// header and a short page.
const maxRedirectRead = 1 << 20

// answered2xx keeps the captures FindURL finds: 2xx answers.
func answered2xx(c Capture) bool { return c.Status >= 200 && c.Status <= 299 }

func findInDir(dir, url string, keep func(Capture) bool) (Capture, bool, error) {
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
	return NewSortedIndex(f, fi.Size()).findLatest(url, keep)
}
