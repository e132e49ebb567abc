package extract

import (
	"fmt"
	"os"
	"testing"
)

func TestProbeScr(t *testing.T) {
	f := os.Getenv("PROBE")
	raw, _ := os.ReadFile(f)
	if os.Getenv("SCR") != "" {
		raw = scrambleNames(raw)
	}
	src, _, _ := Decode(raw, "")
	r, _ := Extract(src, mustURL(t, os.Getenv("PURL")))
	v := ""
	if r.Views != nil {
		v = fmt.Sprint(*r.Views)
	}
	fmt.Printf("title=%q date=%v views=%s\nsource=%q author=%q editor=%q\nbody=%s\nprov=%v\n", r.Title, r.Published, v, r.Source, r.Author, r.Editor, r.Body, r.Provenance)
}
