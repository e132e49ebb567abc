package crawl

import (
	"crypto/tls"
	"crypto/x509"
	"errors"
	"sync"
)

// Many government sites serve HTTPS with a certificate a browser gets past
// and Go's verification does not: a chain without its intermediate
// certificate (browsers fetch or cache it), an expired certificate, one
// for another name. An archive that refused them would lose those sites
// whole; one that took them silently would hide it. A crawl verifies every
// certificate as usual, and on a failure fetches the page anyway and notes
// the host and why (Summary.Unverified), unless Options.StrictTLS, which
// refuses the connection (KindCertificate).

// TLSNotes collects the hosts whose certificate failed verification in a
// crawl, with the first reason seen. Safe for concurrent use.
type TLSNotes struct {
	mu    sync.Mutex
	hosts map[string]string
}

// NewTLSNotes returns an empty set of notes.
func NewTLSNotes() *TLSNotes { return &TLSNotes{hosts: map[string]string{}} }

func (n *TLSNotes) add(host string, err error) {
	n.mu.Lock()
	defer n.mu.Unlock()
	if _, ok := n.hosts[host]; !ok {
		n.hosts[host] = err.Error()
	}
}

// Hosts returns a copy of the notes: host → why its certificate failed.
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
		VerifyConnection: func(cs tls.ConnectionState) error {
			if err := verifyChain(cs, roots); err != nil && notes != nil {
				host := cs.ServerName
				if host == "" {
					host = "(a host reached by IP address)" // no name is sent for an IP
				}
				notes.add(host, err)
			}
			return nil
		},
	}
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
