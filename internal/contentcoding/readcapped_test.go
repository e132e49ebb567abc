package contentcoding_test

import (
	"bytes"
	"fmt"
	"runtime"
	"testing"
	"testing/iotest"

	"github.com/wenming-archive/wenming/internal/contentcoding"
)

// TestReadCapped reads bodies of lengths about the chunk sizes and the
// cap, of known and unknown length, through a reader that returns half
// of what is asked: the body comes back whole, or nothing with a count
// over the cap.
func TestReadCapped(t *testing.T) {
	const limit = 700 << 10
	for _, n := range []int{0, 1, 16<<10 - 1, 16 << 10, 16<<10 + 1, 100 << 10, 600 << 10, limit, limit + 1, 2 * limit} {
		body := bytes.Repeat([]byte("0123456789abcdefghijklmnopqrstuvwxyz"), n/36+1)[:n]
		for _, hint := range []int64{-1, int64(n)} {
			t.Run(fmt.Sprintf("%d bytes, hint %d", n, hint), func(t *testing.T) {
				got, count, err := contentcoding.ReadCapped(iotest.HalfReader(bytes.NewReader(body)), limit, hint)
				if err != nil {
					t.Fatal(err)
				}
				if n > limit {
					if got != nil || count != limit+1 {
						t.Errorf("over the cap: %d bytes, count %d; want none, count %d", len(got), count, limit+1)
					}
					return
				}
				if count != int64(n) || !bytes.Equal(got, body) {
					t.Errorf("read %d bytes (count %d) of %d; equal %v", len(got), count, n, bytes.Equal(got, body))
				}
			})
		}
	}
}

// TestReadCappedSmallBodyCostsLittle: a page of a few kilobytes of
// unknown length (sent chunked) costs a few times its size, not the
// 256 KiB a chunk holds at most (every page the crawler fetched cost
// that, zeroed).
func TestReadCappedSmallBodyCostsLittle(t *testing.T) {
	body := bytes.Repeat([]byte("<p>正文</p>"), 400) // 5.2 KB
	const runs = 50
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	for range runs {
		if _, _, err := contentcoding.ReadCapped(bytes.NewReader(body), 10<<20, -1); err != nil {
			t.Fatal(err)
		}
	}
	runtime.ReadMemStats(&after)
	if per := (after.TotalAlloc - before.TotalAlloc) / runs; per > 32<<10 {
		t.Errorf("reading a %d-byte body allocated %d bytes", len(body), per)
	}
}
