package atomicfile

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestWrite(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "out.txt")
	if err := os.WriteFile(path, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	boom := errors.New("boom")
	tests := []struct {
		name    string
		write   func(*os.File) error
		want    string // the file's content afterwards
		wantErr error
	}{
		{"a failed write leaves the old file", func(f *os.File) error {
			if _, err := f.WriteString("half"); err != nil {
				return err
			}
			return boom
		}, "old", boom},
		{"a whole write replaces it", func(f *os.File) error {
			_, err := f.WriteString("new")
			return err
		}, "new", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := Write(path, tt.write)
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("Write: %v, want %v", err, tt.wantErr)
			}
			b, rerr := os.ReadFile(path)
			if rerr != nil || string(b) != tt.want {
				t.Errorf("file holds %q (%v), want %q", b, rerr, tt.want)
			}
			entries, _ := os.ReadDir(dir)
			if len(entries) != 1 {
				t.Errorf("directory holds %d files, want only %s: %v", len(entries), path, entries)
			}
		})
	}
	if fi, err := os.Stat(path); err != nil || fi.Mode().Perm() != 0o644 {
		t.Errorf("mode %v (%v), want 0644", fi.Mode(), err)
	}
}

// An error about the temporary file names the file being written.
func TestWriteErrorNamesPath(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "out.txt")
	var tmp string
	err := Write(path, func(f *os.File) error {
		tmp = f.Name()
		f.Close()
		_, err := f.WriteString("x") // fails: closed
		return err
	})
	if err == nil {
		t.Fatal("writing a closed file succeeded")
	}
	if strings.Contains(err.Error(), tmp) || !strings.Contains(err.Error(), path) {
		t.Errorf("error %q names the temporary file %s or not %s", err, tmp, path)
	}
	if !errors.Is(err, os.ErrClosed) {
		t.Errorf("error %v is not os.ErrClosed", err)
	}
	if _, err := os.Stat(path); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("%s exists after a failed write: %v", path, err)
	}
}
