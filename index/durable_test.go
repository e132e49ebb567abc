package index

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// killChildEnv names the index directory a child process of
// TestFlushDurableAcrossKill writes.
const killChildEnv = "WENMING_INDEX_KILL_CHILD"

// TestFlushDurableAcrossKill: what Flush returned is on disk, and a kill
// while scorch merges in the background leaves an index that opens. A
// child process writes documents in many batches and a mark, flushes,
// says so and is killed (SIGKILL, no Close) with merges running; the
// index opened again holds every document and the mark, for one index and
// a sharded one. The merge the kill cut short leaves a segment file no
// snapshot holds, which is not damage (checkBeforeOpen).
func TestFlushDurableAcrossKill(t *testing.T) {
	if dir := os.Getenv(killChildEnv); dir != "" {
		writeAndWaitForKill(dir, os.Getenv(killChildEnv+"_SHARDED") != "")
		return
	}
	for _, sharded := range []bool{false, true} {
		t.Run(fmt.Sprintf("sharded=%v", sharded), func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "idx")
			cmd := exec.Command(os.Args[0], "-test.run=^TestFlushDurableAcrossKill$")
			cmd.Env = append(os.Environ(), killChildEnv+"="+dir)
			if sharded {
				cmd.Env = append(cmd.Env, killChildEnv+"_SHARDED=1")
			}
			cmd.Stderr = os.Stderr
			out, err := cmd.StdoutPipe()
			if err != nil {
				t.Fatal(err)
			}
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			lines := bufio.NewScanner(out)
			flushed := false
			for lines.Scan() {
				if lines.Text() == "flushed" {
					flushed = true
					break
				}
			}
			_ = cmd.Process.Kill()
			_ = cmd.Wait()
			if !flushed {
				t.Fatal("the child ended before it flushed")
			}
			open := Open
			if sharded {
				open = func(p string) (*Index, error) { return OpenSharded(p, ShardByYear) }
			}
			ix, err := open(dir)
			if err != nil {
				t.Fatal(err)
			}
			defer ix.Close()
			n, err := ix.Count()
			if err != nil {
				t.Fatal(err)
			}
			if n != killChildDocs {
				t.Errorf("after the kill the index holds %d documents, want the %d flushed", n, killChildDocs)
			}
			mark, err := ix.Mark("fed")
			if err != nil {
				t.Fatal(err)
			}
			if string(mark) != "all" {
				t.Errorf("mark %q after the kill, want %q", mark, "all")
			}
		})
	}
}

// killChildDocs is how many documents the child writes: some 35 batches
// of 85, so that scorch is merging segments when the kill comes.
const killChildDocs = 3000

// writeAndWaitForKill is the child of TestFlushDurableAcrossKill.
func writeAndWaitForKill(dir string, sharded bool) {
	open := Open
	if sharded {
		open = func(p string) (*Index, error) { return OpenSharded(p, ShardByYear) }
	}
	ix, err := open(dir)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	w := ix.NewWriter()
	body := strings.Repeat("精神文明建设志愿服务", 100)
	for i := range killChildDocs {
		id := fmt.Sprintf("https://a.wenming.cn/%d.html", i)
		d := Document{ID: id, URL: id, Title: fmt.Sprintf("标题%d", i), Body: body,
			Published: time.Date(2020+i%4, 3, 1, 0, 0, 0, 0, ChinaTime)}
		if err := w.Add(d); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
	}
	if err := w.SetMark("fed", []byte("all")); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	if err := w.Flush(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Println("flushed")
	time.Sleep(time.Minute) // killed meanwhile
	os.Exit(1)
}
