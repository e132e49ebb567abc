package crawl

import (
	"bytes"
	"encoding/binary"
	"fmt"
)

// A server under load often answers 200 with its failure instead of the
// page asked for: a PHP CMS prints its database error and exits without
// an error status (Discuz! X's "Discuz! Database Error", DedeCMS's
// "DedeCMS错误警告", PHPCMS's "MySQL Query Error"), PHP prints a fatal
// error where the page was to be, a process dies before printing anything,
// a proxy passes on its gateway error page as 200. Read as pages, an
// article of such an answer is lost for the run and a list page of it has
// no links, so the rest of its column is lost with it; the failure passes,
// so such an answer is a failure of the server's moment
// (KindServerFailure), asked again later in the run.

// KindServerFailure: a 2xx answer whose page is the server's failure —
// empty, or a short page printing a database, PHP or gateway error (see
// serverFailure). Retried.
const KindServerFailure = "server_failure"

// maxFailurePage bounds the pages looked at for a failure: the failure
// pages are a few kilobytes; a page in its template is larger.
const maxFailurePage = 16 << 10

// fatalMark is how PHP prints a fatal error into a page.
var fatalMark = []byte("<b>Fatal error</b>:")

// failureMarks are what the failure pages of PHP and MySQL, of ASP.NET
// and Java servers, and of proxies print, and a page in its template
// does not.
var failureMarks = [][]byte{
	[]byte("Database Error"), []byte("MySQL Query Error"), []byte("MySQL Error"), []byte("SQLSTATE["),
	[]byte("Too many connections"), []byte("Can't connect to MySQL"), []byte("mysql_connect("),
	[]byte("mysqli_connect("), []byte("Access denied for user"), []byte("<b>Fatal error</b>:"),
	[]byte("<b>Parse error</b>:"), []byte("PHP Fatal error:"), []byte("Server Error in '/' Application"),
	[]byte("HTTP Status 500"), []byte("502 Bad Gateway"), []byte("504 Gateway Time-out"),
	[]byte("503 Service Temporarily Unavailable"), []byte("数据库连接失败"), []byte("连接数据库失败"),
	[]byte("数据库连接错误"), []byte("无法连接数据库"), []byte("数据库错误"),
}

// serverFailure tells whether body, a 2xx answer's page, is the server's
// failure instead, and which.
func serverFailure(body []byte) (string, bool) {
	b := bytes.TrimSpace(body)
	if len(b) == 0 {
		return "an empty page", true
	}
	if len(b) > maxFailurePage {
		// PHP stopped by a fatal error prints it where the page broke
		// off: the end of a page cut short.
		if bytes.Contains(b[len(b)-min(len(b), 1024):], fatalMark) {
			return "a page cut short by a PHP fatal error", true
		}
		return "", false
	}
	if i := failureFinder.first(b); i >= 0 {
		return fmt.Sprintf("a page saying %q", failureMarks[i]), true
	}
	return "", false
}

// failureFinder looks for all of failureMarks in one pass.
var failureFinder = newMarkFinder(failureMarks)

// markFinder tells which of a fixed set of marks, none shorter than
// markBlock+1 bytes, a text holds, looking at every stride-th offset of
// the text only: stride is the shortest mark's length less markBlock-1,
// so that wherever a mark starts, one of the offsets looked at falls on
// one of its first stride offsets with the block of markBlock bytes
// there inside the mark. Each such block of each mark is in a bit set
// of hashes; only an offset whose block passes the set is compared with
// the marks that have the block. Each mark looked for with bytes.Contains
// instead (a pass over the page per mark, each stopping at every byte the
// mark begins with, '<' and CJK lead bytes among them) cost 35 µs a page
// of the simulation, 2.4% of a crawl's CPU.
type markFinder struct {
	marks  [][]byte
	stride int
	hashes [1 << markHashBits / 64]uint64
	blocks map[uint32][]markAt
}

// markAt is a block of a mark: the mark's index and the block's offset
// in it.
type markAt struct{ mark, off int }

// markBlock is the length of a block; markHashBits sizes the bit set of
// block hashes (8 KB).
const (
	markBlock    = 4
	markHashBits = 16
)

func newMarkFinder(marks [][]byte) *markFinder {
	f := &markFinder{marks: marks, blocks: map[uint32][]markAt{}}
	shortest := 0
	for i, m := range marks {
		if i == 0 || len(m) < shortest {
			shortest = len(m)
		}
	}
	f.stride = shortest - (markBlock - 1)
	if f.stride < 1 {
		panic("crawl: a mark shorter than a block")
	}
	for i, m := range marks {
		for off := 0; off < f.stride; off++ {
			v := binary.LittleEndian.Uint32(m[off:])
			h := markHash(v)
			f.hashes[h/64] |= 1 << (h % 64)
			f.blocks[v] = append(f.blocks[v], markAt{i, off})
		}
	}
	return f
}

func markHash(v uint32) uint32 { return v * 0x9E3779B1 >> (32 - markHashBits) }

// first returns the index of the first of the marks (in their order)
// that text holds, or -1 when it holds none.
func (f *markFinder) first(text []byte) int {
	found := -1
	for i := 0; i+markBlock <= len(text); i += f.stride {
		v := binary.LittleEndian.Uint32(text[i:])
		if h := markHash(v); f.hashes[h/64]&(1<<(h%64)) == 0 {
			continue
		}
		for _, at := range f.blocks[v] {
			if s := i - at.off; s >= 0 && (found < 0 || at.mark < found) && bytes.HasPrefix(text[s:], f.marks[at.mark]) {
				found = at.mark
			}
		}
	}
	return found
}

// failureError explains a KindServerFailure answer.
func failureError(status int, why string) error {
	return &FetchError{Kind: KindServerFailure, Err: fmt.Errorf("HTTP %d with %s: the server's failure instead of the page", status, why)}
}
