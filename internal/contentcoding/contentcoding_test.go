package contentcoding_test

import (
	"bytes"
	"compress/flate"
	"compress/gzip"
	"compress/zlib"
	"errors"
	"io"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/wenming-archive/wenming/internal/contentcoding"
)

const page = "<!DOCTYPE html><html><head><meta charset=gbk></head><body><p>正文第一段</p></body></html>"

// compressed returns b written through the writer newWriter makes.
func compressed(newWriter func(io.Writer) io.WriteCloser, b []byte) []byte {
	var buf bytes.Buffer
	zw := newWriter(&buf)
	zw.Write(b)
	zw.Close()
	return buf.Bytes()
}

func gzipped(b []byte) []byte {
	return compressed(func(w io.Writer) io.WriteCloser { return gzip.NewWriter(w) }, b)
}

func zlibbed(b []byte) []byte {
	return compressed(func(w io.Writer) io.WriteCloser { return zlib.NewWriter(w) }, b)
}

func rawDeflated(b []byte) []byte {
	return compressed(func(w io.Writer) io.WriteCloser {
		zw, _ := flate.NewWriter(w, flate.BestSpeed)
		return zw
	}, b)
}

func TestDecode(t *testing.T) {
	plain := []byte(page)
	gz := gzipped(plain)
	big := gzipped(bytes.Repeat([]byte("<p>一</p>"), 10000))
	tests := []struct {
		name      string
		raw       []byte
		codings   []string
		max       int64
		want      []byte
		wantPlain bool
		tooLarge  bool
		bad       bool // an *Error
		truncated bool
	}{
		{name: "none", raw: plain, want: plain},
		{name: "gzip", raw: gz, codings: []string{"gzip"}, max: 1 << 20, want: plain},
		{name: "x-gzip", raw: gz, codings: []string{"x-gzip"}, max: 1 << 20, want: plain},
		{name: "deflate as zlib", raw: zlibbed(plain), codings: []string{"deflate"}, max: 1 << 20, want: plain},
		{name: "deflate raw", raw: rawDeflated(plain), codings: []string{"deflate"}, max: 1 << 20, want: plain},
		{name: "deflate over gzip", raw: zlibbed(gz), codings: []string{"gzip", "deflate"}, max: 1 << 20, want: plain},
		{name: "gzip label over markup", raw: plain, codings: []string{"gzip"}, max: 1 << 20, want: plain, wantPlain: true},
		{name: "gzip label over markup after a BOM", raw: append([]byte("\xef\xbb\xbf\r\n"), plain...), codings: []string{"gzip"}, max: 1 << 20, want: append([]byte("\xef\xbb\xbf\r\n"), plain...), wantPlain: true},
		{name: "deflate label over markup", raw: plain, codings: []string{"deflate"}, max: 1 << 20, want: plain, wantPlain: true},
		{name: "gzip label over other bytes", raw: []byte("not a page"), codings: []string{"gzip"}, max: 1 << 20, bad: true},
		{name: "two labels over markup", raw: plain, codings: []string{"gzip", "gzip"}, max: 1 << 20, bad: true},
		{name: "gzip cut short", raw: gz[:len(gz)-12], codings: []string{"gzip"}, max: 1 << 20, bad: true, truncated: true},
		{name: "over the cap", raw: big, codings: []string{"gzip"}, max: 1000, tooLarge: true},
		{name: "at the cap", raw: gz, codings: []string{"gzip"}, max: int64(len(plain)), want: plain},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			body, wasPlain, err := contentcoding.Decode(tt.raw, tt.codings, tt.max)
			var ce *contentcoding.Error
			switch {
			case tt.tooLarge:
				if !errors.Is(err, contentcoding.ErrTooLarge) {
					t.Fatalf("err %v, want ErrTooLarge", err)
				}
			case tt.bad:
				if !errors.As(err, &ce) || ce.Truncated != tt.truncated {
					t.Fatalf("err %#v, want an *Error (truncated %v)", err, tt.truncated)
				}
			case err != nil:
				t.Fatal(err)
			case !bytes.Equal(body, tt.want) || wasPlain != tt.wantPlain:
				t.Errorf("got %q (plain %v), want %q (plain %v)", body, wasPlain, tt.want, tt.wantPlain)
			}
		})
	}
}

func TestCodings(t *testing.T) {
	h := http.Header{}
	h.Add("Content-Encoding", "GZIP, identity")
	h.Add("Content-Encoding", " deflate ,")
	got := contentcoding.Codings(h)
	if want := []string{"gzip", "deflate"}; !slices.Equal(got, want) {
		t.Errorf("Codings = %q, want %q", got, want)
	}
	if !contentcoding.Known(got) || contentcoding.Known([]string{"gzip", "br"}) {
		t.Error("Known: gzip and deflate are known, br is not")
	}
}

func TestErrorMessage(t *testing.T) {
	_, _, err := contentcoding.Decode([]byte("not gzip data at all"), []string{"gzip"}, 100)
	if err == nil || !strings.HasPrefix(err.Error(), "gzip data: ") {
		t.Errorf("error %v, want one naming the coding", err)
	}
}
