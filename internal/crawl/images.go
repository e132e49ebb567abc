package crawl

import (
	"mime"
	"net/http"
	"strings"
)

// The images of archived articles (Options.CaptureImages): once an
// article is stored, the images of its body (article.Images, its
// continuation pages' included) are queued as requests of their own
// kind, kindImage, and fetched for the WARC alone (capture.go).

// MaxImagesPerArticle bounds the images queued for one article: a 图片新闻
// of many photos has them all well under it, while a page whose body is
// a gallery of hundreds costs a bounded number of requests.
const MaxImagesPerArticle = 20

// maxImageBytes caps the answer to one image (never above MaxBodyBytes):
// the photos of these sites are tens to hundreds of KB; an answer past
// the cap is cut (so not archived) and counted too large.
const maxImageBytes = 5 << 20

// ImageSummary says what became of the images of the articles archived
// in a run (Options.CaptureImages).
type ImageSummary struct {
	Captured int64 `json:"captured"`  // fetched 2xx with an image type, archived
	NotImage int64 `json:"not_image"` // fetched 2xx, archived, but not an image (an HTML error page)
	TooLarge int64 `json:"too_large"` // cut at the per-image cap, not archived
	Dead     int64 `json:"dead"`      // answered 404 or 410: the site's dead link, no error
	Failed   int64 `json:"failed"`    // other failures (5xx, network) after their retries
	Robots   int64 `json:"robots"`    // not fetched: robots.txt disallows them
	OffScope int64 `json:"off_scope"` // not fetched: on a host outside the hierarchy
	Capped   int64 `json:"capped"`    // not fetched: past MaxImagesPerArticle of their article
	Earlier  int64 `json:"earlier"`   // not fetched: captured by an earlier run
	// DownloadPages (attachments only) answered with a download page, the
	// document it offers queued in its place (downloadpage.go).
	DownloadPages int64 `json:"download_pages,omitempty"`
}

// imageKind is the capture of images.
func imageKind(stats *captureStats) captureKind {
	return captureKind{
		kind: kindImage, perArticle: MaxImagesPerArticle, maxBytes: maxImageBytes, stats: stats, wanted: isImage,
		accept: "image/avif,image/webp,image/apng,image/*,*/*;q=0.8",
	}
}

// isImage reports whether an answer is an image: its Content-Type says
// image/…, or, without one, its bytes do.
func isImage(contentType string, body []byte) bool {
	if strings.TrimSpace(contentType) == "" {
		contentType = http.DetectContentType(body)
	}
	mt, _, err := mime.ParseMediaType(contentType)
	return err == nil && strings.HasPrefix(mt, "image/")
}
