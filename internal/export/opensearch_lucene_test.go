package export_test

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// luceneJars are the Lucene 8 jars the cross-check needs (Debian's
// liblucene8-java installs them; Lucene 8.7 is the one Elasticsearch 7.10
// and so OpenSearch 1.0 were built on).
var luceneJars = []string{"lucene-core-*.jar", "lucene-analyzers-common-*.jar", "lucene-memory-*.jar"}

// TestOpenSearchAgainstLucene runs the template's analysis and the
// match_phrase queries with Apache Lucene itself (testdata/LuceneMatchPhrase.java)
// and checks that Lucene, the test's own interpreter and the brute-force
// reference agree on every text and query. It needs java and Lucene 8's
// jars (apt-get install liblucene8-java) and skips without them.
func TestOpenSearchAgainstLucene(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a JVM")
	}
	java, err := exec.LookPath("java")
	if err != nil {
		t.Skip("java is not installed: the cross-check with Lucene is skipped")
	}
	var cp []string
	for _, g := range luceneJars {
		m, _ := filepath.Glob(filepath.Join("/usr/share/java", g))
		if len(m) == 0 {
			t.Skipf("/usr/share/java/%s is missing (apt-get install liblucene8-java): the cross-check with Lucene is skipped", g)
		}
		cp = append(cp, m[0])
	}
	raw := exportTemplate(t)
	_, fields, err := readTemplate(raw)
	if err != nil {
		t.Fatal(err)
	}
	spec, err := luceneSpec(raw, "body")
	if err != nil {
		t.Fatal(err)
	}

	rng := rand.New(rand.NewPCG(21, 22))
	var texts, queries []string
	for range 200 {
		texts = append(texts, randomText(rng, 30))
	}
	for range 600 {
		switch rng.IntN(3) {
		case 0:
			queries = append(queries, substring(rng, texts[rng.IntN(len(texts))]))
		case 1:
			queries = append(queries, variant(rng, substring(rng, exactText(texts[rng.IntN(len(texts))]))))
		default:
			queries = append(queries, randomText(rng, 4))
		}
	}
	var in bytes.Buffer
	in.WriteString(spec)
	for _, d := range texts {
		fmt.Fprintf(&in, "doc\t%s\n", hex.EncodeToString([]byte(d)))
	}
	for _, q := range queries {
		fmt.Fprintf(&in, "query\t%s\n", hex.EncodeToString([]byte(q)))
	}
	cmd := exec.Command(java, "-cp", strings.Join(cp, ":"), filepath.Join("testdata", "LuceneMatchPhrase.java"))
	cmd.Stdin = &in
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("java: %v\n%s", err, stderr.String())
	}
	rows := strings.Split(strings.TrimSuffix(string(out), "\n"), "\n")
	if len(rows) != len(queries) {
		t.Fatalf("lucene answered %d rows for %d queries", len(rows), len(queries))
	}
	body := fields["body"]
	indexed := make([]osIndexed, len(texts))
	for i, d := range texts {
		indexed[i] = body.indexValue(d)
	}
	matches, bad := 0, 0
	for qi, q := range queries {
		nq := exactText(q)
		for di, d := range texts {
			lucene := rows[qi][di] == '1'
			ref := nq != "" && strings.Contains(exactText(d), nq)
			ours := body.matchPhrase(indexed[di], q)
			if lucene {
				matches++
			}
			if lucene != ref || ours != ref {
				if bad++; bad <= 10 {
					t.Errorf("match_phrase %q on %q: lucene %v, interpreter %v, reference %v", q, d, lucene, ours, ref)
				}
			}
		}
	}
	if matches < len(queries) {
		t.Errorf("only %d matches", matches)
	}
	t.Logf("%d texts × %d queries, %d matches in Lucene, %d disagreements", len(texts), len(queries), matches, bad)
}

// luceneSpec writes the analysis of field as the lines LuceneMatchPhrase
// reads, from the template's JSON.
func luceneSpec(raw []byte, field string) (string, error) {
	var tmpl osTemplate
	if err := json.Unmarshal(raw, &tmpl); err != nil {
		return "", err
	}
	props := tmpl.Template.Mappings["properties"].(map[string]any)
	f := props[field].(map[string]any)
	an := tmpl.Template.Settings.Analysis
	a := an.Analyzer[f["analyzer"].(string)]
	var b strings.Builder
	for _, name := range strList(a["char_filter"]) {
		cf := an.CharFilter[name]
		switch cf["type"] {
		case "mapping":
			b.WriteString("charfilter\tmapping")
			for _, r := range strList(cf["mappings"]) {
				b.WriteString("\t" + r)
			}
			b.WriteString("\n")
		case "pattern_replace":
			fmt.Fprintf(&b, "charfilter\tpattern_replace\t%s\t%s\n", cf["pattern"], cf["replacement"])
		default:
			return "", fmt.Errorf("char filter %s: type %v", name, cf["type"])
		}
	}
	tok := an.Tokenizer[a["tokenizer"].(string)]
	if tok["type"] != "pattern" {
		return "", fmt.Errorf("tokenizer type %v", tok["type"])
	}
	fmt.Fprintf(&b, "tokenizer\tpattern\t%s\t%v\n", tok["pattern"], tok["group"])
	for _, name := range strList(a["filter"]) {
		if name != "lowercase" {
			return "", fmt.Errorf("token filter %s", name)
		}
		b.WriteString("filter\tlowercase\n")
	}
	fmt.Fprintf(&b, "phrases\t%v\n", f["index_phrases"] == true)
	return b.String(), nil
}
