//go:build linux && heavy

package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/wenming-archive/wenming/index"
	"github.com/wenming-archive/wenming/internal/export"
)

// TestMemoryImportHugeLine imports a file of an ordinary record, a line
// over export.MaxLineBytes and a 63 MB record: the long line is reported
// and left out, the others imported, within the budget (16.6 GB and 70 s
// before). It writes and imports 130 MB (10 s of CPU): .ci/run runs it
// with -tags heavy. The default run keeps its parts at a smaller size:
// export's TestImportLongLineSkipped (the long line reported and left
// out), TestMemoryImportLargeArticle (a 7.5 MB record within the budget)
// and index's TestLongBodyIsCut (a body past MaxBodyChars searched up to
// it, the hit saying so).
func TestMemoryImportHugeLine(t *testing.T) {
	base, _ := baseline(t)
	dir := t.TempDir()
	in := filepath.Join(dir, "huge.jsonl")
	writeJSONL(t, in, 2000, -(export.MaxLineBytes + 1), 20_900_000)
	if fi, err := os.Stat(in); err == nil {
		t.Logf("%s: %d MB", in, fi.Size()>>20)
	}
	data := filepath.Join(dir, "data")
	peak, code, errOut := peakRSS(t, "import", "--data", data, in)
	want := fmt.Sprintf("%s:2: line longer than %d bytes", in, export.MaxLineBytes)
	if code != exitError || !strings.Contains(errOut, want) {
		t.Errorf("import: status %d, stderr %q; want status %d and %q", code, errOut, exitError, want)
	}
	checkBudget(t, "import of a 63 MB line", peak, base)

	code, out, errOut := wenming(t, "search", "--data", data, "--json", "长文2")
	if code != exitOK || !strings.Contains(out, "https://www.wenming.cn/a/2.html") ||
		!strings.Contains(out, fmt.Sprintf(`"searched_chars":%d`, index.MaxBodyChars)) {
		t.Errorf("search for the 63 MB article: status %d, out %.300q, err %q", code, out, errOut)
	}
}
