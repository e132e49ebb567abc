package config

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestCaptureImagesKey(t *testing.T) {
	cases := []struct {
		name, yaml string
		want       bool
	}{
		{"default off", "crawl:\n  workers: 2\n", false},
		{"on", "crawl:\n  capture_images: true\n", true},
		{"off", "crawl:\n  capture_images: false\n", false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			cfg, err := Parse(strings.NewReader(tc.yaml))
			if err != nil {
				t.Fatal(err)
			}
			if cfg.Crawl.CaptureImages != tc.want {
				t.Fatalf("capture_images = %v, want %v", cfg.Crawl.CaptureImages, tc.want)
			}
		})
	}
}

func TestCaptureImagesShippedOff(t *testing.T) {
	cfg, err := Load(filepath.Join("..", "..", "config.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Crawl.CaptureImages {
		t.Fatal("the shipped config must leave capture_images off")
	}
	data, err := os.ReadFile(filepath.Join("..", "..", "config.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), "capture_images: false") {
		t.Fatal("the shipped config.yaml should show the key, off")
	}
}

func TestCaptureImagesBadValue(t *testing.T) {
	cases := []struct {
		name, yaml, want string
		line             int
	}{
		{"typo in the key", "crawl:\n  workers: 2\n  capture_imgaes: true\n", "capture_imgaes", 3},
		{"not a boolean", "crawl:\n  capture_images: sometimes\n", "sometimes", 2},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "config.yaml")
			if err := os.WriteFile(path, []byte(tc.yaml), 0o644); err != nil {
				t.Fatal(err)
			}
			_, err := Load(path)
			var ce *Error
			if !errors.As(err, &ce) {
				t.Fatalf("want a *config.Error, got %v", err)
			}
			if ce.File != path || ce.Line != tc.line || !strings.Contains(ce.Error(), tc.want) {
				t.Fatalf("error %q: want %s:%d naming %q", ce.Error(), path, tc.line, tc.want)
			}
			if !strings.HasPrefix(ce.Error(), path+":") {
				t.Fatalf("error %q does not start with file:line", ce.Error())
			}
		})
	}
}
