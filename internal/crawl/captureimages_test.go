package crawl

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/wenming-archive/wenming/internal/article"
	"github.com/wenming-archive/wenming/internal/warc"
)

// imageWeb is a county site (www.xa.gov.cn) of three articles with
// images, served as an HTTP proxy answers, by Host: its own uploads, an
// image server under its registrable domain (img.xa.gov.cn), a
// directory its robots.txt disallows, another government site
// (www.bj.gov.cn, no site of the crawl), a dead image, an HTML page under
// an image's name, an image over the cap, a logo shown by two articles,
// and an article of more images than the per-article cap. It counts the
// requests of every host and path.
type imageWeb struct {
	mu   sync.Mutex
	hits map[string]int // host+path → requests
}

// manyImages is how many images the third article shows.
const manyImages = MaxImagesPerArticle + 5

func (w *imageWeb) count(key string) int {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.hits[key]
}

// prefixed counts the requests of the keys starting with prefix.
func (w *imageWeb) prefixed(prefix string) int {
	w.mu.Lock()
	defer w.mu.Unlock()
	n := 0
	for k, v := range w.hits {
		if strings.HasPrefix(k, prefix) {
			n += v
		}
	}
	return n
}

var imageArticles = map[string][]string{
	"/a/1.html": {"/up/logo.png", "/up/p1.jpg", "http://img.xa.gov.cn/up/x1.jpg", "http://www.bj.gov.cn/up/b.jpg",
		"/private/secret.jpg", "/up/missing.jpg", "/up/fake.jpg", "/up/huge.jpg"},
	"/a/2.html": {"/up/logo.png", "/up/p2.jpg"},
	"/a/3.html": nil, // manyImages of its own, see ServeHTTP
}

func (w *imageWeb) ServeHTTP(rw http.ResponseWriter, r *http.Request) {
	host, p := r.URL.Hostname(), r.URL.Path
	if host == "" {
		host = r.Host
	}
	w.mu.Lock()
	if w.hits == nil {
		w.hits = map[string]int{}
	}
	w.hits[host+p]++
	w.mu.Unlock()
	switch {
	case p == "/robots.txt" && host == "www.xa.gov.cn":
		fmt.Fprint(rw, "User-agent: *\nDisallow: /private/\n")
	case p == "/robots.txt":
		http.NotFound(rw, r)
	case host == "www.xa.gov.cn" && p == "/":
		rw.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(rw, `<html><head><title>西安文明网</title></head><body><ul>`)
		for _, a := range []string{"/a/1.html", "/a/2.html", "/a/3.html"} {
			fmt.Fprintf(rw, `<li><a href="%s">志愿服务活动纪实%s</a></li>`, a, a)
		}
		fmt.Fprint(rw, `</ul></body></html>`)
	case host == "www.xa.gov.cn" && imageArticles[p] != nil || p == "/a/3.html":
		images := imageArticles[p]
		if p == "/a/3.html" {
			for i := range manyImages {
				images = append(images, fmt.Sprintf("/up/many-%d.jpg", i))
			}
		}
		rw.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(rw, `<html><head><title>志愿服务活动纪实%s_西安文明网</title></head><body><div class="article"><h1>志愿服务活动纪实%s</h1>`+
			`<div class="info">发布时间：2023-03-22 10:00 来源：本站</div><div class="content">`+
			`<p>近日，“文明实践进社区”志愿服务活动在城区各社区同时开展，志愿者们走进社区，为居民提供义诊、理发、家电维修等服务。</p>`, p, p)
		for _, src := range images {
			fmt.Fprintf(rw, `<p><img src="%s" alt="活动现场"></p>`, src)
		}
		fmt.Fprint(rw, `<p>活动现场气氛热烈，群众纷纷表示，这样的活动接地气、有温度，希望以后多多举办，活动圆满结束。</p></div></div></body></html>`)
	case p == "/up/missing.jpg":
		http.NotFound(rw, r)
	case p == "/up/fake.jpg":
		rw.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(rw, `<html><body>防盗链</body></html>`)
	case p == "/up/huge.jpg":
		rw.Header().Set("Content-Type", "image/jpeg")
		rw.Write(make([]byte, maxImageBytes+1))
	case strings.HasPrefix(p, "/up/") || strings.HasPrefix(p, "/private/"):
		rw.Header().Set("Content-Type", "image/jpeg")
		fmt.Fprintf(rw, "\xff\xd8\xff\xe0 JPEG of %s", p)
	default:
		http.NotFound(rw, r)
	}
}

// crawlImageWeb crawls web through a WARC recorder writing into dir, a
// new pass each time (its own frontier), with the images captured or
// not; an earlier run's captures are known from dir's WARC index, as the
// pipeline knows them. It returns the summary once the WARC files are
// closed and indexed.
func crawlImageWeb(t *testing.T, proxy, dir string, capture bool) Summary {
	t.Helper()
	opts := Options{
		Seeds:         []SiteSpec{{URL: "http://www.xa.gov.cn/", Name: "西安文明网", Level: article.National}},
		Workers:       4,
		PerHost:       2,
		CaptureImages: capture,
	}
	sum := crawlRecorded(t, proxy, dir, opts, func(*article.Article) (Stored, error) { return Stored{Outcome: Added}, nil })
	if got := sum.ArticlesNew; got != 3 {
		t.Fatalf("%d articles archived, want 3", got)
	}
	return sum
}

// TestCaptureImages crawls the image web with crawl.capture_images on:
// the images of its articles land in the WARC and its index, once each,
// within scope, robots.txt and the caps, and are counted in the summary;
// a second crawl fetches none of them again.
func TestCaptureImages(t *testing.T) {
	web := &imageWeb{}
	srv := httptest.NewServer(web)
	defer srv.Close()
	dir := t.TempDir()
	sum := crawlImageWeb(t, srv.URL, dir, true)

	captured := map[string]warc.Capture{}
	for c, err := range warc.ReadIndex(dir) {
		if err != nil {
			t.Fatal(err)
		}
		captured[c.URL] = c
	}
	for _, tc := range []struct {
		url    string
		status int
		mime   string
	}{
		{"http://www.xa.gov.cn/up/logo.png", 200, "image/jpeg"},
		{"http://www.xa.gov.cn/up/p1.jpg", 200, "image/jpeg"},
		{"http://www.xa.gov.cn/up/p2.jpg", 200, "image/jpeg"},
		{"http://img.xa.gov.cn/up/x1.jpg", 200, "image/jpeg"},
		{"http://www.xa.gov.cn/up/missing.jpg", 404, ""},
		{"http://www.xa.gov.cn/up/fake.jpg", 200, "text/html"},
		{"http://www.xa.gov.cn/up/many-0.jpg", 200, "image/jpeg"},
	} {
		c, ok := captured[tc.url]
		if !ok || c.Status != tc.status || (tc.mime != "" && c.Mime != tc.mime) {
			t.Errorf("%s: captured %v as %d %q, want %d %q", tc.url, ok, c.Status, c.Mime, tc.status, tc.mime)
		}
	}
	// The image over the cap is cut by the crawler; the recorder keeps it
	// only if its transport had read it whole by then.
	_, hugeKept := captured["http://www.xa.gov.cn/up/huge.jpg"]
	for _, u := range []string{"http://www.bj.gov.cn/up/b.jpg", "http://www.xa.gov.cn/private/secret.jpg"} {
		if _, ok := captured[u]; ok {
			t.Errorf("%s is in the WARC index", u)
		}
	}
	if n := web.count("www.xa.gov.cn/up/logo.png"); n != 1 {
		t.Errorf("the logo two articles show was fetched %d times, want once", n)
	}
	if n := web.prefixed("www.bj.gov.cn"); n != 0 {
		t.Errorf("%d requests to www.bj.gov.cn, a host outside the crawl", n)
	}
	if n := web.count("www.xa.gov.cn/private/secret.jpg"); n != 0 {
		t.Errorf("an image robots.txt disallows was fetched %d times", n)
	}
	if n := web.prefixed("www.xa.gov.cn/up/many-"); n != MaxImagesPerArticle {
		t.Errorf("%d of the %d images of one article fetched, want the cap, %d", n, manyImages, MaxImagesPerArticle)
	}
	want := ImageSummary{
		Captured: 4 + MaxImagesPerArticle, // logo, p1, p2, x1 and the capped article's
		NotImage: 1, TooLarge: 1, Dead: 1, Robots: 1, OffScope: 1, Capped: manyImages - MaxImagesPerArticle,
	}
	if sum.Images != want {
		t.Errorf("images %+v, want %+v", sum.Images, want)
	}
	if len(sum.Errors) != 0 {
		t.Errorf("image failures counted as the crawl's errors: %v", sum.Errors)
	}

	// A second pass: the articles again, none of the images captured
	// fetched again. A dead image is no capture: it is asked again.
	requests := func() int {
		return web.prefixed("www.xa.gov.cn/up/") + web.prefixed("img.xa.gov.cn/up/") - web.count("www.xa.gov.cn/up/huge.jpg")
	}
	before := requests()
	again := crawlImageWeb(t, srv.URL, dir, true)
	if n := requests() - before; n != 1 || web.count("www.xa.gov.cn/up/missing.jpg") != 2 {
		t.Errorf("the second crawl made %d image requests, want 1, the dead image's", n)
	}
	earlier := int64(5 + MaxImagesPerArticle + 1) // logo (twice), p1, p2, x1, the capped article's, fake
	if hugeKept {
		earlier++
	}
	if again.Images.Earlier != earlier || again.Images.Captured != 0 || again.Images.Dead != 1 {
		t.Errorf("second crawl's images %+v: want the %d captured before left, the dead one asked again", again.Images, earlier)
	}
}

// TestCaptureImagesOff crawls the image web with the default options:
// not one image is asked for, and the summary counts none.
func TestCaptureImagesOff(t *testing.T) {
	web := &imageWeb{}
	srv := httptest.NewServer(web)
	defer srv.Close()
	sum := crawlImageWeb(t, srv.URL, t.TempDir(), false)
	for _, prefix := range []string{"www.xa.gov.cn/up/", "www.xa.gov.cn/private/", "img.xa.gov.cn", "www.bj.gov.cn"} {
		if n := web.prefixed(prefix); n != 0 {
			t.Errorf("%d requests for %s… with capture_images off", n, prefix)
		}
	}
	if sum.Images != (ImageSummary{}) {
		t.Errorf("images %+v with capture_images off", sum.Images)
	}
}

func TestRegistrable(t *testing.T) {
	for _, tc := range []struct {
		host, want string
		ok         bool
	}{
		{"img.xa.gov.cn", "xa.gov.cn", true},
		{"www.xa.gov.cn:8080", "xa.gov.cn", true},
		{"hb.wenming.cn", "wenming.cn", true},
		{"gov.cn", "", false},
		{"127.0.0.1:8080", "", false},
		{"[::1]:80", "", false},
	} {
		got, ok := registrable(tc.host)
		if got != tc.want || ok != tc.ok {
			t.Errorf("registrable(%q) = %q, %v; want %q, %v", tc.host, got, ok, tc.want, tc.ok)
		}
	}
}
