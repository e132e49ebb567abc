// Package proxytest helps tests stand in for an HTTP proxy in front of the
// hosts a crawl asks: a test server that answers absolute-URI requests as
// the hosts would, and tunnels CONNECT (https://) to a TLS test server.
package proxytest

import (
	"io"
	"net"
	"net/http"
)

// Tunnel answers a proxy's CONNECT request by joining the client to addr
// (a TLS test server standing for every https:// host) until either side
// closes. An addr that cannot be reached is answered 502.
func Tunnel(w http.ResponseWriter, addr string) {
	up, err := net.Dial("tcp", addr)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	conn, buf, err := w.(http.Hijacker).Hijack()
	if err != nil {
		up.Close()
		return
	}
	io.WriteString(conn, "HTTP/1.1 200 Connection established\r\n\r\n")
	go func() { io.Copy(up, buf); up.Close() }()
	io.Copy(conn, up)
	conn.Close()
}
