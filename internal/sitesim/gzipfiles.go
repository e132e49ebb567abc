package sitesim

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"
)

// The gzip-files extra: a county that publishes data releases as gzip
// files (sites.md: "gzip files served as application/x-gzip"). A fifth of
// its articles, and always its oldest, offer one under the article, in
// VSB's attachment list (附件【name】已下载 N 次), through VSB's download
// script — /system/_content/download.jsp?urltype=news.DownloadAttachUrl&
// owner=O&wbfileid=F, a URL that names no file type: the name is in the
// link text and in Content-Disposition alone. The files go out as
// application/x-gzip: a tar of a CSV, a few hundred bytes. The oldest
// article's file, its 全量 release, is a decompression bomb: bombMembers
// gzip members of bombMember zero bytes each, about 2 MiB on the wire
// inflating to 2 GiB, which the server labels Content-Encoding: gzip as
// well (a front that marks stored .gz files encoded, as Apache's
// AddEncoding x-gzip .gz does), so that a client decoding what it is told
// is encoded inflates it.

const (
	gzipFilesScript = "/system/_content/download.jsp"
	bombMember      = 16 << 20
	bombMembers     = 128
)

// BombSize is the size the gzip-files bomb inflates to.
const BombSize = int64(bombMember) * bombMembers

// gzipFile is the data file article a offers (gzip-files), and whether it
// offers one: its file id, its name and whether it is the bomb.
func gzipFile(a ref) (fid int, name string, bomb, ok bool) {
	s := a.s
	if !s.has(ExtraGzipFiles) {
		return 0, "", false, false
	}
	bomb = a.j == 0
	if !bomb && mix(uint64(s.idx), uint64(a.j), 0x6a1e)%5 != 0 {
		return 0, "", false, false
	}
	fid = s.serial(a.j)*10 + 7
	name = fmt.Sprintf("%s志愿服务数据（第%d期）.tar.gz", s.short, a.j+1)
	if bomb {
		name = s.short + "志愿服务数据（全量）.gz"
	}
	return fid, name, bomb, true
}

// gzipFileURL is the download URL of file fid of s.
func gzipFileURL(s *site, fid int) string {
	return fmt.Sprintf("%s?urltype=news.DownloadAttachUrl&owner=%d&wbfileid=%d", gzipFilesScript, s.vsbOwner, fid)
}

// gzipFileLinks is the attachment list under article a's body ("" when
// it offers no file).
func gzipFileLinks(a ref) string {
	fid, name, _, ok := gzipFile(a)
	if !ok {
		return ""
	}
	return fmt.Sprintf("<ul style=\"list-style-type:none;\">\n<li>附件【<a href=\"%s\" target=\"_blank\">%s</a>】已下载<span id=\"nattach%d\"><script language=\"javascript\">getClickTimes(%d,%d,\"wbnewsfile\",\"attach\")</script></span>次</li>\n</ul>\n",
		esc(gzipFileURL(a.s, fid)), esc(name), fid, fid, a.s.vsbOwner)
}

// GzipFiles lists the download URLs (canonical) of the data files the
// gzip-files extra offers, and the one of them that is the bomb.
func (sim *Sim) GzipFiles() (files []string, bomb string) {
	s := sim.byHost[extraHosts[ExtraGzipFiles]]
	if s == nil || !s.has(ExtraGzipFiles) {
		return nil, ""
	}
	for j, n := 0, s.count(); j < n; j++ {
		if fid, _, isBomb, ok := gzipFile(s.at(j)); ok {
			u, _ := Canonical("http://" + s.Host + gzipFileURL(s, fid))
			files = append(files, u)
			if isBomb {
				bomb = u
			}
		}
	}
	return files, bomb
}

// serveGzipFile answers the download script: the file its wbfileid names.
func (sim *Sim) serveGzipFile(s *site, r *http.Request) resp {
	q := r.URL.Query()
	fid, err := strconv.Atoi(q.Get("wbfileid"))
	if err != nil || q.Get("owner") != strconv.FormatInt(s.vsbOwner, 10) || fid%10 != 7 {
		return notFound()
	}
	a, found := s.bySerial(strconv.Itoa(fid / 10))
	if !found || sim.deleted(a) {
		return notFound()
	}
	_, name, bomb, ok := gzipFile(a)
	if !ok {
		return notFound()
	}
	h := map[string]string{"Content-Disposition": "attachment; filename=\"" + url.PathEscape(name) + "\""}
	if bomb {
		h["Content-Encoding"] = "gzip"
		return resp{status: http.StatusOK, ctype: "application/x-gzip", body: gzipBomb(), header: h}
	}
	return resp{status: http.StatusOK, ctype: "application/x-gzip", body: dataRelease(sim, a, name), header: h}
}

// dataRelease is the .tar.gz of article a's data: one CSV of the
// volunteer hours of the site's places.
func dataRelease(sim *Sim, a ref, name string) string {
	t := sim.published(a)
	var csv strings.Builder
	csv.WriteString("地点,志愿者人数,服务时长（小时）\n")
	for k, p := range a.s.places {
		h := mix(uint64(a.s.idx), uint64(a.j), uint64(k))
		fmt.Fprintf(&csv, "%s,%d,%d\n", p, 20+h%400, 100+(h>>16)%5000)
	}
	var tb bytes.Buffer
	tw := tar.NewWriter(&tb)
	file := strings.TrimSuffix(name, ".tar.gz") + ".csv"
	_ = tw.WriteHeader(&tar.Header{Name: file, Mode: 0o644, Size: int64(csv.Len()), ModTime: t, Typeflag: tar.TypeReg, Format: tar.FormatPAX})
	_, _ = tw.Write([]byte(csv.String()))
	_ = tw.Close()
	var gb bytes.Buffer
	zw := gzip.NewWriter(&gb)
	zw.ModTime = t.Truncate(time.Second)
	_, _ = zw.Write(tb.Bytes())
	_ = zw.Close()
	return gb.String()
}

// gzipBomb is the bomb's bytes, built once: bombMembers copies of one
// gzip member of bombMember zero bytes.
var gzipBomb = sync.OnceValue(func() string {
	var m bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&m, gzip.BestCompression)
	_, _ = zw.Write(make([]byte, bombMember))
	_ = zw.Close()
	return strings.Repeat(m.String(), bombMembers)
})
