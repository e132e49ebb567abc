package crawl

import (
	"bytes"
	"fmt"
	"unsafe"

	"github.com/wenming-archive/wenming/internal/literalscan"
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
	if i := firstFailureMark(b); i >= 0 {
		return fmt.Sprintf("a page saying %q", failureMarks[i]), true
	}
	return "", false
}

// failureScanner looks for all of failureMarks in one pass over a page:
// a bytes.Contains per mark (a pass over the page each, stopping at every
// '<' or CJK lead byte a mark begins with) cost 35 µs a page of the
// simulation, 2.4% of a crawl's CPU.
var failureScanner = func() *literalscan.Scanner {
	lits := make([]literalscan.Literal, len(failureMarks))
	for i, m := range failureMarks {
		lits[i] = literalscan.Literal{Text: string(m)}
	}
	return literalscan.New(lits)
}()

// firstFailureMark returns the index of the first of failureMarks, in
// their order, that page holds; -1 when it holds none. The scanner reads
// the page's bytes in place (it keeps nothing of its input, and nothing
// writes the page meanwhile): a copy made a string of every page of up to
// maxFailurePage bytes, 6% of the bytes a crawl allocated.
func firstFailureMark(page []byte) int {
	for i, at := range failureScanner.Scan(unsafe.String(unsafe.SliceData(page), len(page))) {
		if at >= 0 {
			return i
		}
	}
	return -1
}

// failureError explains a KindServerFailure answer.
func failureError(status int, why string) error {
	return &FetchError{Kind: KindServerFailure, Err: fmt.Errorf("HTTP %d with %s: the server's failure instead of the page", status, why)}
}
