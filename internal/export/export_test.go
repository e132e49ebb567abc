package export

import (
	"bytes"
	"strings"
	"time"

	"github.com/wenming-archive/wenming/internal/warc"
)

// SortLinesForTest sorts lines through a lineSorter that spills past limit bytes.
func SortLinesForTest(dir string, limit int, lines []string) []string {
	s := &lineSorter{dir: dir, limit: limit}
	defer s.cleanup()
	for _, l := range lines {
		if err := s.add(l); err != nil {
			panic(err)
		}
	}
	var buf bytes.Buffer
	if err := s.writeTo(&buf); err != nil {
		panic(err)
	}
	return strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n")
}

// FindInIndexForTest looks url@date up in a CDXJ index held in memory.
func FindInIndexForTest(index []byte, url string, date time.Time) (file string, offset, length int64, ok bool, err error) {
	c, ok, err := warc.NewSortedIndex(bytes.NewReader(index), int64(len(index))).FindResponse(url, date)
	return c.File, c.Offset, c.Length, ok, err
}
