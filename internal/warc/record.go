package warc

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"maps"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Record is what a WARC record's header says, as ParseRecord reads it.
type Record struct {
	Type       string    // WARC-Type
	URL        string    // WARC-Target-URI
	Time       time.Time // WARC-Date, UTC
	Digest     string    // WARC-Payload-Digest
	Block      string    // WARC-Block-Digest
	RefersURI  string    // WARC-Refers-To-Target-URI (revisits)
	RefersDate time.Time // WARC-Refers-To-Date (revisits)
	// HTTP says the block is an HTTP response (application/http) that
	// parses; then Status and Mime are its status and media type
	// ("warc/revisit" for a revisit record, as CDXJ indexes write it).
	HTTP   bool
	Status int
	Mime   string
	// Location is the HTTP response's Location header, as written (a
	// redirect's target).
	Location string
}

// Capture returns the record as a capture of the index (its location
// left to the caller).
func (r Record) Capture() Capture {
	return Capture{URL: r.URL, Time: r.Time.Truncate(time.Second), Status: r.Status, Mime: r.Mime,
		Digest: r.Digest, Revisit: r.Type == "revisit"}
}

// IsCapture reports whether the record is one the index lists: a response
// or a revisit holding an HTTP response.
func (r Record) IsCapture() bool {
	return (r.Type == "response" || r.Type == "revisit") && r.HTTP
}

// ParseMember reads raw as exactly one gzip member holding one complete
// WARC record (the unit the archive writes and exports copy) and parses
// the record.
func ParseMember(raw []byte) (Record, error) {
	br := bytes.NewReader(raw)
	zr, err := gzip.NewReader(br)
	if err != nil {
		return Record{}, fmt.Errorf("not a gzip member: %w", err)
	}
	zr.Multistream(false)
	data, err := io.ReadAll(zr)
	if err != nil {
		return Record{}, fmt.Errorf("gzip member does not decode: %w", err)
	}
	if br.Len() != 0 {
		return Record{}, fmt.Errorf("%d bytes after the gzip member", br.Len())
	}
	return ParseRecord(data)
}

// ParseRecord parses one complete, uncompressed WARC record: it must start
// with a WARC/1.x line and hold exactly its Content-Length of block and
// the closing CRLF CRLF. A response or revisit record must carry a valid
// WARC-Date.
func ParseRecord(data []byte) (Record, error) {
	r, _, err := parseRecordBlock(data)
	return r, err
}

// parseRecordBlock is ParseRecord, also returning the record's block (its
// Content-Length of bytes after the WARC header).
func parseRecordBlock(data []byte) (Record, []byte, error) {
	if !bytes.HasPrefix(data, []byte("WARC/1.")) {
		return Record{}, nil, errors.New("no WARC version line")
	}
	head, body, ok := bytes.Cut(data, []byte("\r\n\r\n"))
	if !ok {
		return Record{}, nil, errors.New("WARC header incomplete")
	}
	fields := map[string]string{}
	for _, line := range strings.Split(string(head), "\r\n")[1:] {
		if k, v, ok := strings.Cut(line, ":"); ok {
			fields[strings.ToLower(strings.TrimSpace(k))] = strings.TrimSpace(v)
		}
	}
	cl, err := strconv.ParseInt(fields["content-length"], 10, 64)
	if err != nil || cl < 0 {
		return Record{}, nil, fmt.Errorf("bad Content-Length %q", fields["content-length"])
	}
	if int64(len(body)) < cl+4 {
		return Record{}, nil, fmt.Errorf("record shorter than Content-Length %d (%d bytes)", cl, len(body))
	}
	if !bytesHasCRLF2(body[:cl+4]) || int64(len(body)) != cl+4 {
		return Record{}, nil, errors.New("record not ended by CRLF CRLF")
	}
	r := Record{Type: fields["warc-type"], URL: fields["warc-target-uri"], Digest: fields["warc-payload-digest"],
		Block: fields["warc-block-digest"], RefersURI: fields["warc-refers-to-target-uri"]}
	t, err := time.Parse(time.RFC3339, fields["warc-date"])
	if err != nil && (r.Type == "response" || r.Type == "revisit") {
		return Record{}, nil, fmt.Errorf("WARC-Date %q: %w", fields["warc-date"], err)
	}
	r.Time = t.UTC()
	if s := fields["warc-refers-to-date"]; s != "" {
		if t, err := time.Parse(time.RFC3339, s); err == nil {
			r.RefersDate = t.UTC()
		}
	}
	if (r.Type == "response" || r.Type == "revisit") && strings.HasPrefix(fields["content-type"], "application/http") {
		if resp, err := http.ReadResponse(bufio.NewReader(bytes.NewReader(body[:cl])), nil); err == nil {
			resp.Body.Close()
			r.HTTP, r.Status, r.Mime = true, resp.StatusCode, mediaType(resp.Header.Get("Content-Type"))
			r.Location = resp.Header.Get("Location")
			if r.Type == "revisit" {
				r.Mime = revisitMime
			}
		}
	}
	return r, body[:cl], nil
}

// CDXJLine formats a capture as one line of index.cdxj (without the
// newline): SURT, timestamp, and pywb's JSON fields.
func CDXJLine(c Capture) string { return cdxjLine(c) }

// NewRecordID returns a new WARC-Record-ID: "<urn:uuid:…>" with a random
// (version 4) UUID.
func NewRecordID() string { return newUUID() }

// WarcinfoMember returns the gzip member of a warcinfo record for the
// file fileName, dated date, with the given fields (application/warc-fields,
// in key order), written as every record of the archive is, and the
// record's WARC-Record-ID.
func WarcinfoMember(fileName string, date time.Time, fields map[string]string) ([]byte, string, error) {
	var block bytes.Buffer
	for _, k := range slices.Sorted(maps.Keys(fields)) {
		block.WriteString(k + ": " + fields[k] + "\r\n")
	}
	id := newUUID()
	hdr := baseHeader("warcinfo", id, "", date.UTC(), "", block.Bytes())
	hdr.add("WARC-Filename", fileName)
	hdr.add("Content-Type", "application/warc-fields")
	member, err := gzipRecord(hdr, block.Bytes())
	if err != nil {
		return nil, "", fmt.Errorf("warcinfo for %s: %w", fileName, err)
	}
	return member, id, nil
}
