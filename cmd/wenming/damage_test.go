package main

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/wenming-archive/wenming/index"
	"github.com/wenming-archive/wenming/internal/archive"
	"github.com/wenming-archive/wenming/internal/childtest"
	"github.com/wenming-archive/wenming/internal/copytest"
	"github.com/wenming-archive/wenming/internal/damagetest"
)

// A damaged file once crashed commands with a goroutine dump, which would
// kill the test process too: these tests run the commands in a child
// process (this test binary, re-executed into TestWenmingChild).

const childEnv = "WENMING_CHILD_ARGS"

// TestWenmingChild runs the command of the parent test and exits.
func TestWenmingChild(t *testing.T) {
	args := childArgs(t, childEnv)
	os.Exit(run(args, os.Stdout, os.Stderr))
}

// child runs wenming args in a child process (bin, this test binary or a
// copy of it) and returns its exit code and output; with cred it runs as
// that user.
func child(t *testing.T, bin string, cred *syscall.Credential, args ...string) (int, string, string) {
	t.Helper()
	cmd := childtest.Command(t, "TestWenmingChild", childEnv, args)
	cmd.Path = bin
	if cred != nil {
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: cred}
	}
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return code, out.String(), errOut.String()
}

// demo is a small archive made by "wenming demo", once per test binary;
// every test gets a copy of its own.
var demo = copytest.New("wenming-demo-", func(dir string) error {
	var out, errOut bytes.Buffer
	if code := run([]string{"demo", "--data", dir, "--articles", "60", "--config", filepath.Join("..", "..", "config.yaml")}, &out, &errOut); code != exitOK {
		return fmt.Errorf("demo: code %d\n%s\n%s", code, out.String(), errOut.String())
	}
	return nil
})

// calmCrawlConfig serves a small calm simulation until the test ends and
// writes a config that crawls it without delays; it returns the config's
// path.
func calmCrawlConfig(t *testing.T) string {
	t.Helper()
	_, addr := testSim(t, simOptions{articles: 30, seed: 4, calm: true})
	return configFile(t, t.TempDir(), "crawl:\n  proxy: http://%s\n  delay: 0s\n  random_delay: 0s\n", addr)
}

// noCrash fails the test if the output shows a panic or a fatal signal.
func noCrash(t *testing.T, what, stderr string) {
	t.Helper()
	for _, s := range []string{"goroutine ", "panic:", "SIGBUS", "fatal error"} {
		if strings.Contains(stderr, s) {
			t.Fatalf("%s crashed (%q):\n%.3000s", what, s, stderr)
		}
	}
}

// TestDamagedStoreCommandsExit1 flips page ids in the middle of a real
// articles.db (bbolt panics on them: "Page expected to be …"), or the
// root bucket's page, and truncates another copy: every command that
// reads the damaged pages exits 1 with a message naming the file and the
// fix.
func TestDamagedStoreCommandsExit1(t *testing.T) {
	if testing.Short() {
		t.Skip("crawls a simulation")
	}
	cfg := calmCrawlConfig(t)
	damages := map[string]func(b []byte) []byte{
		"bit-flipped": func(b []byte) []byte {
			ps := int(binary.LittleEndian.Uint32(b[16+8:]))
			used := min(len(b), boltInUse(b))
			for p := used / ps / 3; (p+1)*ps <= used; p++ {
				b[p*ps] ^= 0x33
			}
			return b
		},
		// The page both meta pages name as the root bucket's: every
		// look-up starts there, so even one that reads a few pages (a
		// search by URL) meets the damage.
		"root-flipped": func(b []byte) []byte {
			ps := int(binary.LittleEndian.Uint32(b[16+8:]))
			for _, meta := range []int{0, ps} {
				if p := int(binary.LittleEndian.Uint64(b[meta+32:])); p > 1 && (p+1)*ps <= len(b) {
					b[p*ps] ^= 0x33
				}
			}
			return b
		},
		// Cut within the pages in use: bbolt grows its file ahead of
		// them, so half the file may hold them all.
		"truncated": func(b []byte) []byte { return b[:min(len(b), boltInUse(b))/2] },
		"zero-byte": func([]byte) []byte { return nil },
	}
	for name, damage := range damages {
		t.Run(name, func(t *testing.T) {
			data := demo.Copy(t)
			path := archive.ArticlesPath(data)
			b, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, damage(b), 0o644); err != nil {
				t.Fatal(err)
			}
			for _, args := range [][]string{
				{"export", "--data", data, "-o", filepath.Join(t.TempDir(), "out.jsonl")},
				{"reindex", "--data", data},
				{"search", "--data", data, "http://www.wenming.cn/"},
				{"crawl", "--data", data, "--config", cfg},
			} {
				code, _, errOut := child(t, os.Args[0], nil, args...)
				noCrash(t, args[0], errOut)
				if name == "bit-flipped" && args[0] == "search" && code == exitOK && errOut == "" {
					// A search by URL reads the few pages on its key's path
					// and answers when none of them is damaged (the
					// damaged pages are met by whatever reads them, and
					// by "wenming check"); root-flipped damages its path.
					continue
				}
				if code != exitError || !strings.Contains(errOut, "articles.db") || !strings.Contains(errOut, "wenming check") {
					t.Errorf("%s: code %d, stderr:\n%.1500s\nwant 1 and a message naming articles.db and the fix", args[0], code, errOut)
				}
			}
			if name == "zero-byte" {
				if fi, _ := os.Stat(path); fi.Size() != 0 {
					t.Error("the zero-byte articles.db was replaced")
				}
				ix, err := index.OpenReadOnly(archive.IndexPath(data))
				if err != nil {
					t.Fatal(err)
				}
				n, _ := ix.Count()
				ix.Close()
				if n == 0 {
					t.Error("the index was emptied over a zero-byte articles.db")
				}
			}
			// check reports the damage and exits 1 too.
			code, out, errOut := child(t, os.Args[0], nil, "check", "--data", data)
			noCrash(t, "check", errOut)
			if code != exitError || !strings.Contains(out, "records") || !strings.Contains(out, "backup") {
				t.Errorf("check: code %d\n%s\n%s", code, out, errOut)
			}
		})
	}
}

// TestZeroByteFrontierIsSetAside: a crawl over a zero-byte frontier.db
// keeps it aside and crawls anew instead of taking it for a new one.
func TestZeroByteFrontierIsSetAside(t *testing.T) {
	if testing.Short() {
		t.Skip("crawls a simulation")
	}
	cfg := calmCrawlConfig(t)
	data := demo.Copy(t)
	if err := os.WriteFile(archive.FrontierPath(data), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, errOut := wenming(t, "crawl", "--data", data, "--config", cfg)
	if code != exitOK {
		t.Fatalf("crawl: %d\n%s", code, errOut)
	}
	if !strings.Contains(errOut, "crawl state was damaged") {
		t.Errorf("no warning about the frontier:\n%s", errOut)
	}
	if m, _ := filepath.Glob(archive.FrontierPath(data) + ".damaged-*"); len(m) != 1 {
		t.Errorf("zero-byte frontier not kept aside: %v", m)
	}
}

// TestKilledImportIsMendedBySearch builds what a kill between import's
// store and its index leaves (records the index lacks, the pending
// marker): the next search indexes them, says so, and finds them.
func TestKilledImportIsMendedBySearch(t *testing.T) {
	data := demo.Copy(t)
	ixPath := archive.IndexPath(data)
	if err := os.RemoveAll(ixPath); err != nil {
		t.Fatal(err)
	}
	ix, err := index.Open(ixPath) // empty: the kill came before any batch
	if err != nil {
		t.Fatal(err)
	}
	ix.Close()
	if err := archive.MarkIndexPending(ixPath, "import of test.jsonl"); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := wenming(t, "search", "--data", data, "文明")
	if code != exitOK || !strings.Contains(out, "note: ") || !strings.Contains(errOut, "interrupted") {
		t.Fatalf("search: code %d\n%s\n%s", code, out, errOut)
	}
	if !strings.Contains(out, "文明") {
		t.Fatalf("search found nothing after mending:\n%s", out)
	}
	if _, err := os.Stat(archive.PendingPath(ixPath)); err == nil {
		t.Fatal("pending marker left")
	}
	code, out, _ = wenming(t, "search", "--data", data, "文明")
	if code != exitOK || strings.Contains(out, "note: ") {
		t.Fatalf("second search: code %d, notes again:\n%s", code, out)
	}
}

// TestCheckCommand: a clean archive checks clean (exit 0); a bit-flipped
// index is reported (exit 1, in --json too); --repair rebuilds it and the
// archive then checks clean.
func TestCheckCommand(t *testing.T) {
	data := demo.Copy(t)
	if code, out, errOut := wenming(t, "check", "--data", data); code != exitOK || !strings.Contains(out, "nothing wrong") {
		t.Fatalf("clean archive: code %d\n%s\n%s", code, out, errOut)
	}
	damagetest.FlipTree(t, archive.IndexPath(data), ".zap", 1.0/3, 2.0/3, 997)
	code, out, _ := wenming(t, "check", "--data", data, "--json")
	var rep struct {
		Problems []struct{ Part, What, Fix string }
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("check --json: %v\n%s", err, out)
	}
	if code != exitError || len(rep.Problems) == 0 || rep.Problems[0].Part != "index" {
		t.Fatalf("damaged index: code %d, %+v", code, rep)
	}
	if code, out, errOut := wenming(t, "check", "--data", data, "--repair"); code != exitOK || !strings.Contains(out, "repaired  rebuilt the search index") {
		t.Fatalf("--repair: code %d\n%s\n%s", code, out, errOut)
	}
	if code, out, _ := wenming(t, "check", "--data", data); code != exitOK {
		t.Fatalf("after --repair: code %d\n%s", code, out)
	}
}

// TestReadOnlyArchive searches and exports an archive that may not be
// written. Root writes through permissions, so as root the commands run
// as nobody (uid 65534) in a child process.
func TestReadOnlyArchive(t *testing.T) {
	data := demo.Copy(t)
	bin := os.Args[0]
	var cred *syscall.Credential
	if os.Geteuid() == 0 {
		cred = &syscall.Credential{Uid: 65534, Gid: 65534}
		// nobody must reach the binary and the archive.
		dir, err := os.MkdirTemp("", "wenming-ro-")
		if err != nil {
			t.Fatal(err)
		}
		defer os.RemoveAll(dir)
		os.Chmod(dir, 0o777) // the export is written here
		b, err := os.ReadFile(bin)
		if err != nil {
			t.Fatal(err)
		}
		bin = filepath.Join(dir, "wenming.test")
		if err := os.WriteFile(bin, b, 0o755); err != nil {
			t.Fatal(err)
		}
		for d := filepath.Dir(data); d != "/" && d != os.TempDir(); d = filepath.Dir(d) {
			os.Chmod(d, 0o755)
		}
	}
	filepath.WalkDir(data, func(path string, d fs.DirEntry, err error) error {
		if d.IsDir() {
			return os.Chmod(path, 0o555)
		}
		return os.Chmod(path, 0o444)
	})
	defer filepath.WalkDir(data, func(path string, d fs.DirEntry, err error) error {
		if d != nil && d.IsDir() {
			os.Chmod(path, 0o755)
		}
		return nil
	})
	probe := filepath.Join(data, "probe")
	if code, _, _ := child(t, bin, cred, "sim", "--help"); code != exitOK {
		t.Skip("cannot run the test binary as another user here")
	}
	if err := os.WriteFile(probe, nil, 0o644); err == nil && cred == nil {
		t.Skip("permissions do not stop writes here")
	}
	out := filepath.Join(filepath.Dir(bin), "out.jsonl")
	if cred == nil {
		out = filepath.Join(t.TempDir(), "out.jsonl")
	}
	code, stdout, errOut := child(t, bin, cred, "search", "--data", data, "--json", "文明")
	noCrash(t, "search", errOut)
	if code != exitOK || !strings.Contains(stdout, `"total"`) {
		t.Fatalf("search of a read-only archive: code %d\n%s\n%s", code, stdout, errOut)
	}
	code, stdout, errOut = child(t, bin, cred, "export", "--data", data, "-o", out)
	if code != exitOK {
		t.Fatalf("export of a read-only archive: code %d\n%s\n%s", code, stdout, errOut)
	}
	code, stdout, errOut = child(t, bin, cred, "check", "--data", data)
	if code != exitOK {
		t.Fatalf("check of a read-only archive: code %d\n%s\n%s", code, stdout, errOut)
	}
}

// boltInUse is how many bytes of the bbolt file b its pages in use take:
// the larger high-water mark of its two meta pages (page id after the
// page header, magic, version, page size, flags, root bucket and
// freelist), times the page size.
func boltInUse(b []byte) int {
	ps := int(binary.LittleEndian.Uint32(b[16+8:]))
	hwm := 0
	for _, meta := range []int{0, ps} {
		if meta+64 <= len(b) {
			hwm = max(hwm, int(binary.LittleEndian.Uint64(b[meta+56:])))
		}
	}
	return hwm * ps
}
