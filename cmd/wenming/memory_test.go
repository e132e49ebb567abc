//go:build linux

package main

import (
	"bufio"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/wenming-archive/wenming/internal/childtest"
)

// The memory tests run a command in a process of their own (this test
// binary again, running TestMemoryChild), which reports its peak resident
// set (VmHWM) when the command ends, against the same command on a one-article input: any
// single page or line under the size limits may cost at most
// memoryBudget above that.
const memoryBudget = 300 << 20

// memoryChildEnv carries the child's arguments (JSON) to TestMemoryChild,
// memoryOutEnv the file it writes its peak resident set to.
const (
	memoryChildEnv = "WENMING_MEMORY_CHILD"
	memoryOutEnv   = "WENMING_MEMORY_OUT"
)

// TestMemoryChild is the child process of the memory tests: it runs the
// command in its environment and exits with the command's status.
func TestMemoryChild(t *testing.T) {
	args := childArgs(t, memoryChildEnv)
	code := run(args, os.Stdout, os.Stderr)
	// Not getrusage's ru_maxrss: Go starts a child with vfork, and Linux
	// counts the parent's peak, from before the exec, in the child's.
	status, err := os.ReadFile("/proc/self/status")
	if err != nil {
		t.Fatal(err)
	}
	for line := range strings.Lines(string(status)) {
		if kb, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			if err := os.WriteFile(os.Getenv(memoryOutEnv), []byte(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(kb), "kB"))), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	os.Exit(code)
}

// peakRSS runs wenming args in a child process and returns its peak
// resident set in bytes, its exit status and its standard error.
func peakRSS(t *testing.T, args ...string) (peak int64, code int, stderr string) {
	t.Helper()
	cmd := childtest.Command(t, "TestMemoryChild", memoryChildEnv, args)
	out := filepath.Join(t.TempDir(), "vmhwm")
	cmd.Env = append(cmd.Env, memoryOutEnv+"="+out, "GOMEMLIMIT=")
	var errOut strings.Builder
	cmd.Stderr = &errOut
	err := cmd.Run()
	code = cmd.ProcessState.ExitCode()
	if err != nil && code <= 0 {
		t.Fatalf("wenming %s: %v", strings.Join(args, " "), err)
	}
	kb, err := os.ReadFile(out)
	if err != nil {
		t.Fatalf("wenming %s: no peak reported: %v; stderr %s", strings.Join(args, " "), err, errOut.String())
	}
	n, err := strconv.ParseInt(string(kb), 10, 64)
	if err != nil {
		t.Fatalf("VmHWM %q: %v", kb, err)
	}
	return n << 10, code, errOut.String()
}

// checkBudget fails t when peak exceeds base by more than memoryBudget.
func checkBudget(t *testing.T, what string, peak, base int64) {
	t.Helper()
	t.Logf("%s: peak RSS %d MB, baseline %d MB, %+d MB", what, peak>>20, base>>20, (peak-base)>>20)
	if peak-base > memoryBudget {
		t.Errorf("%s: peak RSS %d MB is %d MB above the baseline %d MB; the budget is %d MB",
			what, peak>>20, (peak-base)>>20, base>>20, memoryBudget>>20)
	}
}

// bodyWriter writes article text of about n characters (3 bytes each):
// words of 2–4 ideographs drawn with a skew from a 5,000-word vocabulary,
// with commas, full stops and paragraph breaks (JSON-escaped "\n"), so
// that its terms repeat as a real text's do.
func writeBody(w *bufio.Writer, r *rand.Rand, vocab []string, n int) {
	for written := 0; written < n; {
		word := vocab[int(float64(len(vocab))*r.Float64()*r.Float64())]
		w.WriteString(word)
		written += len(word) / 3
		switch r.IntN(24) {
		case 0, 1:
			w.WriteString("，")
			written++
		case 2:
			w.WriteString("。")
			written++
		case 3:
			w.WriteString(`\n`)
			written++
		}
	}
}

// memVocab is the vocabulary of writeBody.
func memVocab() []string {
	r := rand.New(rand.NewPCG(7, 7))
	vocab := make([]string, 5000)
	for i := range vocab {
		var b strings.Builder
		for range 2 + r.IntN(3) {
			b.WriteRune(rune(0x4e00 + r.IntN(2500)))
		}
		vocab[i] = b.String()
	}
	return vocab
}

// writeJSONL writes one export record per entry of chars, article i with a
// body of chars[i] characters; an entry < 0 writes instead a line of -n
// bytes that is not a record.
func writeJSONL(t *testing.T, path string, chars ...int) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w := bufio.NewWriterSize(f, 1<<20)
	r := rand.New(rand.NewPCG(1, 2))
	vocab := memVocab()
	for i, n := range chars {
		if n < 0 {
			w.WriteString(strings.Repeat("x", -n))
			w.WriteString("\n")
			continue
		}
		fmt.Fprintf(w, `{"url":"https://www.wenming.cn/a/%d.html","site":"www.wenming.cn","site_name":"中国文明网","level":"national",`+
			`"title":"长文%d","fetched_at":"2024-05-01T08:00:00Z","published":"2024-04-30T00:00:00+08:00","body":"`, i, i)
		writeBody(w, r, vocab, n)
		w.WriteString("\"}\n")
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}

// baseline is the peak RSS of importing one ordinary article into a new
// archive, and the path of that archive.
func baseline(t *testing.T) (int64, string) {
	t.Helper()
	if raceDetector {
		t.Skip("the race detector's shadow memory multiplies the resident set: memory budgets are measured without -race")
	}
	dir := t.TempDir()
	small := filepath.Join(dir, "small.jsonl")
	writeJSONL(t, small, 2000)
	data := filepath.Join(dir, "data")
	peak, code, errOut := peakRSS(t, "import", "--data", data, small)
	if code != 0 {
		t.Fatalf("baseline import: status %d: %s", code, errOut)
	}
	return peak, data
}

// largeArticle is 2.5 million characters (7.5 MB), under every size limit:
// before the index cut bodies and bounded batches by bytes, indexing one
// took 1.8–2 GB.
const largeArticle = 2_500_000

func TestMemoryImportLargeArticle(t *testing.T) {
	base, _ := baseline(t)
	dir := t.TempDir()
	in := filepath.Join(dir, "large.jsonl")
	writeJSONL(t, in, largeArticle)
	peak, code, errOut := peakRSS(t, "import", "--data", filepath.Join(dir, "data"), in)
	if code != 0 {
		t.Fatalf("import: status %d: %s", code, errOut)
	}
	checkBudget(t, "import of a 7.5 MB article", peak, base)
}

func TestMemoryReindexLargeArticles(t *testing.T) {
	_, smallData := baseline(t)
	base, code, errOut := peakRSS(t, "reindex", "--data", smallData)
	if code != 0 {
		t.Fatalf("baseline reindex: status %d: %s", code, errOut)
	}
	dir := t.TempDir()
	in := filepath.Join(dir, "large.jsonl")
	writeJSONL(t, in, largeArticle, largeArticle, largeArticle)
	data := filepath.Join(dir, "data")
	if _, code, errOut := peakRSS(t, "import", "--data", data, in); code != 0 {
		t.Fatalf("import: status %d: %s", code, errOut)
	}
	peak, code, errOut := peakRSS(t, "reindex", "--data", data)
	if code != 0 {
		t.Fatalf("reindex: status %d: %s", code, errOut)
	}
	checkBudget(t, "reindex of three 7.5 MB articles", peak, base)
}
