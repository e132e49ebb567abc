package frontier

import (
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"time"
)

// Request is one URL waiting to be fetched.
type Request struct {
	URL     string // canonical URL; the key of the seen-set
	Host    string // the queue it waits in; requests are popped per host
	Kind    string // e.g. "home", "list", "article", "counter", "page"; opaque here
	Depth   int
	Site    string // host of the hierarchy site the URL belongs to; opaque here
	Referer string
}

// formatV1 is the first byte of an encoded Request.
const formatV1 byte = 1

// encode returns the binary form of r: the format byte, then URL, Host,
// Kind, Site and Referer each as a uvarint length and bytes, then Depth as
// a varint. It is several times smaller and faster than JSON.
func (r *Request) encode() []byte {
	n := 1 + binary.MaxVarintLen64*6 + len(r.URL) + len(r.Host) + len(r.Kind) + len(r.Site) + len(r.Referer)
	b := make([]byte, 1, n)
	b[0] = formatV1
	for _, s := range [...]string{r.URL, r.Host, r.Kind, r.Site, r.Referer} {
		b = binary.AppendUvarint(b, uint64(len(s)))
		b = append(b, s...)
	}
	return binary.AppendVarint(b, int64(r.Depth))
}

var errShort = errors.New("truncated")

// decodeRequest parses the output of encode. The strings are copied, so the
// result outlives the transaction that read b.
func decodeRequest(b []byte) (Request, error) {
	var r Request
	if len(b) == 0 || b[0] != formatV1 {
		return r, fmt.Errorf("decode request: unknown format: %w", ErrCorrupt)
	}
	b = b[1:]
	for _, p := range [...]*string{&r.URL, &r.Host, &r.Kind, &r.Site, &r.Referer} {
		n, k := binary.Uvarint(b)
		if k <= 0 || uint64(len(b)-k) < n {
			return r, fmt.Errorf("decode request: %w: %w", errShort, ErrCorrupt)
		}
		*p = string(b[k : k+int(n)])
		b = b[k+int(n):]
	}
	d, k := binary.Varint(b)
	if k <= 0 || k != len(b) {
		return r, fmt.Errorf("decode request %s: bad depth: %w", r.URL, ErrCorrupt)
	}
	r.Depth = int(d)
	return r, nil
}

// hashLen is the size of a seen-set key.
const hashLen = 16

// seenKey returns the seen-set key of url: the first 16 bytes of its
// SHA-256. With n URLs the chance of any collision is about n²/2¹²⁹: for
// ten million URLs, 1.5·10⁻²⁵. A collision would make the frontier skip one
// URL as already seen.
func seenKey(url string) []byte {
	h := sha256.Sum256([]byte(url))
	return h[:hashLen]
}

// seenKeys returns the seen-set keys of the URLs of reqs (seenKey's), all
// in one array: a Push of a page's links made two allocations a link for
// them, the hash's array and a copy of the URL to hash (some 30 of the
// 2,260 objects a page that a crawl allocated). bbolt copies a key it
// stores, so keys sharing an array are as good as keys apart.
func seenKeys(reqs []Request) [][]byte {
	keys := make([][]byte, len(reqs))
	arr := make([]byte, len(reqs)*hashLen)
	b := make([]byte, 0, 256) // each URL's bytes, for the hash
	for i := range reqs {
		b = append(b[:0], reqs[i].URL...)
		h := sha256.Sum256(b)
		k := arr[i*hashLen : (i+1)*hashLen : (i+1)*hashLen]
		copy(k, h[:hashLen])
		keys[i] = k
	}
	return keys
}

// Lease is a host a crawler may send requests to (see Frontier.Claim):
// its queued requests and the earliest time its next request may start.
// GiveBack asks the crawler, which holds more than its share of the hosts
// shared with other processes, to let this one go (Release) while it has
// nothing of it in flight; a frontier of one process never asks.
type Lease struct {
	Host     string
	Pending  int
	Next     time.Time
	GiveBack bool
}
