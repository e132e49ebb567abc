package warc

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
)

// RepairReport says what Repair found and changed.
type RepairReport struct {
	Files   []FileRepair // the files that were scanned (all of them for Repair)
	Indexed int          // captures written to the index for the scanned files
}

// Cut is the number of bytes removed from all files.
func (r RepairReport) Cut() int64 {
	var n int64
	for _, f := range r.Files {
		n += f.Cut
	}
	return n
}

// FileRepair describes one scanned WARC file.
type FileRepair struct {
	Name    string // file name after repair (without .open)
	WasOpen bool   // found as a .open leftover and renamed
	Records int    // complete records kept
	Size    int64  // bytes kept
	Cut     int64  // bytes removed from the end (a torn last record)
	Reason  string // why the tail was cut, "" when the file was intact
	Removed bool   // nothing complete was left: the file was deleted
}

// Repair checks every WARC file in dir: a torn last record (an incomplete
// gzip member, or a record shorter than its Content-Length) is cut off at the
// end of the last complete record, *.warc.gz.open leftovers are renamed to
// *.warc.gz (or removed when empty), and index.cdxj is rebuilt from the files.
// A damaged record followed by valid ones is not cut: Repair returns an error
// naming the file and offset instead. Repair must not run while a Recorder
// writes in dir; it takes the directory lock and fails if one does.
func Repair(dir string) (RepairReport, error) {
	unlock, err := lockDir(dir)
	if err != nil {
		return RepairReport{}, err
	}
	defer unlock()
	return repair(dir, true)
}

// repair does the work of Repair; quick skips finished files that the index
// already names (they were complete when they were indexed).
func repair(dir string, full bool) (RepairReport, error) {
	var rep RepairReport
	entries, err := os.ReadDir(dir)
	if err != nil {
		return rep, fmt.Errorf("archive: repair %s: %w", dir, err)
	}
	covered := map[string]bool{}
	if !full {
		if covered, err = indexedFiles(dir); err != nil {
			return rep, err
		}
	}
	present := map[string]bool{}
	var names []string
	for _, e := range entries {
		n := e.Name()
		if e.Type().IsRegular() && (strings.HasSuffix(n, ".warc.gz") || strings.HasSuffix(n, ".warc.gz"+openSuffix)) {
			names = append(names, n)
			present[strings.TrimSuffix(n, openSuffix)] = true
		}
	}
	sort.Strings(names)
	var add []string
	rescanned := map[string]bool{}
	for _, n := range names {
		final := strings.TrimSuffix(n, openSuffix)
		isOpen := final != n
		if !isOpen && covered[final] {
			continue
		}
		if isOpen && fileExists(filepath.Join(dir, final)) {
			return rep, fmt.Errorf("archive: repair %s: both %s and %s exist", dir, n, final)
		}
		fr, lines, err := scanFile(filepath.Join(dir, n), final)
		if err != nil {
			return rep, err
		}
		fr.WasOpen = isOpen
		path := filepath.Join(dir, n)
		switch {
		case fr.Size == 0:
			if err := os.Remove(path); err != nil {
				return rep, fmt.Errorf("archive: repair: remove empty %s: %w", path, err)
			}
			fr.Removed = true
			delete(present, final)
		case isOpen:
			if err := os.Rename(path, filepath.Join(dir, final)); err != nil {
				return rep, fmt.Errorf("archive: repair: rename %s: %w", path, err)
			}
		}
		rep.Files = append(rep.Files, fr)
		rep.Indexed += len(lines)
		add = append(add, lines...)
		rescanned[final] = true
	}
	stale := false
	for f := range covered {
		stale = stale || !present[f]
	}
	if !full && len(rescanned) == 0 && !stale {
		return rep, nil
	}
	if len(rep.Files) > 0 {
		if err := syncDir(dir); err != nil {
			return rep, err
		}
	}
	sort.Strings(add)
	if full {
		// From the files alone: the old index may be damaged, which may be
		// why it is repaired.
		return rep, mergeSorted(dir, slices.Values(add), nil, true)
	}
	keep := func(f string) bool { return present[f] && !rescanned[f] }
	return rep, mergeIndex(dir, add, keep)
}

func fileExists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

// scanFile reads every gzip member of path, truncates a torn tail and
// returns the CDXJ lines of its response and revisit records, named final.
func scanFile(path, final string) (FileRepair, []string, error) {
	fr := FileRepair{Name: final}
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return fr, nil, fmt.Errorf("archive: repair %s: %w", path, err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return fr, nil, fmt.Errorf("archive: repair %s: %w", path, err)
	}
	lines := scanMembers(f, final, &fr)
	pos := fr.Size
	if fr.Reason == "" {
		return fr, lines, nil
	}
	if off, ok := laterRecord(f, pos+1, st.Size()); ok {
		return fr, nil, fmt.Errorf("archive: repair %s: damaged record at offset %d (%s) followed by a valid one at %d; not truncating",
			path, pos, fr.Reason, off)
	}
	fr.Cut = st.Size() - pos
	if err := f.Truncate(pos); err != nil {
		return fr, nil, fmt.Errorf("archive: repair %s: truncate at %d: %w", path, pos, err)
	}
	if err := f.Sync(); err != nil {
		return fr, nil, fmt.Errorf("archive: repair %s: %w", path, err)
	}
	return fr, lines, nil
}

// scanMembers reads the gzip members of r, a WARC file named final, up to
// the first that is not a complete record, and returns the CDXJ lines of
// its response and revisit records. fr gets the records, the size they
// span and why the scan stopped early ("" at the end of r).
func scanMembers(r io.Reader, final string, fr *FileRepair) []string {
	cr := &Counter{R: r}
	br := bufio.NewReaderSize(cr, 256<<10)
	var lines []string
	var pos int64
	var zr *gzip.Reader
	for {
		if _, err := br.Peek(1); err == io.EOF {
			break
		}
		data, err := readMember(br, &zr)
		var c Capture
		var indexable bool
		if err == nil {
			c, indexable, err = parseRecord(data)
		}
		if err != nil {
			fr.Reason = err.Error()
			break
		}
		end := cr.N() - int64(br.Buffered())
		fr.Records++
		if indexable {
			c.File, c.Offset, c.Length = final, pos, end-pos
			lines = append(lines, cdxjLine(c))
		}
		pos = end
	}
	fr.Size = pos
	return lines
}

// readMember decompresses exactly one gzip member from br.
func readMember(br *bufio.Reader, zr **gzip.Reader) ([]byte, error) {
	var err error
	if *zr == nil {
		*zr, err = gzip.NewReader(br)
	} else {
		err = (*zr).Reset(br)
	}
	if err != nil {
		return nil, fmt.Errorf("gzip member header: %w", err)
	}
	(*zr).Multistream(false)
	data, err := io.ReadAll(*zr)
	if err != nil {
		return nil, fmt.Errorf("gzip member incomplete: %w", err)
	}
	return data, nil
}

// laterRecord looks for a gzip member holding a WARC record at or after from.
func laterRecord(f *os.File, from, size int64) (int64, bool) {
	magic := []byte{0x1f, 0x8b, 0x08}
	buf := make([]byte, 1<<20)
	for off := from; off < size; {
		n, _ := f.ReadAt(buf, off)
		if n < len(magic) {
			return 0, false
		}
		chunk := buf[:n]
		for i := 0; ; {
			j := bytes.Index(chunk[i:], magic)
			if j < 0 {
				break
			}
			at := off + int64(i+j)
			zr, err := gzip.NewReader(io.NewSectionReader(f, at, size-at))
			if err == nil {
				zr.Multistream(false)
				head := make([]byte, 8)
				if _, err := io.ReadFull(zr, head); err == nil && bytes.HasPrefix(head, []byte("WARC/1.")) {
					if data, err := io.ReadAll(io.MultiReader(bytes.NewReader(head), zr)); err == nil {
						if _, _, err := parseRecord(data); err == nil {
							return at, true
						}
					}
				}
			}
			i += j + 1
		}
		off += int64(n - len(magic) + 1)
	}
	return 0, false
}

// parseRecord checks one uncompressed WARC record and returns its capture
// (without file position) when it is a response or a revisit.
func parseRecord(data []byte) (Capture, bool, error) {
	r, err := ParseRecord(data)
	if err != nil || !r.IsCapture() {
		// Complete in WARC terms but not an HTTP response to index, or
		// not complete.
		return Capture{}, false, err
	}
	return r.Capture(), true, nil
}
