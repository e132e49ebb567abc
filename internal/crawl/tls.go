package crawl

import (
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"net"
	"strings"
	"sync"
)

// Many government sites serve HTTPS with a certificate a browser gets past
// and Go's verification does not: a chain without its intermediate
// certificate (browsers fetch or cache it), an expired certificate, one
// for another name. Servers set up a decade ago and left alone speak only
// TLS 1.0 or 1.1, or offer only cipher suites without forward secrecy
// (RSA key exchange, 3DES), which Go's client no longer offers by
// default. An archive that refused them would lose those sites whole; one
// that took them silently would hide it. A crawl verifies every
// certificate as usual and offers the legacy protocol versions and suites
// besides the modern ones (a modern server picks a modern one); on a
// certificate failure, or a connection that could only be made the legacy
// way, it fetches the page anyway and notes the host and why
// (Summary.Unverified), unless Options.StrictTLS, which verifies and
// negotiates as Go does by default and refuses the rest (a certificate
// failure is KindCertificate).

// TLSNotes collects the hosts whose certificate failed verification in a
// crawl, or that could only be reached the legacy way, with the first
// reason seen. Safe for concurrent use.
type TLSNotes struct {
	mu    sync.Mutex
	hosts map[string]string
}

// NewTLSNotes returns an empty set of notes.
func NewTLSNotes() *TLSNotes { return &TLSNotes{hosts: map[string]string{}} }

func (n *TLSNotes) add(host, why string) {
	n.mu.Lock()
	defer n.mu.Unlock()
	if _, ok := n.hosts[host]; !ok {
		n.hosts[host] = why
	}
}

// Hosts returns a copy of the notes: host → why its HTTPS was not what a
// strict crawl accepts.
func (n *TLSNotes) Hosts() map[string]string {
	if n == nil {
		return nil
	}
	n.mu.Lock()
	defer n.mu.Unlock()
	if len(n.hosts) == 0 {
		return nil
	}
	out := make(map[string]string, len(n.hosts))
	for h, why := range n.hosts {
		out[h] = why
	}
	return out
}

// ClientTLS returns the TLS configuration of a crawl's connections, for
// the crawler's own transport and the WARC recorder's alike. roots are the
// trusted roots (nil: the system's). With strict, a certificate that fails
// verification fails the handshake; otherwise the failure is noted in
// notes and the connection goes on.
func ClientTLS(strict bool, roots *x509.CertPool, notes *TLSNotes) *tls.Config {
	if strict {
		return &tls.Config{RootCAs: roots}
	}
	return &tls.Config{
		// Verification is done below, by the same rules, but its failure
		// is noted rather than fatal.
		InsecureSkipVerify: true,
		MinVersion:         tls.VersionTLS10,
		CipherSuites:       legacySuites,
		VerifyConnection: func(cs tls.ConnectionState) error {
			var why []string
			if err := verifyChain(cs, roots); err != nil {
				why = append(why, "its certificate failed verification: "+err.Error())
			}
			if legacy := legacyConnection(cs); legacy != "" {
				why = append(why, legacy)
			}
			if len(why) > 0 && notes != nil {
				host := cs.ServerName
				if host == "" {
					host = "(a host reached by IP address)" // no name is sent for an IP
				}
				notes.add(host, strings.Join(why, "; "))
			}
			return nil
		},
	}
}

// legacySuites are the cipher suites a lenient crawl offers: Go's default
// ones and those it leaves out for their weakness (RSA key exchange, 3DES,
// RC4 — the last a server of the 2000s may still insist on). The order is
// no preference: crypto/tls orders what it offers itself, strongest first.
var legacySuites = func() []uint16 {
	var ids []uint16
	for _, cs := range tls.CipherSuites() {
		ids = append(ids, cs.ID)
	}
	for _, cs := range tls.InsecureCipherSuites() {
		ids = append(ids, cs.ID)
	}
	return ids
}()

// legacyConnection says why a connection was one Go's client would not
// have made by default — a protocol version before TLS 1.2, or a cipher
// suite it leaves out — or "" when it was not.
func legacyConnection(cs tls.ConnectionState) string {
	legacy := cs.Version < tls.VersionTLS12
	for _, s := range tls.InsecureCipherSuites() {
		legacy = legacy || s.ID == cs.CipherSuite
	}
	if !legacy {
		return ""
	}
	return fmt.Sprintf("it speaks only %s with %s, which browsers and Go refuse by default", tls.VersionName(cs.Version), tls.CipherSuiteName(cs.CipherSuite))
}

// verifyChain verifies the server's certificate chain for its name as
// crypto/tls does when InsecureSkipVerify is off.
func verifyChain(cs tls.ConnectionState, roots *x509.CertPool) error {
	if len(cs.PeerCertificates) == 0 {
		return errors.New("no certificate")
	}
	inter := x509.NewCertPool()
	for _, c := range cs.PeerCertificates[1:] {
		inter.AddCert(c)
	}
	_, err := cs.PeerCertificates[0].Verify(x509.VerifyOptions{Roots: roots, DNSName: cs.ServerName, Intermediates: inter})
	return err
}

// isCertificateError reports whether err is a certificate that failed
// verification (with StrictTLS): the same certificate fails again, so it is
// not retried.
func isCertificateError(err error) bool {
	var ve *tls.CertificateVerificationError
	var ua x509.UnknownAuthorityError
	var ci x509.CertificateInvalidError
	var he x509.HostnameError
	return errors.As(err, &ve) || errors.As(err, &ua) || errors.As(err, &ci) || errors.As(err, &he)
}

// isHandshakeRefusal reports whether err is a server's refusal of the
// protocol versions or cipher suites offered (a TLS alert received:
// handshake_failure, protocol_version, insufficient_security): the same
// offer is refused again, so it is not retried. crypto/tls reports an
// alert received as a *net.OpError whose Op is "remote error" and whose
// Err, of a type it does not export, is the alert's description.
func isHandshakeRefusal(err error) bool {
	var op *net.OpError
	if !errors.As(err, &op) || op.Op != "remote error" || op.Err == nil {
		return false
	}
	switch op.Err.Error() {
	case "tls: handshake failure", "tls: protocol version not supported", "tls: insufficient security level":
		return true
	}
	return false
}
