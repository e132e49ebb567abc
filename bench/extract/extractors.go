package main

import (
	"bytes"
	"fmt"
	"net/url"
	"strings"

	readability "codeberg.org/readeck/go-readability/v2"
	trafilatura "github.com/markusmobius/go-trafilatura"
	"golang.org/x/net/html"

	"github.com/wenming-archive/wenming/internal/extract"
	"github.com/wenming-archive/wenming/internal/extract/corpus"
)

// An extractor turns a page's decoded UTF-8 bytes and its URL into the
// fields the corpus package judges. Parsing the HTML is part of the work.
type extractor struct {
	name string
	run  func(src []byte, u *url.URL) (corpus.Output, error)
}

// extractors are the three compared, wenming first.
var extractors = []extractor{
	{"wenming", runWenming},
	{"readability", runReadability},
	{"trafilatura", runTrafilatura},
}

func runWenming(src []byte, u *url.URL) (corpus.Output, error) {
	r, err := extract.Extract(src, u)
	if err != nil {
		return corpus.Output{}, err
	}
	return corpus.Output{Title: r.Title, Body: r.Body, Published: r.Published, Author: r.Author, Origin: r.Source}, nil
}

// The peers read no credited source (来源): a site name is not one, so
// their Origin stays empty.

// runReadability parses src with golang.org/x/net/html itself: the
// library's own reader would sniff a charset again (go-shiori/dom with
// chardet) and could undo the decoding every extractor shares.
func runReadability(src []byte, u *url.URL) (corpus.Output, error) {
	doc, err := html.Parse(bytes.NewReader(src))
	if err != nil {
		return corpus.Output{}, err
	}
	p := readability.NewParser()
	a, err := p.ParseAndMutate(doc, u)
	if err != nil {
		return corpus.Output{}, err
	}
	out := corpus.Output{Title: a.Title(), Author: a.Byline()}
	if a.Node != nil {
		var b strings.Builder
		if err := a.RenderText(&b); err != nil {
			return out, err
		}
		out.Body = b.String()
	}
	if t, err := a.PublishedTime(); err == nil {
		out.Published = t
	}
	return out, nil
}

// runTrafilatura uses the options of the library's command-line tool
// (fallback to readability and DOM Distiller on, comments apart from the
// body), on a tree parsed as for runReadability.
func runTrafilatura(src []byte, u *url.URL) (corpus.Output, error) {
	doc, err := html.Parse(bytes.NewReader(src))
	if err != nil {
		return corpus.Output{}, err
	}
	r, err := trafilatura.ExtractDocument(doc, trafilatura.Options{OriginalURL: u, EnableFallback: true})
	if err != nil {
		return corpus.Output{}, err
	}
	return corpus.Output{
		Title:     r.Metadata.Title,
		Body:      r.ContentText,
		Published: r.Metadata.Date,
		Author:    r.Metadata.Author,
	}, nil
}

// call runs x on one page, turning a panic into an error.
func call(x extractor, src []byte, u *url.URL) (out corpus.Output, panicked bool, err error) {
	defer func() {
		if v := recover(); v != nil {
			out, panicked, err = corpus.Output{}, true, fmt.Errorf("panic: %v", v)
		}
	}()
	out, err = x.run(src, u)
	return out, false, err
}
