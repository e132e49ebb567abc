package warc

import (
	"crypto/sha1"
	"encoding/base32"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// ErrBadCapture means a capture location does not hold the record it
// should: the file is missing, the bytes there are not a complete WARC
// record, or the record's digest does not match its content.
var ErrBadCapture = errors.New("bad capture")

// ReadCapture reads the record that file, offset and length locate in dir
// (one gzip member) without writing anything, checks that it is a
// complete response or revisit record whose WARC-Block-Digest matches its
// block, and returns its capture.
func ReadCapture(dir, file string, offset, length int64) (Capture, error) {
	bad := func(err error) (Capture, error) {
		return Capture{}, fmt.Errorf("%w: %w", err, ErrBadCapture)
	}
	// A record is bounded by the compressed length; allow a generous
	// ratio so that a bad length cannot make this read without end.
	rec, block, err := ReadAt(dir, file, offset, length, 64*length+1<<20)
	if err != nil {
		return bad(err)
	}
	where := fmt.Sprintf("%s at %d+%d", file, offset, length)
	if !rec.IsCapture() {
		return bad(fmt.Errorf("%s: not a response or revisit record", where))
	}
	if rec.Block != "" {
		sum := sha1.Sum(block)
		if got := "sha1:" + base32.StdEncoding.EncodeToString(sum[:]); !strings.EqualFold(got, rec.Block) {
			return bad(fmt.Errorf("%s: block digest %s, the record says %s", where, got, rec.Block))
		}
	}
	c := rec.Capture()
	c.File, c.Offset, c.Length = file, offset, length
	return c, nil
}

// IndexCheck is what VerifyIndex found.
type IndexCheck struct {
	Files   int // WARC files read
	Records int // complete records in them
	Lines   int // captures in index.cdxj
	// Torn lists the files that end with an incomplete record (a killed
	// run): "name: why at offset". Repair cuts such a tail.
	Torn []string
	// Damaged lists the files with a damaged record followed by valid
	// ones; Repair refuses to cut them: restore them from a backup.
	Damaged   []string
	Leftovers []string // *.warc.gz.open files a killed run left (Repair finishes them)
	Missing   []string // captures in the WARC files that the index lacks (CDXJ lines, sorted)
	Extra     []string // index lines whose location holds no such record (sorted)
}

// OK reports whether the index and the files agree and every file is whole.
func (c IndexCheck) OK() bool {
	return len(c.Torn)+len(c.Damaged)+len(c.Leftovers)+len(c.Missing)+len(c.Extra) == 0
}

// VerifyIndex reads every WARC file of dir and every record index.cdxj
// points at, without writing anything, and compares the two. Repair mends
// what it finds, except damaged records in the middle of a file.
func VerifyIndex(dir string) (IndexCheck, error) {
	var rep IndexCheck
	entries, err := os.ReadDir(dir)
	if errors.Is(err, os.ErrNotExist) {
		return rep, nil
	}
	if err != nil {
		return rep, fmt.Errorf("archive: verify %s: %w", dir, err)
	}
	scanned := map[string]bool{}
	for _, e := range entries {
		n := e.Name()
		if !e.Type().IsRegular() {
			continue
		}
		if strings.HasSuffix(n, ".warc.gz"+openSuffix) {
			rep.Leftovers = append(rep.Leftovers, n)
			continue
		}
		if !strings.HasSuffix(n, ".warc.gz") {
			continue
		}
		f, err := os.Open(filepath.Join(dir, n))
		if err != nil {
			return rep, fmt.Errorf("archive: verify %s: %w", dir, err)
		}
		var fr FileRepair
		lines := scanMembers(f, n, &fr)
		rep.Files++
		rep.Records += fr.Records
		if fr.Reason != "" {
			st, err := f.Stat()
			if err != nil {
				f.Close()
				return rep, fmt.Errorf("archive: verify %s: %w", dir, err)
			}
			if off, ok := laterRecord(f, fr.Size+1, st.Size()); ok {
				rep.Damaged = append(rep.Damaged, fmt.Sprintf("%s: %s at offset %d (valid records follow from %d)", n, fr.Reason, fr.Size, off))
			} else {
				rep.Torn = append(rep.Torn, fmt.Sprintf("%s: %s at offset %d", n, fr.Reason, fr.Size))
			}
		}
		f.Close()
		for _, l := range lines {
			scanned[l] = true
		}
	}
	indexed := map[string]bool{}
	for c, err := range ReadIndex(dir) {
		if err != nil {
			rep.Extra = append(rep.Extra, err.Error())
			break
		}
		rep.Lines++
		line := cdxjLine(c)
		indexed[line] = true
		if scanned[line] {
			continue
		}
		// Past a damaged record the scan stopped: read the record itself.
		got, err := ReadCapture(dir, c.File, c.Offset, c.Length)
		if err != nil || cdxjLine(got) != line {
			rep.Extra = append(rep.Extra, line)
		}
	}
	for l := range scanned {
		if !indexed[l] {
			rep.Missing = append(rep.Missing, l)
		}
	}
	sort.Strings(rep.Missing)
	sort.Strings(rep.Extra)
	return rep, nil
}

// WholeLength is the length of the complete records at the start of the
// WARC file at path: what Repair keeps of it. A capture that reaches past
// it lost its bytes (a run stopped by an OS crash or power cut before
// they reached the disk).
func WholeLength(path string) (int64, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, fmt.Errorf("archive: %w", err)
	}
	defer f.Close()
	var fr FileRepair
	scanMembers(f, strings.TrimSuffix(filepath.Base(path), openSuffix), &fr)
	return fr.Size, nil
}
