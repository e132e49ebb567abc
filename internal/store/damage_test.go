package store

import (
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/wenming-archive/wenming/internal/article"
)

// fillStore writes n records with bodies long enough to need overflow
// pages, closes the store and returns its file's bytes.
func fillStore(t *testing.T, path string, n int) []byte {
	t.Helper()
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	for i := range n {
		a := sample(fmt.Sprintf("http://www.example.gov.cn/a/%d.html", i))
		a.Title = fmt.Sprintf("第%d期 志愿服务", i)
		a.Body = strings.Repeat("文明实践志愿服务", 50+i%300)
		if _, err := s.Put(a); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// useAll runs every read and a write of the store and returns the errors;
// a panic fails the test (it would have killed a command).
func useAll(t *testing.T, s *Store, n int) (errs []error) {
	t.Helper()
	defer func() {
		if r := recover(); r != nil {
			t.Fatalf("panic escaped the store: %v", r)
		}
	}()
	add := func(err error) {
		if err != nil {
			errs = append(errs, err)
		}
	}
	add(s.ForEach(func(*article.Article) error { return nil }))
	_, err := s.Len()
	add(err)
	for i := 0; i < n; i += 7 {
		u := fmt.Sprintf("http://www.example.gov.cn/a/%d.html", i)
		_, err := s.Get(u)
		add(err)
		_, _, err = s.Brief(u)
		add(err)
		_, err = s.Versions(u)
		add(err)
	}
	add(s.Check())
	if !s.ReadOnly() {
		_, err = s.Put(sample("http://www.example.gov.cn/new.html"))
		add(err)
	}
	return errs
}

// TestDamagedFileIsAnError flips bytes in the middle of a real store
// (values, then page headers): every read and write must come back with
// an error wrapping ErrCorrupt and naming the file, never a panic.
func TestDamagedFileIsAnError(t *testing.T) {
	dir := t.TempDir()
	clean := fillStore(t, filepath.Join(dir, "clean.db"), 400)
	pageSize := int(binary.LittleEndian.Uint32(clean[16+8:]))
	damage := map[string]func(b []byte){
		"200 bytes in the middle": func(b []byte) {
			for i := len(b) / 3; i < 2*len(b)/3 && i < len(b)/3+200*97; i += 97 {
				b[i] ^= 0xff
			}
		},
		"page headers": func(b []byte) {
			for p := 2; p*pageSize < len(b); p += 3 {
				b[p*pageSize+8] ^= 0x5a  // flags
				b[p*pageSize+10] ^= 0xff // count
			}
		},
		"page ids": func(b []byte) {
			for p := len(b) / pageSize / 2; p*pageSize < len(b); p++ {
				b[p*pageSize] ^= 0x33
			}
		},
	}
	corrupt := 0
	for name, fn := range damage {
		t.Run(name, func(t *testing.T) {
			b := append([]byte(nil), clean...)
			fn(b)
			path := filepath.Join(t.TempDir(), "articles.db")
			if err := os.WriteFile(path, b, 0o600); err != nil {
				t.Fatal(err)
			}
			for _, ro := range []bool{false, true} {
				open := Open
				if ro {
					open = OpenReadOnly
				}
				s, err := open(path)
				if err != nil {
					if !errors.Is(err, ErrCorrupt) || !strings.Contains(err.Error(), path) {
						t.Fatalf("open: %v, want ErrCorrupt naming the file", err)
					}
					corrupt++
					continue
				}
				errs := useAll(t, s, 400)
				if err := s.Close(); err != nil {
					t.Logf("close: %v", err)
				}
				if len(errs) == 0 {
					t.Errorf("read-only %v: no error from a damaged store", ro)
				}
				for _, err := range errs {
					if errors.Is(err, ErrCorrupt) {
						corrupt++
						if !strings.Contains(err.Error(), path) {
							t.Errorf("error does not name the file: %v", err)
						}
					}
				}
				t.Logf("read-only %v: %d errors, first: %v", ro, len(errs), errs[0])
			}
		})
	}
	if corrupt == 0 {
		t.Error("no damage was reported as ErrCorrupt")
	}
}

// TestTruncatedUnderOpenStore cuts the file of an open store in half: the
// reads that then fault on the memory map (SIGBUS, which used to kill the
// process) must come back as errors.
func TestTruncatedUnderOpenStore(t *testing.T) {
	path := filepath.Join(t.TempDir(), "articles.db")
	fillStore(t, path, 400)
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(path, fi.Size()/4); err != nil {
		t.Fatal(err)
	}
	errs := useAll(t, s, 400)
	if len(errs) == 0 {
		t.Fatal("no error reading a store truncated under it")
	}
	if !errors.Is(errs[0], ErrCorrupt) || !strings.Contains(errs[0].Error(), path) {
		t.Fatalf("first error %v, want ErrCorrupt naming the file", errs[0])
	}
	t.Logf("%d errors, first: %v", len(errs), errs[0])
}

// TestOpenReadOnly reads an archive without writing a byte of it.
func TestOpenReadOnly(t *testing.T) {
	path := filepath.Join(t.TempDir(), "articles.db")
	before := fillStore(t, path, 20)
	s, err := OpenReadOnly(path)
	if err != nil {
		t.Fatal(err)
	}
	n, err := s.Len()
	if err != nil || n != 20 {
		t.Fatalf("Len = %d, %v", n, err)
	}
	if err := s.Check(); err != nil {
		t.Fatal(err)
	}
	// Two readers share the file.
	s2, err := OpenReadOnly(path)
	if err != nil {
		t.Fatalf("second reader: %v", err)
	}
	s2.Close()
	if _, err := s.Put(sample("http://www.example.gov.cn/x.html")); err == nil {
		t.Fatal("Put into a read-only store succeeded")
	}
	s.Close()
	after, _ := os.ReadFile(path)
	if string(before) != string(after) {
		t.Fatal("a read-only open changed the file")
	}
	if _, err := OpenReadOnly(filepath.Join(t.TempDir(), "missing.db")); err == nil {
		t.Fatal("OpenReadOnly of a missing file succeeded")
	}
}
