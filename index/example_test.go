package index_test

import (
	"context"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"time"

	"github.com/wenming-archive/wenming/index"
)

func Example() {
	dir, err := os.MkdirTemp("", "wenming-index-example")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)

	ix, err := index.Open(filepath.Join(dir, "index"))
	if err != nil {
		log.Fatal(err)
	}
	defer ix.Close()

	// The index keeps no bodies: the snippets of a search come from
	// the caller's own copy, here a map.
	bodies := map[string]string{}
	ix.SetBodies(func(_ context.Context, ids []string) (map[string]string, error) {
		rv := make(map[string]string, len(ids))
		for _, id := range ids {
			rv[id] = bodies[id]
		}
		return rv, nil
	})

	views := int64(420)
	doc := index.Document{
		ID:        "https://zd.wenming.cn/zyfw/202211/t20221105_1.shtml",
		URL:       "https://zd.wenming.cn/zyfw/202211/t20221105_1.shtml",
		Title:     "正定县开展志愿服务活动",
		Body:      "２０２２年，正定县新时代文明实践中心组织志愿者开展增值税政策宣讲。",
		Site:      "zd.wenming.cn",
		SiteName:  "正定县文明网",
		Level:     "county",
		Column:    "志愿服务",
		Lineage:   []string{"中国文明网", "www.wenming.cn", "河北文明网", "hb.wenming.cn", "正定县文明网", "zd.wenming.cn"},
		Published: time.Date(2022, 11, 5, 9, 30, 0, 0, time.FixedZone("CST", 8*3600)),
		Views:     &views,
	}
	bodies[doc.ID] = doc.Body
	if err := ix.Put(doc); err != nil {
		log.Fatal(err)
	}

	// One-character terms match inside words, full-width digits match
	// half-width ones, and Site matches any ancestor in the lineage.
	res, err := ix.Search(context.Background(), index.Query{Text: "税 2022年", Site: "河北文明网"})
	if err != nil {
		log.Fatal(err)
	}
	for _, h := range res.Hits {
		fmt.Println(res.Total, h.SiteName, h.Title)
		fmt.Println(h.Snippet)
	}
	// Output:
	// 1 正定县文明网 正定县开展志愿服务活动
	// <mark>２０２２年</mark>，正定县新时代文明实践中心组织志愿者开展增值<mark>税</mark>政策宣讲。
}

func ExampleParseQuery() {
	q, err := index.ParseQuery(`志愿服务 -"工作动态" 河北 OR 北京 site:邢台文明网 since:2023-03`)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(q.Clauses, q.Exclude, q.Since.Format("2006-01-02"))

	_, err = index.ParseQuery(`志愿服务 since:2023-13`)
	fmt.Println(err)
	// Output:
	// [[{ 志愿服务}] [{ 河北} { 北京}] [{site 邢台文明网}]] [{ 工作动态}] 2023-03-01
	// query: since:2023-13: month 13 is not 1–12 (at character 12)
}
