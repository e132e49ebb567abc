// Package warc records every HTTP exchange of a crawl as WARC 1.1 and keeps
// a CDXJ index beside the WARC files so the archive can be replayed with pywb
// or ReplayWeb.page.
//
// # Recording
//
// [Open] returns a [Recorder]; every exchange through [Recorder.Transport]
// is archived (the crawler sets it as its HTTP transport, keeping its own
// client's redirect and timeout rules; [Recorder.Client] wraps it in an
// *http.Client for other callers). It is a standard net/http Transport whose
// dialer wraps every connection in a recording net.Conn: the bytes written and
// read on the wire are kept, split into exchanges by parsing them, and written
// as a request record plus a response record (or a revisit record when the
// payload digest was archived before, this run or an earlier one), one
// gzip member per record, compressed by a pooled gzip writer (records.go;
// gowarc's Writer.WriteRecord wrote them until it cost a tenth of a
// record's instructions besides the compression).
// Keep-alive stays on. TLS is recorded inside the tunnel (the decrypted
// HTTP/1.1 bytes); HTTP/2 is never negotiated. WARC-Payload-Digest covers the
// bytes after the HTTP header as sent (chunked framing included), which is
// what nlnwa/gowarc and warcio verify.
//
// gowarc's own client (NewWARCWritingHTTPClient) is not used: in v0.8.96 it
// disables keep-alive (it needs a connection close to delimit an exchange),
// rejects http:// proxies (golang.org/x/net/proxy knows only socks5), panics on
// write errors, cannot rotate below 1 MB and does not report record offsets.
//
// Through a plain HTTP forward proxy (Options.Proxy = "http://host:port"),
// plain-http requests are sent in absolute-URI form to the proxy and recorded
// as sent; https requests go through a CONNECT tunnel. WARC-Target-URI is
// always the origin URL, never the proxy's.
//
// # Files and crash safety
//
// Files are named <prefix>-<timestamp>-<serial>.warc.gz and carry the suffix
// .open while they are written; a file is renamed when it is rotated (once it
// holds more than Options.MaxFileSize bytes) or when the recorder closes. Each
// exchange is appended with one write(2), so a killed process leaves at most
// one torn gzip member at the end of the .open file. [Repair] truncates such a
// tail, renames leftovers, and rebuilds index.cdxj; [Open] runs a quick repair
// (files already named in the index are trusted) before recording.
//
// A killed process loses nothing it wrote; an OS crash or a power cut
// loses what was not fsynced. Whoever makes a pointer to a capture
// durable (the crawl's article records) first calls [Recorder.Durable],
// which returns once the capture's bytes and its file's directory entry
// are on disk; concurrent callers share each fsync. A finished file is
// fsynced before it is renamed. [Recorder.Repaired] says what Open cut
// from files a stopped run left .open, for the holder of such pointers to
// mend them.
//
// The index (index.cdxj) is rewritten on [Recorder.Close] and by [Repair];
// during a run [Recorder.Lookup] answers from memory. A Recorder holds an
// flock(2) on dir/.archive.lock, so a second recorder or a Repair cannot
// touch a directory being written.
//
// # Caveats
//
// An exchange is buffered in memory until its response is complete (no
// spooling to disk). A response whose body is closed before its end (colly's
// MaxBodySize, a reset) is not archived; [Recorder.Dropped] counts them.
// With an HTTP proxy that needs credentials, the Proxy-Authorization header
// of plain-http requests is part of the archived request bytes.
//
// # Reading
//
// A record is read at its place (a file, an offset and a length, as the
// index and the article records give it) by [ReadAt], the one reader of a
// record's gzip member: the name is checked, the member decompressed up to
// a limit and the record parsed ([ParseRecord]), its block returned.
// [ReadCapture] checks a capture's record and its block digest through it,
// [FindRedirectIn] reads a redirect's Location, and package replay
// serves archived responses from it.
//
// This package imports klauspost/compress, the standard library and two
// small packages of this module that write files safely (atomicfile, for
// files written whole, and filelock, for the directory's lock); it imports
// no stage of the pipeline (layering_test.go keeps it so). Its tests read
// the archive with nlnwa/gowarc and compare with internetarchive/gowarc's
// client.
package warc
