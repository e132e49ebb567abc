package sitesim

import (
	"fmt"
	"net/http"
	"strconv"
	"sync"
	"sync/atomic"
	"time"
)

// Server signals [inferred: WAFs in front of government sites, overloaded
// county servers]. They are counted per host (or per URL) in the order
// requests arrive, so a run is reproducible for a given request order;
// Options.Calm switches them off.
//
//	rate-limit  sn.wenming.cn     every 30th request is answered 429 with
//	                              Retry-After: 2; until those 2 s (simulated
//	                              clock, which includes wall time) have
//	                              passed, every request to the host gets 429
//	                              with the seconds left and is recorded as a
//	                              RetryViolation
//	flaky       xa.wenming.cn     the list page /xayw/ answers 503 to its
//	                              first three requests, then 200 (counted per
//	                              canonical URL)
//	burst       www.ltwmw.gov.cn  requests 21 to 26 to the host answer 502,
//	                              503, 504, 502, 503, 504

const (
	rateEvery      = 30              // every rateEvery-th request to a rate-limited host is refused
	rateRetryAfter = 2 * time.Second // the Retry-After it announces
	wafEvery       = 25              // every wafEvery-th request to a waf-503 host (extras.go) is refused
	flakyTimes     = 3               // 503s before the flaky page answers
	burstFrom      = 21              // first request (1-based) of the 5xx burst
	burstLen       = 6
)

// flakyPath is the page of a flaky host that fails before it answers.
var flakyPath = map[string]string{"xa.wenming.cn": "http://xa.wenming.cn/xayw/"}

// RetryViolation is a request that reached a rate-limited host before the
// Retry-After it had announced elapsed.
type RetryViolation struct {
	Host, URL string
	At        time.Time     // simulated clock when it arrived
	Early     time.Duration // how long before the announced time
}

// signals is the state of server signals and measurements.
type signals struct {
	sig         sync.Mutex
	hostReqs    map[string]int       // requests per host so far
	blocked     map[string]time.Time // rate-limited host → end of its Retry-After
	violations  []RetryViolation
	urlReqs     map[string]int // requests to each flaky page
	inFlight    map[string]int
	maxInFlight map[string]int
	trapReqs    map[string]int
	sidSeq      atomic.Int64 // Discuz sessions handed out
}

func (sg *signals) init() {
	sg.hostReqs, sg.blocked, sg.urlReqs = map[string]int{}, map[string]time.Time{}, map[string]int{}
	sg.inFlight, sg.maxInFlight, sg.trapReqs = map[string]int{}, map[string]int{}, map[string]int{}
}

// enter and leave measure the requests in flight per host.
func (sg *signals) enter(host string) {
	sg.sig.Lock()
	sg.inFlight[host]++
	if sg.inFlight[host] > sg.maxInFlight[host] {
		sg.maxInFlight[host] = sg.inFlight[host]
	}
	sg.sig.Unlock()
}

func (sg *signals) leave(host string) {
	sg.sig.Lock()
	sg.inFlight[host]--
	sg.sig.Unlock()
}

// MaxInFlight reports, per host of the hierarchy that was requested, the
// largest number of its requests the simulation was handling at once.
// Options.Latency makes overlapping requests observable.
func (sim *Sim) MaxInFlight() map[string]int {
	sim.sig.Lock()
	defer sim.sig.Unlock()
	out := make(map[string]int, len(sim.maxInFlight))
	for h, n := range sim.maxInFlight {
		out[h] = n
	}
	return out
}

// RetryViolations lists the requests that ignored a Retry-After.
func (sim *Sim) RetryViolations() []RetryViolation {
	sim.sig.Lock()
	defer sim.sig.Unlock()
	return append([]RetryViolation(nil), sim.violations...)
}

func (sim *Sim) countTrap(s *site, name string) {
	sim.sig.Lock()
	sim.trapReqs[name+"@"+s.Host]++
	sim.sig.Unlock()
}

// signal decides whether the server refuses the request; ok is false when
// it answers normally.
func (sim *Sim) signal(s *site, r *http.Request, now time.Time) (resp, bool) {
	if sim.opts.Calm {
		return resp{}, false
	}
	sim.sig.Lock()
	defer sim.sig.Unlock()
	rawURL := "http://" + s.Host + r.URL.RequestURI()
	waf := s.has(ExtraWAF503)
	if s.has(featRateLimit) || waf {
		if until, ok := sim.blocked[s.Host]; ok && now.Before(until) {
			early := until.Sub(now)
			sim.violations = append(sim.violations, RetryViolation{Host: s.Host, URL: rawURL, At: now, Early: early})
			if waf {
				return busy(early), true
			}
			return tooMany(early), true
		}
	}
	sim.hostReqs[s.Host]++
	n := sim.hostReqs[s.Host]
	switch {
	case s.has(featRateLimit) && n%rateEvery == 0:
		sim.blocked[s.Host] = now.Add(rateRetryAfter)
		return tooMany(rateRetryAfter), true
	case waf && n%wafEvery == 0:
		out := busy(rateRetryAfter)
		// the date names a whole second: the wait it gives, from now
		at, _ := time.Parse(http.TimeFormat, out.header["Retry-After"])
		sim.blocked[s.Host] = now.Add(time.Until(at))
		return out, true
	case s.has(featBurst) && n >= burstFrom && n < burstFrom+burstLen:
		code := []int{http.StatusBadGateway, http.StatusServiceUnavailable, http.StatusGatewayTimeout}[(n-burstFrom)%3]
		return serverError(code), true
	case s.has(featFlaky):
		if c, ok := Canonical(rawURL); ok && c == s.flaky {
			sim.urlReqs[c]++
			if sim.urlReqs[c] <= flakyTimes {
				return serverError(http.StatusServiceUnavailable), true
			}
		}
	}
	return resp{}, false
}

// tooMany is a WAF's 429 with the whole seconds left to wait.
func tooMany(wait time.Duration) resp {
	secs := int((wait + time.Second - 1) / time.Second)
	return resp{status: http.StatusTooManyRequests, ctype: "text/html; charset=utf-8",
		header: map[string]string{"Retry-After": strconv.Itoa(secs), "Server": "WAF"},
		body:   "<html><head><title>429 Too Many Requests</title></head><body><h1>访问过于频繁</h1><p>您的访问频率过高，请稍后再试。</p></body></html>\n"}
}

// busy is a government WAF's 503 with Retry-After as an HTTP date (the
// other form RFC 9110 allows) at least wait ahead, by the server's clock:
// the wall clock, which the simulated one (Options.Now) is not.
func busy(wait time.Duration) resp {
	at := time.Now().Add(wait).Truncate(time.Second).Add(time.Second).UTC()
	return resp{status: http.StatusServiceUnavailable, ctype: "text/html; charset=utf-8",
		header: map[string]string{"Retry-After": at.Format(http.TimeFormat), "Server": "WAF"},
		body:   "<html><head><title>503 Service Unavailable</title></head><body><h1>网站防火墙</h1><p>您的请求过于频繁，已被暂时拦截，请稍后再试。</p></body></html>\n"}
}

// serverError is an nginx front's 5xx page.
func serverError(code int) resp {
	text := fmt.Sprintf("%d %s", code, http.StatusText(code))
	return resp{status: code, ctype: "text/html",
		header: map[string]string{"Server": "nginx"},
		body:   "<html>\r\n<head><title>" + text + "</title></head>\r\n<body>\r\n<center><h1>" + text + "</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n"}
}
