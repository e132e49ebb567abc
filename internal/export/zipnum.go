package export

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"io"
	"strings"
)

// A ZipNum shared index is the form of a CDXJ index that a replay reads
// without loading it whole: the sorted lines cut into blocks of a fixed
// number of lines, each block its own gzip member of index.cdx.gz, and a
// small secondary index, index.idx, that a reader searches first:
//
//	!meta 0 {"format":"cdxj-gzip-1.0","filename":"index.cdx.gz"}
//	<first SURT> <first timestamp> {"offset":0,"length":5012,"digest":"sha256:…","filename":"index.cdx.gz"}
//	…
//
// one line per block, keyed by the block's first line (its SURT and
// timestamp), with where the block's member is in index.cdx.gz. This is
// the layout py-wacz, Browsertrix and ReplayWeb.page (wabac.js) agree on.

// ZipNum defaults: Browsertrix's, the Webrecorder crawler's. Below
// DefaultZipNumAt bytes a plain index.cdxj is smaller and as fast to load.
const (
	DefaultZipNumAt   = 50_000
	DefaultBlockLines = 256
	zipNumFormat      = "cdxj-gzip-1.0"
)

// ZipNumMeta is the header line of index.idx, after "!meta 0 ".
type ZipNumMeta struct {
	Format   string `json:"format"`
	Filename string `json:"filename"`
}

// ZipNumBlock is the JSON of one line of index.idx, after the block's key.
type ZipNumBlock struct {
	Offset   int64  `json:"offset"`
	Length   int64  `json:"length"`
	Digest   string `json:"digest"` // "sha256:" and the hex digest of the member
	Filename string `json:"filename"`
}

// writeZipNum reads sorted CDXJ lines from r and writes them as a ZipNum
// index: the gzip members of blockLines lines each to data (the file
// called dataName), the secondary index to idx.
func writeZipNum(data, idx io.Writer, r io.Reader, dataName string, blockLines int) error {
	if blockLines <= 0 {
		blockLines = DefaultBlockLines
	}
	meta, err := json.Marshal(ZipNumMeta{Format: zipNumFormat, Filename: dataName})
	if err != nil {
		return err
	}
	iw := bufio.NewWriter(idx)
	fmt.Fprintf(iw, "!meta 0 %s\n", meta)

	var (
		block  bytes.Buffer // the lines of the block being filled
		member bytes.Buffer // its gzip member
		key    string
		lines  int
		offset int64
	)
	zw := gzip.NewWriter(&member)
	flush := func() error {
		member.Reset()
		zw.Reset(&member)
		if _, err := zw.Write(block.Bytes()); err != nil {
			return err
		}
		if err := zw.Close(); err != nil {
			return err
		}
		sum := sha256.Sum256(member.Bytes())
		entry, err := json.Marshal(ZipNumBlock{Offset: offset, Length: int64(member.Len()), Digest: fmt.Sprintf("sha256:%x", sum), Filename: dataName})
		if err != nil {
			return err
		}
		fmt.Fprintf(iw, "%s %s\n", key, entry)
		n, err := data.Write(member.Bytes())
		offset += int64(n)
		block.Reset()
		lines = 0
		return err
	}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 16<<20)
	for sc.Scan() {
		line := sc.Text()
		if line == "" {
			continue
		}
		if lines == 0 {
			k, _, ok := strings.Cut(line, " {")
			if !ok {
				return fmt.Errorf("zipnum: not a CDXJ line: %.80q", line)
			}
			key = k
		}
		block.WriteString(line)
		block.WriteByte('\n')
		if lines++; lines == blockLines {
			if err := flush(); err != nil {
				return fmt.Errorf("zipnum: %w", err)
			}
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("zipnum: %w", err)
	}
	if lines > 0 {
		if err := flush(); err != nil {
			return fmt.Errorf("zipnum: %w", err)
		}
	}
	return iw.Flush()
}
