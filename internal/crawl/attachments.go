package crawl

import (
	"bytes"
	"encoding/json"
	"mime"
	"net/http"
	"net/url"
	"path"
	"strings"

	"github.com/wenming-archive/wenming/internal/article"
	"github.com/wenming-archive/wenming/internal/cms"
)

// The attachments of archived articles (Options.CaptureAttachments): the
// documents an article's pages link — 附件：关于开展文明单位评选的通知.doc, a
// 名单公示 as .xls or .pdf, a data release as .tar.gz — by their file type,
// through a CMS's download script (cms.IsDownload), or by a link text
// that names a file (namesDocument), recorded on the article
// (article.Attachments, the link's text as the name) and queued as
// requests of their own kind, kindAttachment, fetched for the WARC alone
// as images are (capture.go). Every link of the article's pages counts,
// its continuation pages' included: the 附件 block of these templates sits
// below the body, outside the element the extractor takes as the body,
// and their navigation, sidebars and footers link pages, not documents.
// Such a link is never followed as a page (notPage). One answered by a
// download page leads to the document the page offers (downloadpage.go).

// MaxAttachmentsPerArticle bounds the attachments queued for one
// article: a notice has one to a few (申报表, 名单, 评分细则); a page
// linking dozens is a download list, whose documents cost a bounded
// number of requests.
const MaxAttachmentsPerArticle = 10

// maxAttachmentBytes caps the answer to one attachment. It is above
// MaxBodyBytes (a page's cap): the scanned 名单 PDFs and .zip bundles of
// these sites run to tens of MB, and a capture's body is not held by the
// crawler (see headOnly) — its memory is the WARC recorder's one copy of
// the exchange, at most this much per attachment being fetched. An
// answer past the cap is cut (so not archived) and counted too large.
const maxAttachmentBytes = 50 << 20

// attachmentExt are the file types of the documents articles link as
// attachments: PDF, Microsoft Office's, WPS Office's own (.wps .et .dps,
// common on government sites), plain and rich text, and the archives a
// set of forms or a data release comes in.
var attachmentExt = map[string]bool{
	".pdf": true, ".doc": true, ".docx": true, ".xls": true, ".xlsx": true, ".ppt": true, ".pptx": true,
	".wps": true, ".et": true, ".dps": true, ".txt": true, ".rtf": true, ".zip": true, ".rar": true, ".7z": true,
	".gz": true, ".tgz": true, ".tar": true, ".bz2": true, ".xz": true, // data releases: .tar.gz, .csv.gz
}

// isAttachment reports whether a link is to a document: its path, or a
// value of its query (a DownFile.aspx?path=…/通知.doc), ends in one of
// attachmentExt, or it is a CMS's download script.
func isAttachment(u *url.URL) bool {
	return attachmentExt[strings.ToLower(path.Ext(u.Path))] || queryNamesFile(u, attachmentExt) || cms.IsDownload(u)
}

// namesDocument reports whether a link's text is the name of a document:
// it ends in one of attachmentExt. A download script whose URL names no
// file type (VSB's download.jsp?…&wbfileid=N, a 下载.aspx?id=N) is known
// by the name the template prints for the file (附件【数据.tar.gz】); the
// answer is the file, whatever its type (application/x-gzip, octet-stream),
// never a page.
func namesDocument(text string) bool {
	t := strings.TrimSpace(text)
	i := strings.LastIndexByte(t, '.')
	if i <= 0 || len(t)-i > 5 {
		return false
	}
	return attachmentExt[strings.ToLower(t[i:])]
}

// attachmentKind is the capture of attachments.
func attachmentKind(stats *captureStats) captureKind {
	return captureKind{
		kind: kindAttachment, perArticle: MaxAttachmentsPerArticle, maxBytes: maxAttachmentBytes, pastBody: true,
		stats: stats, wanted: isDocument, accept: "*/*", keep: maxDownloadPageBytes,
	}
}

// isDocument reports whether an answer is a document rather than an HTML
// page (a CMS's 文件不存在 page, a login wall): neither its Content-Type
// nor its first bytes say HTML.
func isDocument(contentType string, head []byte) bool {
	for _, ct := range []string{contentType, http.DetectContentType(head)} {
		if mt, _, err := mime.ParseMediaType(ct); err == nil && (mt == "text/html" || mt == "application/xhtml+xml") {
			return false
		}
	}
	return true
}

// attachmentsIn returns the attachments among the anchors of an article's
// pages, each URL once, in order, named by the link's text.
func attachmentsIn(anchors []anchor) []article.Attachment {
	var out []article.Attachment
	seen := map[string]bool{}
	for _, a := range anchors {
		u, err := url.Parse(a.URL)
		if err != nil || seen[a.URL] || a.Frame || !isAttachment(u) && !namesDocument(a.Text) {
			continue
		}
		seen[a.URL] = true
		out = append(out, article.Attachment{URL: a.URL, Name: a.Text})
	}
	return out
}

// AttachmentSummary says what became of the attachments of the articles
// archived in a run (Options.CaptureAttachments), counted as the images
// are (ImageSummary), its NotImage being the answers that were not a
// document but an HTML page (archived all the same); in JSON
// "not_document".
type AttachmentSummary ImageSummary

// MarshalJSON writes the summary with ImageSummary's keys, not_image
// named not_document.
func (s AttachmentSummary) MarshalJSON() ([]byte, error) {
	b, err := json.Marshal(ImageSummary(s))
	return bytes.Replace(b, []byte(`"not_image":`), []byte(`"not_document":`), 1), err
}

// UnmarshalJSON reads what MarshalJSON writes.
func (s *AttachmentSummary) UnmarshalJSON(b []byte) error {
	return json.Unmarshal(bytes.Replace(b, []byte(`"not_document":`), []byte(`"not_image":`), 1), (*ImageSummary)(s))
}
