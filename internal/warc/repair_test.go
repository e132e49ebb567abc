package warc

import (
	"fmt"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// recordBase records the test site into a fresh directory and closes it.
func recordBase(t *testing.T, maxSize int64) string {
	t.Helper()
	srv := httptest.NewServer(siteHandler())
	defer srv.Close()
	dir := t.TempDir()
	rec := openT(t, Options{Dir: dir, MaxFileSize: maxSize})
	for _, p := range sitePaths {
		fetch(t, rec.Client(), srv.URL+p)
	}
	if err := rec.Close(); err != nil {
		t.Fatal(err)
	}
	return dir
}

// copyWARCs copies the WARC files of src (not the index) to a new directory.
func copyWARCs(t *testing.T, src string) string {
	t.Helper()
	dst := t.TempDir()
	for _, p := range warcFiles(t, src) {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dst, filepath.Base(p)), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dst
}

func TestRepairTornTail(t *testing.T) {
	base := recordBase(t, 4<<10)
	recs := readAll(t, base)
	files := warcFiles(t, base)
	last := filepath.Base(files[len(files)-1])
	lr := recs[last]
	lastRec := lr[len(lr)-1]
	if lastRec.typ != "response" && lastRec.typ != "revisit" {
		t.Fatalf("last record is %s", lastRec.typ)
	}
	size := lastRec.offset + lastRec.size
	want := indexCaptures(t, base)
	want = slices.DeleteFunc(want, func(c Capture) bool { return c.File == last && c.Offset == lastRec.offset })

	type tc struct {
		name string
		cut  int64  // truncate the file here
		tail []byte // then append this
	}
	cases := []tc{
		{"gzip header", lastRec.offset + 3, nil},
		{"deflate start", lastRec.offset + 12, nil},
		{"middle", lastRec.offset + lastRec.size/2, nil},
		{"trailer", size - 1, nil},
		{"zeros after", lastRec.offset + 40, make([]byte, 4096)},
		{"garbage header", lastRec.offset, []byte{0x1f, 0x8b, 0x08, 0, 0}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := copyWARCs(t, base)
			open := filepath.Join(dir, last+openSuffix)
			if err := os.Rename(filepath.Join(dir, last), open); err != nil {
				t.Fatal(err)
			}
			if err := os.Truncate(open, c.cut); err != nil {
				t.Fatal(err)
			}
			if c.tail != nil {
				f, _ := os.OpenFile(open, os.O_APPEND|os.O_WRONLY, 0)
				f.Write(c.tail)
				f.Close()
			}
			rep, err := Repair(dir)
			if err != nil {
				t.Fatal(err)
			}
			if len(rep.Files) != len(files) {
				t.Errorf("report lists %d files, want %d", len(rep.Files), len(files))
			}
			fr := rep.Files[len(rep.Files)-1]
			wantCut := c.cut + int64(len(c.tail)) - lastRec.offset
			if fr.Name != last || !fr.WasOpen || fr.Cut != wantCut || fr.Size != lastRec.offset || fr.Reason == "" || fr.Records != len(lr)-1 {
				t.Errorf("report %+v; want %s cut by %d to %d, %d records", fr, last, wantCut, lastRec.offset, len(lr)-1)
			}
			if rep.Cut() != wantCut {
				t.Errorf("Cut() = %d, want %d", rep.Cut(), wantCut)
			}
			if _, err := os.Stat(open); !os.IsNotExist(err) {
				t.Errorf(".open file still there")
			}
			got := checkIndex(t, dir, readAll(t, dir))
			if !slices.Equal(got, want) {
				t.Errorf("index after repair:\n%v\nwant\n%v", got, want)
			}
			// Repairing again changes nothing.
			rep, err = Repair(dir)
			if err != nil || rep.Cut() != 0 {
				t.Errorf("second Repair: %v, cut %d", err, rep.Cut())
			}
		})
	}
}

// Open repairs what a killed run left: the .open file and the index that
// was never written; the new run then records beside them.
func TestOpenRepairsLeftovers(t *testing.T) {
	base := recordBase(t, 1<<20)
	files := warcFiles(t, base)
	dir := copyWARCs(t, base)
	name := filepath.Base(files[0])
	open := filepath.Join(dir, name+openSuffix)
	os.Rename(filepath.Join(dir, name), open)
	st, _ := os.Stat(open)
	os.Truncate(open, st.Size()-7)
	// a file killed right after its creation
	os.WriteFile(filepath.Join(dir, "wenming-20200101000000-00009.warc.gz"+openSuffix), nil, 0o644)

	srv := httptest.NewServer(siteHandler())
	defer srv.Close()
	rec := openT(t, Options{Dir: dir})
	fetch(t, rec.Client(), srv.URL+"/page/new")
	if err := rec.Close(); err != nil {
		t.Fatal(err)
	}
	if m, _ := filepath.Glob(filepath.Join(dir, "*"+openSuffix)); len(m) > 0 {
		t.Errorf("leftovers: %v", m)
	}
	cs := checkIndex(t, dir, readAll(t, dir))
	if len(cs) != len(sitePaths)+1 {
		t.Errorf("%d captures, want %d (the torn last one gone, one new)", len(cs), len(sitePaths)+1)
	}
}

// A damaged record followed by good ones is reported, not cut away.
func TestRepairRefusesMidFileDamage(t *testing.T) {
	base := recordBase(t, 1<<20)
	recs := readAll(t, base)
	dir := copyWARCs(t, base)
	path := warcFiles(t, dir)[0]
	rs := recs[filepath.Base(path)]
	victim := rs[3]
	b, _ := os.ReadFile(path)
	for i := victim.offset + 20; i < victim.offset+30; i++ {
		b[i] ^= 0xff
	}
	os.WriteFile(path, b, 0o644)
	_, err := Repair(dir)
	if err == nil || !strings.Contains(err.Error(), fmt.Sprintf("offset %d", victim.offset)) {
		t.Errorf("Repair = %v, want an error naming offset %d", err, victim.offset)
	}
	if st, _ := os.Stat(path); st.Size() != int64(len(b)) {
		t.Errorf("file truncated to %d", st.Size())
	}
}
