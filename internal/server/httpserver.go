package server

import (
	"net/http"
	"time"
)

// HTTPOptions bound what one client may hold of an http.Server: how long it
// may take to send headers, how long an idle keep-alive connection is kept,
// and how large the headers may be. The zero value means the defaults.
type HTTPOptions struct {
	// ReadHeaderTimeout bounds reading a request's headers; 0 means 10s.
	ReadHeaderTimeout time.Duration
	// IdleTimeout closes a keep-alive connection idle this long; 0 means 60s.
	IdleTimeout time.Duration
	// MaxHeaderBytes bounds a request's headers; 0 means 64 KiB.
	MaxHeaderBytes int
}

// Defaults of HTTPOptions.
const (
	DefaultReadHeaderTimeout = 10 * time.Second
	DefaultIdleTimeout       = 60 * time.Second
	DefaultMaxHeaderBytes    = 64 << 10
)

// NewHTTPServer returns an http.Server serving h with the bounds of o, so
// that idle or slow clients cannot hold connections without end. Every
// server wenming starts is made here.
func NewHTTPServer(h http.Handler, o HTTPOptions) *http.Server {
	if o.ReadHeaderTimeout <= 0 {
		o.ReadHeaderTimeout = DefaultReadHeaderTimeout
	}
	if o.IdleTimeout <= 0 {
		o.IdleTimeout = DefaultIdleTimeout
	}
	if o.MaxHeaderBytes <= 0 {
		o.MaxHeaderBytes = DefaultMaxHeaderBytes
	}
	return &http.Server{
		Handler:           h,
		ReadHeaderTimeout: o.ReadHeaderTimeout,
		IdleTimeout:       o.IdleTimeout,
		MaxHeaderBytes:    o.MaxHeaderBytes,
	}
}
