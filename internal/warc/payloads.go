package warc

import (
	"bufio"
	"crypto/sha1"
	"encoding/binary"
	"fmt"
	"os"
	"path/filepath"
)

// payloadIndex is the recorder's set of archived payloads (see dedup.go),
// held mostly on disk: in memory, the first 8 bytes of each digest and
// where its entry (the whole digest and the revisitRef) starts in a file of
// the run's own; on disk, the entries. A digest costs some 20 bytes of
// memory instead of the 130 it took in a map of refs with their URLs, which
// grew with every page a crawl archived. Most look-ups miss (a payload
// seen before is rare), and a miss is answered from memory; a hit reads
// its entry back.
//
// Two digests whose first 8 bytes agree are told apart by the whole
// digest in the entry: the later is held in memory, in clash.
//
// The file is a cache of what the recorder learns in one run (a new run
// learns it again from the CDXJ index and its own captures): it is
// never synced, removed as soon as it is open where the system allows,
// and otherwise at close, and leftovers of a killed run are removed at
// open (removePayloadFiles). When it cannot be made or written, the
// entries are held in clash instead; an entry that cannot be read back
// counts as not found, and the payload is archived in full again.
//
// It is not safe for concurrent use.
type payloadIndex struct {
	dir    string // where the file is made, on the first add
	f      *os.File
	path   string // the file's path while it is still to be removed
	w      *bufio.Writer
	size   int64 // bytes of entries appended, written or buffered
	at     map[uint64]int64
	clash  map[payloadKey]revisitRef
	failed bool // the file could not be made or written, or is closed: clash holds the rest
}

// payloadFilePrefix names the files of payload indexes.
const payloadFilePrefix = ".payloads-"

// entryHead is the fixed part of an entry: digest, date, record ID and
// the URL's length (the URL follows).
const entryHead = payloadKeySize + 8 + 16 + 4

const payloadKeySize = sha1.Size

func newPayloadIndex(dir string) *payloadIndex {
	return &payloadIndex{dir: dir, at: map[uint64]int64{}, clash: map[payloadKey]revisitRef{}}
}

// removePayloadFiles removes what killed runs left of their payload files
// in dir.
func removePayloadFiles(dir string) {
	m, _ := filepath.Glob(filepath.Join(dir, payloadFilePrefix+"*"))
	for _, p := range m {
		os.Remove(p)
	}
}

// len is the number of payloads held.
func (p *payloadIndex) len() int { return len(p.at) + len(p.clash) }

// find returns the ref held for k.
func (p *payloadIndex) find(k payloadKey) (revisitRef, bool) {
	if ref, ok := p.clash[k]; ok {
		return ref, true
	}
	off, ok := p.at[prefixOf(k)]
	if !ok {
		return revisitRef{}, false
	}
	got, ref, err := p.read(off)
	if err != nil || got != k {
		return revisitRef{}, false
	}
	return ref, true
}

// findOrAdd returns the ref held for k, or holds ref for it and returns
// false.
func (p *payloadIndex) findOrAdd(k payloadKey, ref revisitRef) (revisitRef, bool) {
	if old, ok := p.find(k); ok {
		return old, true
	}
	p.add(k, ref)
	return revisitRef{}, false
}

// add holds ref for k, which find does not know.
func (p *payloadIndex) add(k payloadKey, ref revisitRef) {
	prefix := prefixOf(k)
	if _, taken := p.at[prefix]; taken || p.failed {
		p.clash[k] = ref
		return
	}
	off, err := p.append(k, ref)
	if err != nil {
		p.failed = true
		p.clash[k] = ref
		return
	}
	p.at[prefix] = off
}

// prefixOf is the first 8 bytes of k, the key of p.at.
func prefixOf(k payloadKey) uint64 { return binary.LittleEndian.Uint64(k[:8]) }

// append writes the entry of k and ref at the end of the file and returns
// its offset.
func (p *payloadIndex) append(k payloadKey, ref revisitRef) (int64, error) {
	if p.f == nil {
		if err := p.create(); err != nil {
			return 0, err
		}
	}
	var head [entryHead]byte
	copy(head[:], k[:])
	binary.LittleEndian.PutUint64(head[payloadKeySize:], uint64(ref.date))
	copy(head[payloadKeySize+8:], ref.id[:])
	binary.LittleEndian.PutUint32(head[payloadKeySize+24:], uint32(len(ref.url)))
	if _, err := p.w.Write(head[:]); err != nil {
		return 0, err
	}
	if _, err := p.w.WriteString(ref.url); err != nil {
		return 0, err
	}
	off := p.size
	p.size += int64(entryHead + len(ref.url))
	return off, nil
}

// create makes the file, removing it at once where an open file can be
// removed.
func (p *payloadIndex) create() error {
	f, err := os.CreateTemp(p.dir, payloadFilePrefix+"*")
	if err != nil {
		return fmt.Errorf("archive: payload index: %w", err)
	}
	p.f, p.w = f, bufio.NewWriterSize(f, 64<<10)
	if os.Remove(f.Name()) != nil {
		p.path = f.Name()
	}
	return nil
}

// read reads the entry at off back.
func (p *payloadIndex) read(off int64) (payloadKey, revisitRef, error) {
	var k payloadKey
	if p.f == nil {
		return k, revisitRef{}, os.ErrClosed
	}
	if p.w.Buffered() > 0 && off+entryHead > p.size-int64(p.w.Buffered()) {
		// The entry is (partly) still in the buffer.
		if err := p.w.Flush(); err != nil {
			return k, revisitRef{}, err
		}
	}
	var head [entryHead]byte
	if _, err := p.f.ReadAt(head[:], off); err != nil {
		return k, revisitRef{}, err
	}
	copy(k[:], head[:])
	ref := revisitRef{date: int64(binary.LittleEndian.Uint64(head[payloadKeySize:]))}
	copy(ref.id[:], head[payloadKeySize+8:])
	url := make([]byte, binary.LittleEndian.Uint32(head[payloadKeySize+24:]))
	if p.w.Buffered() > 0 && off+entryHead+int64(len(url)) > p.size-int64(p.w.Buffered()) {
		if err := p.w.Flush(); err != nil {
			return k, revisitRef{}, err
		}
	}
	if _, err := p.f.ReadAt(url, off+entryHead); err != nil {
		return k, revisitRef{}, err
	}
	ref.url = string(url)
	return k, ref, nil
}

// close closes and removes the file.
func (p *payloadIndex) close() error {
	var err error
	if p.f != nil {
		err = p.f.Close()
		if p.path != "" {
			os.Remove(p.path)
		}
	}
	// A recorder closed writes nothing more: what it knew is let go.
	p.f, p.w, p.at, p.clash, p.failed = nil, nil, map[uint64]int64{}, map[payloadKey]revisitRef{}, true
	return err
}
