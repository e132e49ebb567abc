package warc

import (
	"bufio"
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
	raw, err := readMemberAt(filepath.Join(in, latest.File), latest.Offset, latest.Length)
	if err != nil {
		return "", false, fmt.Errorf("read the redirect of %s: %w", url, err)
	}
	rec, err := ParseMember(raw)
	if err != nil {
		return "", false, fmt.Errorf("read the redirect of %s in %s at %d: %w", url, latest.File, latest.Offset, err)
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

// readMemberAt reads the gzip member of length bytes at offset in the file
// at path.
func readMemberAt(path string, offset, length int64) ([]byte, error) {
	if length <= 0 || length > maxMemberRead {
		return nil, fmt.Errorf("a record of %d bytes", length)
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	raw := make([]byte, length)
	if _, err := f.ReadAt(raw, offset); err != nil {
		return nil, err
	}
	return raw, nil
}

// maxMemberRead bounds a redirect's record read whole: a redirect is a
// header and a short page.
const maxMemberRead = 1 << 20

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
