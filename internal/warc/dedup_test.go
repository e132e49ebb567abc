package warc

import (
	"crypto/sha1"
	"testing"
	"time"
)

// TestPayloadKey decodes the digests sha1Digest writes to the SHA-1 sum
// they spell, and refuses every other form.
func TestPayloadKey(t *testing.T) {
	for _, payload := range []string{"", "<html>正文</html>", string(make([]byte, 5000))} {
		k, ok := payloadKeyOf(sha1Digest([]byte(payload)))
		if want := sha1.Sum([]byte(payload)); !ok || k != want {
			t.Errorf("payloadKeyOf(sha1Digest(%.10q)) = %x, %v; want %x", payload, k, ok, want)
		}
	}
	good := sha1Digest([]byte("x"))
	for _, d := range []string{"", "sha1:", "sha256:" + good[5:], "SHA1:" + good[5:], good[:len(good)-1], good + "A", good[:10] + "!" + good[11:]} {
		if k, ok := payloadKeyOf(d); ok {
			t.Errorf("payloadKeyOf(%q) = %x, true; want refused", d, k)
		}
	}
}

// TestRevisitRef gives back the date and record ID it was made with, as
// a revisit record writes them.
func TestRevisitRef(t *testing.T) {
	date := time.Date(2026, 11, 1, 9, 30, 5, 0, time.UTC)
	id := newUUIDBytes()
	for _, c := range []struct {
		id     [16]byte
		wantID string
	}{
		{id, formatUUID(id)},
		{[16]byte{}, ""},
	} {
		r := newRevisitRef("http://www.wenming.cn/a/1.html", date.In(time.FixedZone("CST", 8*3600)), c.id)
		if !r.time().Equal(date) || r.time().Location() != time.UTC || r.recordID() != c.wantID || r.url != "http://www.wenming.cn/a/1.html" {
			t.Errorf("ref %+v: time %v, ID %q; want %v, %q", r, r.time(), r.recordID(), date, c.wantID)
		}
	}
}
