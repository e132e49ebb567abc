package crawl

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/url"
	"os"
	"strings"
	"syscall"
	"testing"
)

func TestAsDiskError(t *testing.T) {
	write := func(errno error) error {
		return &fs.PathError{Op: "write", Path: "/data/warc/w.warc.gz.open", Err: errno}
	}
	// A WARC write failing under a fetch reaches the crawler wrapped in
	// the recorder's, the guard's and net/http's errors.
	underFetch := func(err error) error {
		return &url.Error{Op: "Get", URL: "http://a.cn/", Err: fmt.Errorf("GET http://a.cn/: read body (512 bytes read): %w",
			fmt.Errorf("archive: write w.warc.gz for http://a.cn/: %w", err))}
	}
	socket := &net.OpError{Op: "dial", Net: "tcp", Err: os.NewSyscallError("connect", syscall.EPERM)}
	tests := []struct {
		name string
		err  error
		kind string // "" = not a disk error
		path string
	}{
		{"ENOSPC", write(syscall.ENOSPC), KindDiskFull, "/data/warc/w.warc.gz.open"},
		{"EDQUOT", write(syscall.EDQUOT), KindDiskFull, "/data/warc/w.warc.gz.open"},
		{"EFBIG", write(syscall.EFBIG), KindDiskFull, "/data/warc/w.warc.gz.open"},
		{"EROFS", write(syscall.EROFS), KindUnwritable, "/data/warc/w.warc.gz.open"},
		{"EACCES of a file", write(syscall.EACCES), KindUnwritable, "/data/warc/w.warc.gz.open"},
		{"rename", &os.LinkError{Op: "rename", Old: "/d/a.tmp", New: "/d/a", Err: syscall.EROFS}, KindUnwritable, "/d/a"},
		{"under a fetch", underFetch(write(syscall.ENOSPC)), KindDiskFull, "/data/warc/w.warc.gz.open"},
		{"bare errno (fdatasync)", fmt.Errorf("commit: %w", syscall.ENOSPC), KindDiskFull, ""},
		{"errno lost by %s (bbolt's grow)", fmt.Errorf("put article x: %w", fmt.Errorf("file resize error: %s", write(syscall.EFBIG))), KindDiskFull, ""},
		{"EROFS lost by %v", fmt.Errorf("file sync error: %v", write(syscall.EROFS)), KindUnwritable, ""},
		{"already typed", fmt.Errorf("x: %w", &DiskError{Kind: KindUnwritable, Err: io.ErrShortWrite}), KindUnwritable, ""},
		{"EPERM of a socket (a firewall)", underFetch(socket), "", ""},
		{"network", underFetch(syscall.ECONNREFUSED), "", ""},
		{"EOF", io.EOF, "", ""},
		{"nil", nil, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			de, ok := AsDiskError(tt.err)
			if tt.kind == "" {
				if ok {
					t.Fatalf("%v taken for a disk error: %v", tt.err, de)
				}
				return
			}
			if !ok {
				t.Fatalf("%v not taken for a disk error", tt.err)
			}
			if de.Kind != tt.kind || de.Path != tt.path {
				t.Errorf("kind %q path %q, want %q %q", de.Kind, de.Path, tt.kind, tt.path)
			}
			if errKind(tt.err) != tt.kind || retryableKind(errKind(tt.err)) {
				t.Errorf("errKind = %q (retryable %v), want %q, not retried", errKind(tt.err), retryableKind(errKind(tt.err)), tt.kind)
			}
		})
	}
	de, _ := AsDiskError(write(syscall.ENOSPC))
	de.Dir = "/data"
	msg := de.Error()
	for _, want := range []string{"disk full", "no space left on device", "/data/warc/w.warc.gz.open", "free space on the filesystem of /data", "run the same command again"} {
		if !strings.Contains(msg, want) {
			t.Errorf("message %q lacks %q", msg, want)
		}
	}
	if !errors.Is(de, syscall.ENOSPC) {
		t.Error("errors.Is(DiskError, ENOSPC) is false")
	}
}
