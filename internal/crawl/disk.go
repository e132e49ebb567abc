package crawl

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"
	"syscall"
)

// Kinds of a failed write to the archive. Unlike the fetch kinds these are
// failures of this machine, not of a site: retrying a page cannot help and
// every later page would fail the same way, so the first one stops the run
// (see DiskError).
const (
	// KindDiskFull: no space left on the archive's filesystem, the
	// user's disk quota used up, or a file grown past what the filesystem
	// allows (ENOSPC, EDQUOT, EFBIG).
	KindDiskFull = "disk_full"
	// KindUnwritable: the archive's files cannot be written: a read-only
	// filesystem (EROFS), or a file or directory without write permission
	// (EACCES, EPERM on a file).
	KindUnwritable = "unwritable"
)

// DiskError is a write to the archive (WARC file, CDXJ index, records,
// crawl queue, state files, search index) that failed for lack of space or
// permission. A crawl that meets one stops at once: the URLs it was
// working on stay queued in the frontier, so the next run — once space is
// freed — archives them; nothing is marked done that was not archived.
// Callers match it with AsDiskError or errors.As.
type DiskError struct {
	Kind string // KindDiskFull or KindUnwritable
	Path string // the file or directory that could not be written; "" if unknown
	// Dir is the archive directory, named in the message with what to do;
	// set by the caller that knows it ("" leaves the advice general).
	Dir string
	Err error
}

func (e *DiskError) Error() string {
	what, fix := "disk full", "free space on the filesystem of %s (or move the archive to a larger disk)"
	if e.Kind == KindUnwritable {
		what, fix = "archive not writable", "make %s writable (check its mount and permissions)"
	}
	dir := e.Dir
	if dir == "" {
		dir = "the archive directory"
	}
	// The file and the system's word for it say it all; the chain of
	// wrapping errors (a fetch, the WARC recorder …) is in the log.
	cause := e.Err.Error()
	var errno syscall.Errno
	if e.Path != "" && errors.As(e.Err, &errno) {
		cause = "cannot write " + e.Path + " (" + errno.Error() + ")"
	}
	return what + ": " + cause + ". The run stopped; what it could not archive stays queued: " +
		fmt.Sprintf(fix, dir) + ", then run the same command again"
}

// Unwrap returns the failed operation's error (an *fs.PathError wrapping
// the errno, as a rule): errors.Is(err, syscall.ENOSPC) holds.
func (e *DiskError) Unwrap() error { return e.Err }

// AsDiskError returns err as a *DiskError when it is (or wraps) one, or
// when it wraps a failed write for lack of space (ENOSPC, EDQUOT), on a
// read-only filesystem (EROFS), or to a file without permission (EACCES or
// EPERM of a file operation: a socket refused by a firewall says EPERM
// too, and that is a network failure).
func AsDiskError(err error) (*DiskError, bool) {
	if err == nil {
		return nil, false
	}
	var de *DiskError
	if errors.As(err, &de) {
		return de, true
	}
	path := filePath(err)
	var kind string
	switch {
	case errors.Is(err, syscall.ENOSPC), errors.Is(err, syscall.EDQUOT), errors.Is(err, syscall.EFBIG):
		// EFBIG: a file larger than the filesystem (or RLIMIT_FSIZE)
		// allows; another disk is the way out, as for a full one.
		kind = KindDiskFull
	case errors.Is(err, syscall.EROFS):
		kind = KindUnwritable
	case (errors.Is(err, syscall.EACCES) || errors.Is(err, syscall.EPERM)) && path != "":
		kind = KindUnwritable
	default:
		kind = kindByText(err.Error())
		if kind == "" {
			return nil, false
		}
	}
	return &DiskError{Kind: kind, Path: path, Err: err}, true
}

// kindByText finds the kind in an error's text. bbolt formats some of its
// errors with %s ("file resize error: truncate …/articles.db: file too
// large", "file sync error: …"), which loses the errno; the messages of
// these errnos name nothing but a failed write.
func kindByText(msg string) string {
	for _, e := range []syscall.Errno{syscall.ENOSPC, syscall.EDQUOT, syscall.EFBIG} {
		if strings.Contains(msg, e.Error()) {
			return KindDiskFull
		}
	}
	if strings.Contains(msg, syscall.EROFS.Error()) {
		return KindUnwritable
	}
	return ""
}

// filePath is the file a failed file operation names, "" if err is not
// one.
func filePath(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Path
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		return le.New
	}
	return ""
}
