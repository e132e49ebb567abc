package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

// TestExtractDayWithoutYear checks that "wenming extract" shows the day an
// undated page gives without a year, which nothing else on it dates.
func TestExtractDayWithoutYear(t *testing.T) {
	page := filepath.Join(t.TempDir(), "a.html")
	html := `<html><head><meta charset="utf-8"><title>南关社区开展邻里节活动_江城文明网</title></head><body>
<h1>南关社区开展邻里节活动</h1><div class="info">05-10 09:12　来源：南关社区</div>
<div class="text"><p>5月9日，南关社区举办第五届邻里节，辖区居民齐聚一堂，共叙邻里情。</p><p>活动中，居民们一起包饺子、写书法、表演节目，现场欢声笑语不断。</p></div>
</body></html>`
	if err := os.WriteFile(page, []byte(html), 0o644); err != nil {
		t.Fatal(err)
	}
	out := wenmingOK(t, "extract", page, "--url", "http://www.jcwmw.example.cn/sqdt/show.php?id=1533")
	var res map[string]any
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatal(err)
	}
	if res["undated"] != true || res["day_without_year"] != "05-10 09:12" || res["published"] != nil {
		t.Errorf("undated %v, day_without_year %v, published %v: want true, 05-10 09:12, null", res["undated"], res["day_without_year"], res["published"])
	}
}
