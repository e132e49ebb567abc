package server_test

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/wenming-archive/wenming/internal/server"
)

var (
	han     = regexp.MustCompile(`\p{Han}`)
	english = regexp.MustCompile(`\b(?:needs|want|cannot|must|bad|not found|unknown|allowed|error|twice|unclosed|too many)\b`)
)

// TestErrorsInChinese: every error the server answers is said in Chinese
// on the page and in the API's message, and the API keeps its English
// error for programs.
func TestErrorsInChinese(t *testing.T) {
	srv := newTestServer(t, testArticles())
	q := func(s string) string { return "q=" + url.QueryEscape(s) }
	searches := []string{ // one of each message of the query parser
		q("志愿 OR"), q("OR 志愿"), q("志愿 OR OR 文明"), q("since:2024 until:2023"), q("- 志愿"), q("site:"),
		q("-since:2023"), q("since:2023-13"), q("until:昨天"), q("level:town"), q("year:23"),
		q(strings.Repeat("词 ", 200)), q("志愿 OR -文明"), q(`"志愿`),
		"sort=best", "size=0", "size=x", "after=!!!&" + q("志愿"), "after=" + forge("志愿", "relevance", "1") + "&" + q("志愿"),
		q("x") + "&after=" + forge("y", "relevance", "1", "2"),
	}
	type errCase struct {
		path   string
		status int
	}
	var cases []errCase
	for _, s := range searches {
		cases = append(cases, errCase{"/search?" + s, 400}, errCase{"/api/search?" + s, 400})
	}
	cases = append(cases,
		errCase{"/api/search?facets=1000", 400},
		errCase{"/articles/%25%25", 400}, errCase{"/api/articles/%25%25", 400},
		errCase{"/articles/" + server.ArticleID("https://nowhere/"), 404}, errCase{"/api/articles/" + server.ArticleID("https://nowhere/"), 404},
		errCase{"/replay/" + server.ArticleID("https://nowhere/"), 404},
		errCase{"/nothing", 404}, errCase{"/api/nothing", 404}, errCase{"/static/nothing.css", 404},
	)
	for _, c := range cases {
		status, hdr, body := get(t, srv, c.path)
		if status != c.status {
			t.Errorf("%s: %d, want %d: %s", c.path, status, c.status, body)
			continue
		}
		checkChinese(t, c.path, hdr, body)
	}
	for _, path := range []string{"/search", "/api/search", "/articles/x"} {
		resp, err := srv.Client().Post(srv.URL+path, "text/plain", strings.NewReader("x"))
		if err != nil {
			t.Fatal(err)
		}
		var b strings.Builder
		buf := make([]byte, 4096)
		for {
			n, err := resp.Body.Read(buf)
			b.WriteString(string(buf[:n]))
			if err != nil {
				break
			}
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusMethodNotAllowed {
			t.Errorf("POST %s: %d", path, resp.StatusCode)
		}
		checkChinese(t, "POST "+path, resp.Header, b.String())
	}
}

// checkChinese checks an error answer: JSON with an English error and a
// Chinese message, or a page whose message is Chinese.
func checkChinese(t *testing.T, path string, hdr http.Header, body string) {
	t.Helper()
	if strings.HasPrefix(hdr.Get("Content-Type"), "application/json") {
		e := decode[map[string]string](t, body)
		if e["error"] == "" || !han.MatchString(e["message"]) || english.MatchString(e["message"]) {
			t.Errorf("%s: API error %q, message %q", path, e["error"], e["message"])
		}
		return
	}
	m := regexp.MustCompile(`(?s)class="error"[^>]*>(.*?)</p>`).FindStringSubmatch(body)
	if m == nil {
		t.Errorf("%s: no error message on the page", path)
		return
	}
	if !han.MatchString(m[1]) || english.MatchString(m[1]) || strings.Contains(m[1], "查询的第") {
		t.Errorf("%s: message %q is not (all) Chinese", path, m[1])
	}
	if !strings.Contains(body, "<title>") || english.MatchString(regexp.MustCompile(`<title>(.*?)</title>`).FindStringSubmatch(body)[1]) {
		t.Errorf("%s: title not Chinese", path)
	}
}
