// Package replay shows an archived page as it was captured: it reads the
// HTTP response an article's WARC record holds (following a revisit record
// to the payload it refers to) and rewrites the page's HTML so that it can
// be shown inside the archive without reaching the live web or running
// anything.
//
// [Load] reads the response: the record's gzip member is read from the WARC
// file, the HTTP message parsed (chunked framing undone), its
// Content-Encoding (gzip, deflate) decoded. A revisit record's payload is
// found through the CDXJ index beside the WARC files.
//
// [Rewrite] decodes the page's charset as the extractor does
// ([extract.Decode]) and writes UTF-8 HTML in which
//
//   - scripts, inline event handlers, javascript: URLs, <base>, meta
//     refresh and other http-equiv, frames, objects and embeds are removed;
//   - links (a, area) are resolved against the page (and its <base>) and go
//     to the archive's replay of the URL when the archive holds it, or to
//     the live web with a visible mark (class wm-live) when it does not;
//   - embedded resources (images, media, stylesheets, icons) are never
//     fetched from the live web: their URLs are taken out, and images keep
//     a placeholder that names them — except the images the archive holds
//     (a crawl with crawl.capture_images captures them): [RewriteWith]'s
//     Options.Images points such an <img> at the archive's copy, which
//     the server serves from the WARC as its archived type, an image type
//     only ([ImageType]; an HTML page under an image's URL is not one),
//     never sniffed and under [ImagePolicy], so an SVG runs no script;
//   - forms lose their action: nothing can be posted from a replay.
//
// The rewrite is one layer. The other is [Header]: the replayed HTML is
// served with a Content-Security-Policy that sandboxes it (an opaque origin,
// no scripts, no forms, no plugins; links may only navigate the top window
// on a click) and allows no fetches but of the archived images, from the
// one route that serves them ([HeaderImages]), so markup the rewrite
// missed still cannot run script with the archive's origin or load
// anything else.
//
// An article's attachments (a crawl with crawl.capture_attachments
// captures them) are served for download alone, never rendered:
// [AttachmentHeader] (Content-Disposition: attachment with
// [AttachmentName], nosniff, [AttachmentPolicy]) with [AttachmentType],
// which serves as application/octet-stream what a browser could run
// script in, an HTML page under a .pdf's URL included.
//
// The package reads only; it imports article, warc and extract.
package replay
