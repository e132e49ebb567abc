package server_test

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"

	"github.com/wenming-archive/wenming/internal/article"
	"github.com/wenming-archive/wenming/internal/replay"
	"github.com/wenming-archive/wenming/internal/server"
)

// The images of the replayed article (imageSite): one captured, one
// never fetched, an HTML page labelled image/png, an SVG with script, and
// an HTML page answered under an image's name.
const (
	pageURL     = "http://www.xa.gov.cn/a/1.html"
	okImage     = "http://www.xa.gov.cn/up/ok.png"
	lostImage   = "http://www.xa.gov.cn/up/lost.jpg"
	fakePNG     = "http://www.xa.gov.cn/up/fake.png"
	scriptedSVG = "http://www.xa.gov.cn/up/evil.svg"
	htmlImage   = "http://www.xa.gov.cn/up/page.jpg"
)

// hostileSVG would mark its document PWNED if its script ran (spelt
// apart, so that only a script that ran writes it).
const hostileSVG = `<svg xmlns="http://www.w3.org/2000/svg" width="40" height="40"><rect width="40" height="40" fill="blue"/>` +
	`<script>document.documentElement.setAttribute('data-ran','PW'+'NED')</script></svg>`

// redPNG is a 60×60 red square.
func redPNG(t testing.TB) []byte {
	img := image.NewRGBA(image.Rect(0, 0, 60, 60))
	for y := range 60 {
		for x := range 60 {
			img.Set(x, y, color.RGBA{R: 255, A: 255})
		}
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// imageSite answers, as an HTTP proxy, the article page and its images.
func imageSite(t testing.TB) http.Handler {
	red := redPNG(t)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.String() {
		case pageURL:
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprintf(w, `<html><head><title>图片新闻</title></head><body><h1>图片新闻</h1>`+
				`<p><img id="ok" src="/up/ok.png"><img id="lost" src="/up/lost.jpg"><img id="fake" src="/up/fake.png">`+
				`<img id="svg" src="/up/evil.svg"><img id="page" src="/up/page.jpg"></p></body></html>`)
		case okImage:
			w.Header().Set("Content-Type", "image/png")
			w.Write(red)
		case fakePNG:
			w.Header().Set("Content-Type", "image/png")
			io.WriteString(w, `<html><body><script>document.title='PW'+'NED'</script></body></html>`)
		case scriptedSVG:
			w.Header().Set("Content-Type", "image/svg+xml")
			io.WriteString(w, hostileSVG)
		case htmlImage:
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			io.WriteString(w, `<html><body>防盗链</body></html>`)
		default:
			http.NotFound(w, r)
		}
	})
}

// newImageServer records the article and its images (not lostImage)
// through a WARC recorder, as a crawl with capture_images does, and
// serves an archive of the article whose WARC directory that is.
func newImageServer(t testing.TB) (*httptest.Server, *article.Article) {
	t.Helper()
	warcDir := filepath.Join(t.TempDir(), "warc")
	capture := recordFrom(t, imageSite(t), warcDir, pageURL, okImage, fakePNG, scriptedSVG, htmlImage)
	a := &article.Article{
		URL: pageURL, Site: "www.xa.gov.cn", SiteName: "西安文明网", Level: article.County,
		Lineage: []article.Site{{Host: "www.xa.gov.cn", Name: "西安文明网", Level: article.County}},
		Title:   "图片新闻", Body: "图片新闻的正文。", FetchedAt: time.Now(),
		Capture: capture,
	}
	// No publish time: the fixture leaves the capture as set here.
	srv, _ := newTestServerDir(t, []*article.Article{a}, func(o *server.Options) { o.WARCDir = warcDir })
	return srv, a
}

func imageRoute(u string) string { return "/replay-image?url=" + url.QueryEscape(u) }

// TestReplayImages: the replay shows a captured image from the archive,
// served with its type under a policy that runs nothing; an image not
// captured keeps its placeholder; what is not an image is not served as
// one.
func TestReplayImages(t *testing.T) {
	srv, a := newImageServer(t)
	id := server.ArticleID(a.URL)

	status, hdr, body := get(t, srv, "/replay/"+id+"/raw")
	if status != 200 {
		t.Fatalf("raw: %d %s", status, body)
	}
	host := strings.TrimPrefix(srv.URL, "http://")
	if csp := hdr.Get("Content-Security-Policy"); !strings.Contains(csp, "img-src data: "+host+"/replay-image;") || !strings.HasPrefix(csp, "sandbox "+replay.Sandbox+";") {
		t.Errorf("raw policy %q does not allow just the image route", csp)
	}
	doc, err := html.Parse(strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	imgs := map[string]string{}
	for _, n := range find(doc, tag("img")) {
		imgs[attr(n, "id")] = attr(n, "src") + " " + attr(n, "class")
	}
	for id, want := range map[string]string{
		"ok":   imageRoute(okImage) + " ",
		"svg":  imageRoute(scriptedSVG) + " ",
		"fake": imageRoute(fakePNG) + " ", // archived as image/png: its route refuses it
		"lost": " " + replay.ClassBlocked,
		"page": " " + replay.ClassBlocked, // archived, as text/html
	} {
		if imgs[id] != want {
			t.Errorf("img %s: %q, want %q", id, imgs[id], want)
		}
	}
	if status, _, page := get(t, srv, "/replay/"+id); status != 200 || !strings.Contains(page, "存档中的 3 张图片从存档显示") {
		t.Errorf("replay page: %d, banner does not count the images shown", status)
	}

	status, hdr, body = get(t, srv, imageRoute(okImage))
	if status != 200 || hdr.Get("Content-Type") != "image/png" || body != string(redPNG(t)) {
		t.Errorf("captured image: %d %q, %d bytes", status, hdr.Get("Content-Type"), len(body))
	}
	if hdr.Get("X-Content-Type-Options") != "nosniff" || hdr.Get("Content-Security-Policy") != replay.ImagePolicy {
		t.Errorf("image headers %v", hdr)
	}
	status, hdr, _ = get(t, srv, imageRoute(scriptedSVG))
	if status != 200 || hdr.Get("Content-Type") != "image/svg+xml" || hdr.Get("Content-Security-Policy") != replay.ImagePolicy {
		t.Errorf("svg: %d %v", status, hdr)
	}
	for _, tc := range []struct {
		path   string
		status int
	}{
		{imageRoute(fakePNG), 404},   // an HTML page labelled image/png
		{imageRoute(htmlImage), 404}, // text/html
		{imageRoute(lostImage), 404}, // never captured
		{imageRoute(pageURL), 404},   // the page itself
		{imageRoute("javascript:alert(1)"), 400},
		{"/replay-image", 400},
	} {
		if status, hdr, body := get(t, srv, tc.path); status != tc.status || strings.HasPrefix(hdr.Get("Content-Type"), "image/") || strings.Contains(body, "PW'+'NED") {
			t.Errorf("%s: %d %q, want %d and no image", tc.path, status, hdr.Get("Content-Type"), tc.status)
		}
	}
}

// TestBrowserReplayImages: in chromium, the replayed page shows the
// captured image (its red square is on the screenshot: the policy let
// it load) and the archived SVG's script does not run when the image is
// opened on its own (served without the image policy, it does: the check
// can tell).
func TestBrowserReplayImages(t *testing.T) {
	if _, err := os.Stat(chromiumPath); err != nil {
		t.Skipf("no %s (apt-get install chromium)", chromiumPath)
	}
	if testing.Short() {
		t.Skip("drives chromium")
	}
	srv, a := newImageServer(t)
	shot := filepath.Join(t.TempDir(), "replay.png")
	if err := capture(srv.URL+"/replay/"+server.ArticleID(a.URL)+"/raw", shot, 800, 600); err != nil {
		t.Fatal(err)
	}
	if n := redPixels(t, shot); n < 1000 {
		t.Errorf("%d red pixels on the replay: the captured image is not shown", n)
	}

	ran := func(u string) bool { return strings.Contains(dumpSource(t, u), "PWNED") }
	plain := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "image/svg+xml")
		io.WriteString(w, hostileSVG)
	}))
	defer plain.Close()
	if !ran(plain.URL) {
		t.Fatal("the SVG's script does not run even served plainly: the check cannot tell")
	}
	if ran(srv.URL + imageRoute(scriptedSVG)) {
		t.Error("the archived SVG's script ran from the image route")
	}
}

// redPixels counts the pure red pixels of a PNG file.
func redPixels(t *testing.T, path string) int {
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, _ := img.At(x, y).RGBA()
			if r > 0xf000 && g < 0x1000 && bl < 0x1000 {
				n++
			}
		}
	}
	return n
}
