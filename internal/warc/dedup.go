package warc

import (
	"crypto/sha1"
	"encoding/base32"
	"strings"
	"time"
)

// The payloads a recorder has archived, for its revisit records: one
// entry for every distinct payload of a run and of the runs before it
// (read from the CDXJ index), held for the whole run by a payloadIndex
// (payloads.go: 8 bytes of each digest in memory, the entry on disk). An
// entry is kept compact, the digest and the record ID in binary and the
// date in seconds.

// payloadKey is a SHA-1 payload digest, in binary.
type payloadKey [sha1.Size]byte

// payloadKeyOf decodes a digest as sha1Digest writes it ("sha1:" and
// base32); ok is false for any other.
func payloadKeyOf(digest string) (k payloadKey, ok bool) {
	b32, found := strings.CutPrefix(digest, "sha1:")
	if !found || len(b32) != base32.StdEncoding.EncodedLen(sha1.Size) {
		return k, false
	}
	var buf [sha1.Size + 5]byte // Decode may write a partial block's room
	n, err := base32.StdEncoding.Decode(buf[:], []byte(b32))
	if err != nil || n != sha1.Size {
		return k, false
	}
	copy(k[:], buf[:n])
	return k, true
}

// revisitRef is the first full capture of a payload, as a revisit record
// names it.
type revisitRef struct {
	url  string
	date int64    // WARC-Date, Unix seconds
	id   [16]byte // WARC-Record-ID's UUID; all zero when unknown
}

// newRevisitRef is the reference to the capture of url at date (second
// precision) whose WARC-Record-ID is the UUID id (all zero when unknown).
func newRevisitRef(url string, date time.Time, id [16]byte) revisitRef {
	return revisitRef{url: url, date: date.Unix(), id: id}
}

// time is the capture's WARC-Date.
func (r revisitRef) time() time.Time { return time.Unix(r.date, 0).UTC() }

// recordID is the capture's WARC-Record-ID, or "" when unknown.
func (r revisitRef) recordID() string {
	if r.id == ([16]byte{}) {
		return ""
	}
	return formatUUID(r.id)
}
