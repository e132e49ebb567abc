package pipeline_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/wenming-archive/wenming/internal/config"
	"github.com/wenming-archive/wenming/internal/pipeline"
)

// The profile example of the README compiles; a bad selector is a config
// error with its key and line.
func TestProfiles(t *testing.T) {
	good := `profiles:
  - name: ngwm
    hosts: [www.ngwm.gov.cn]
    url_pattern: 'mod=view&aid=\d+'
    title: h1.ph
    time: p.xg1
    date_layout: "2006-1-2 15:04"
    views: p.xg1
    body: td#article_content
    column: "#pt .z a:nth-last-of-type(1)"
`
	cfg, err := config.Parse(strings.NewReader(good))
	if err != nil {
		t.Fatal(err)
	}
	if p, err := pipeline.Profiles(&cfg); err != nil || p == nil {
		t.Fatalf("README example: %v", err)
	}
	bad := strings.Replace(good, "body: td#article_content", "body: td#article_content[", 1)
	cfg, err = config.Parse(strings.NewReader(bad))
	if err != nil {
		t.Fatal(err)
	}
	_, err = pipeline.Profiles(&cfg)
	var ce *config.Error
	if !errors.As(err, &ce) || ce.Key != "profiles[0].body" || ce.Line != 9 {
		t.Fatalf("bad selector: %v (%+v)", err, ce)
	}
}
