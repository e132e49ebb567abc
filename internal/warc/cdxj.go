package warc

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"iter"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/wenming-archive/wenming/internal/atomicfile"
)

// IndexName is the CDXJ index kept beside the WARC files.
const IndexName = "index.cdxj"

const cdxTimeLayout = "20060102150405"

// cdxFields is the JSON block of a CDXJ line, in pywb/warcio's field order
// and with their string-typed numbers.
type cdxFields struct {
	URL      string   `json:"url"`
	Mime     string   `json:"mime"`
	Status   flexText `json:"status"`
	Digest   string   `json:"digest"`
	Length   flexText `json:"length"`
	Offset   flexText `json:"offset"`
	Filename string   `json:"filename"`
}

// flexText decodes a JSON string or number (other indexers write numbers).
type flexText string

func (f *flexText) UnmarshalJSON(b []byte) error {
	if len(b) > 0 && b[0] == '"' {
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		*f = flexText(s)
		return nil
	}
	*f = flexText(b)
	return nil
}

// cdxjLine formats a capture as one CDXJ line (without newline).
func cdxjLine(c Capture) string {
	var buf bytes.Buffer
	buf.WriteString(SURT(c.URL))
	buf.WriteByte(' ')
	buf.WriteString(c.Time.UTC().Format(cdxTimeLayout))
	buf.WriteByte(' ')
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(cdxFields{
		URL: c.URL, Mime: c.Mime, Status: flexText(strconv.Itoa(c.Status)), Digest: c.Digest,
		Length: flexText(strconv.FormatInt(c.Length, 10)), Offset: flexText(strconv.FormatInt(c.Offset, 10)),
		Filename: c.File,
	})
	return strings.TrimSuffix(buf.String(), "\n")
}

// parseCDXJ reads one CDXJ line.
func parseCDXJ(line string) (Capture, error) {
	_, rest, ok1 := strings.Cut(line, " ")
	ts, js, ok2 := strings.Cut(rest, " ")
	if !ok1 || !ok2 {
		return Capture{}, errors.New("want '<surt> <timestamp> {json}'")
	}
	t, err := time.Parse(cdxTimeLayout, ts)
	if err != nil {
		return Capture{}, fmt.Errorf("timestamp %q: %w", ts, err)
	}
	var f cdxFields
	if err := json.Unmarshal([]byte(js), &f); err != nil {
		return Capture{}, err
	}
	c := Capture{URL: f.URL, Time: t, Mime: f.Mime, Digest: f.Digest, File: f.Filename, Revisit: f.Mime == revisitMime}
	c.Status, _ = strconv.Atoi(string(f.Status))
	if c.Offset, err = strconv.ParseInt(string(f.Offset), 10, 64); err != nil {
		return Capture{}, fmt.Errorf("offset: %w", err)
	}
	if c.Length, err = strconv.ParseInt(string(f.Length), 10, 64); err != nil {
		return Capture{}, fmt.Errorf("length: %w", err)
	}
	return c, nil
}

// ReadIndex iterates over the captures in dir's index.cdxj in index order
// (SURT, then time). A missing index yields nothing. Iteration stops after
// the first error.
func ReadIndex(dir string) iter.Seq2[Capture, error] {
	return func(yield func(Capture, error) bool) {
		path := filepath.Join(dir, IndexName)
		f, err := os.Open(path)
		if errors.Is(err, os.ErrNotExist) {
			return
		}
		if err != nil {
			yield(Capture{}, fmt.Errorf("archive: read index %s: %w", path, err))
			return
		}
		defer f.Close()
		sc := bufio.NewScanner(f)
		sc.Buffer(make([]byte, 64<<10), 16<<20)
		for n := 1; sc.Scan(); n++ {
			line := sc.Text()
			if line == "" || line[0] == '!' {
				continue
			}
			c, err := parseCDXJ(line)
			if err != nil {
				yield(Capture{}, fmt.Errorf("archive: read index %s line %d: %w", path, n, err))
				return
			}
			if !yield(c, nil) {
				return
			}
		}
		if err := sc.Err(); err != nil {
			yield(Capture{}, fmt.Errorf("archive: read index %s: %w", path, err))
		}
	}
}

// indexedFiles returns the WARC file names that dir's index mentions.
func indexedFiles(dir string) (map[string]bool, error) {
	files := make(map[string]bool)
	for c, err := range ReadIndex(dir) {
		if err != nil {
			return nil, err
		}
		files[c.File] = true
	}
	return files, nil
}

// mergeIndex rewrites dir's index: the existing lines whose file keep(file)
// accepts (all when keep is nil), merged with add (sorted), written to a
// temporary file that replaces the index atomically.
func mergeIndex(dir string, add []string, keep func(file string) bool) error {
	if len(add) == 0 && keep == nil {
		return nil
	}
	return mergeSorted(dir, slices.Values(add), keep, false)
}

// mergeSorted is mergeIndex with the new lines as a sorted stream; fresh
// writes them alone, without reading the existing index.
func mergeSorted(dir string, add iter.Seq[string], keep func(file string) bool, fresh bool) error {
	path := filepath.Join(dir, IndexName)
	// The index is normally sorted already: then it is merged as a stream,
	// and memory holds only the new lines, however large the archive. An
	// index from another tool that is out of order is sorted in memory.
	sorted := true
	if !fresh {
		var err error
		if sorted, err = indexSorted(dir); err != nil {
			return err
		}
	}
	var old iter.Seq2[string, error]
	switch {
	case fresh:
		old = func(func(string, error) bool) {}
	case sorted:
		old = func(yield func(string, error) bool) {
			for c, err := range ReadIndex(dir) {
				if err != nil {
					yield("", err)
					return
				}
				if keep == nil || keep(c.File) {
					// Lines are regenerated from their parsed fields: an index
					// written by us round-trips exactly, and one written by
					// another tool is normalised.
					if !yield(cdxjLine(c), nil) {
						return
					}
				}
			}
		}
	default:
		var lines []string
		for c, err := range ReadIndex(dir) {
			if err != nil {
				return err
			}
			if keep == nil || keep(c.File) {
				lines = append(lines, cdxjLine(c))
			}
		}
		sort.Strings(lines)
		old = func(yield func(string, error) bool) {
			for _, l := range lines {
				if !yield(l, nil) {
					return
				}
			}
		}
	}
	err := atomicfile.Write(path, func(f *os.File) error {
		w := bufio.NewWriterSize(f, 256<<10)
		next, stop := iter.Pull2(old)
		defer stop()
		nextAdd, stopAdd := iter.Pull(add)
		defer stopAdd()
		cur, rerr, ok := next()
		a, aok := nextAdd()
		for (ok && rerr == nil) || aok {
			var line string
			if !aok || (ok && rerr == nil && cur <= a) {
				line = cur
				cur, rerr, ok = next()
			} else {
				line = a
				a, aok = nextAdd()
			}
			w.WriteString(line)
			w.WriteByte('\n')
		}
		if ok && rerr != nil {
			return rerr
		}
		return w.Flush()
	})
	if err != nil {
		return fmt.Errorf("archive: write index %s: %w", path, err)
	}
	return nil
}

// indexSorted reports whether dir's index lines, as regenerated, are in
// order.
func indexSorted(dir string) (bool, error) {
	prev := ""
	for c, err := range ReadIndex(dir) {
		if err != nil {
			return false, err
		}
		l := cdxjLine(c)
		if l < prev {
			return false, nil
		}
		prev = l
	}
	return true, nil
}

// SURT returns the sort-friendly URI form used as CDXJ key, as pywb's
// default canonicaliser writes it: host labels reversed without "www",
// default port dropped, query arguments sorted, everything lower-cased,
// e.g. "http://www.wenming.cn/a/b.html?y=2&x=1" → "cn,wenming)/a/b.html?x=1&y=2".
func SURT(raw string) string {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || u.Host == "" {
		return strings.ToLower(raw)
	}
	host := strings.TrimSuffix(strings.ToLower(u.Hostname()), ".")
	if i := strings.IndexByte(host, '.'); i > 0 && strings.HasPrefix(host, "www") && strings.Trim(host[3:i], "0123456789") == "" {
		host = host[i+1:]
	}
	labels := strings.Split(host, ".")
	for i, j := 0, len(labels)-1; i < j; i, j = i+1, j-1 {
		labels[i], labels[j] = labels[j], labels[i]
	}
	var b strings.Builder
	b.WriteString(strings.Join(labels, ","))
	scheme := strings.ToLower(u.Scheme)
	if p := u.Port(); p != "" && !(scheme == "http" && p == "80") && !(scheme == "https" && p == "443") {
		b.WriteString(":" + p)
	}
	b.WriteByte(')')
	path := u.EscapedPath()
	if path == "" {
		path = "/"
	}
	b.WriteString(path)
	if u.RawQuery != "" {
		args := strings.Split(u.RawQuery, "&")
		sort.Strings(args)
		b.WriteString("?" + strings.Join(args, "&"))
	}
	return strings.ToLower(b.String())
}

// FindFile looks for the WARC file name in dirs, in order, and returns
// the directory and the name it has there: name, or name with its .open
// suffix when the file is one a recorder was still writing (a crawl
// worker killed before it closed the file, or running now; its complete
// records read as well). ok is false when no directory has it.
func FindFile(dirs []string, name string) (dir, file string, ok bool) {
	for _, d := range dirs {
		if _, err := os.Stat(filepath.Join(d, name)); err == nil {
			return d, name, true
		}
	}
	for _, d := range dirs {
		if _, err := os.Stat(filepath.Join(d, name+openSuffix)); err == nil {
			return d, name + openSuffix, true
		}
	}
	return "", name, false
}
