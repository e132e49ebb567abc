package index

import (
	"encoding/binary"
	"errors"
	"hash/crc32"
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// TestCheckSegmentFilesStreams: checking a segment's checksum costs a
// small buffer, not the segment's size (segments run to hundreds of
// megabytes, and every open checks them), and still tells a damaged
// segment from a whole one.
func TestCheckSegmentFilesStreams(t *testing.T) {
	const size = 32 << 20
	body := make([]byte, size)
	for i := range body {
		body[i] = byte(i * 7)
	}
	good := filepath.Join(t.TempDir(), "good.zap")
	if err := os.WriteFile(good, binary.BigEndian.AppendUint32(body, crc32.ChecksumIEEE(body)), 0o600); err != nil {
		t.Fatal(err)
	}
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	if err := checkSegmentFiles([]string{good}); err != nil {
		t.Fatalf("a whole segment: %v", err)
	}
	runtime.ReadMemStats(&after)
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > size/8 {
		t.Errorf("checking a %d MB segment allocated %d MB", size>>20, alloc>>20)
	}

	body[size/2] ^= 1
	bad := filepath.Join(t.TempDir(), "bad.zap")
	if err := os.WriteFile(bad, binary.BigEndian.AppendUint32(body, crc32.ChecksumIEEE(body[:size-1])), 0o600); err != nil {
		t.Fatal(err)
	}
	short := filepath.Join(t.TempDir(), "short.zap")
	if err := os.WriteFile(short, []byte{1, 2}, 0o600); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{bad, short} {
		if err := checkSegmentFiles([]string{f}); !errors.Is(err, ErrDamaged) {
			t.Errorf("%s: %v, want ErrDamaged", filepath.Base(f), err)
		}
	}
}
