package handlers

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/gyoryu/gyoryu/models"
	"github.com/gyoryu/gyoryu/static"
)

// publicDoc is a public page or data file, built from the public view.
type publicDoc struct {
	ContentType string
	Disposition string // Content-Disposition, for data files
	Body        []byte
}

// publicHandler builds a public document from what the public may see.
type publicHandler func(c echo.Context, v *models.PublicView) (publicDoc, error)

// cachedPage is a public document ready to serve: its bytes, gzip bytes and validators.
type cachedPage struct {
	ready chan struct{}
	err   error
	doc   publicDoc
	gz    []byte
	etag  string
}

func (p *cachedPage) fill(build func() (publicDoc, error)) {
	defer close(p.ready)
	doc, err := build()
	if err != nil {
		p.err = err
		return
	}
	p.doc = doc
	sum := sha256.Sum256(doc.Body)
	p.etag = `"` + hex.EncodeToString(sum[:16]) + `"`
	if compressible(doc.ContentType) {
		var buf bytes.Buffer
		zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
		zw.Write(doc.Body)
		zw.Close()
		p.gz = buf.Bytes()
	}
}

func compressible(contentType string) bool {
	return strings.HasPrefix(contentType, "text/") || strings.HasPrefix(contentType, "application/json")
}

// public serves a public route: anonymous visitors get the page kept in memory
// for the current public version; signed-in people get it rendered for them
// (their name in the header), never kept.
func (h *Handlers) public(build publicHandler) echo.HandlerFunc {
	return func(c echo.Context) error {
		g, err := h.site.current(c.Request().Context())
		if err != nil {
			return err
		}
		buildDoc := func() (publicDoc, error) { return build(c, g.view) }
		if currentUser(c) != nil {
			p := &cachedPage{ready: make(chan struct{})}
			if p.fill(buildDoc); p.err != nil {
				return p.err
			}
			return servePage(c, p, g.version.ChangedAt)
		}
		p, err := g.page(pageKey(c), buildDoc)
		if err != nil {
			return err
		}
		return servePage(c, p, g.version.ChangedAt)
	}
}

// servePage answers with a kept page: 304 when the client has it, gzip bytes
// when it accepts them, headers only for HEAD.
func servePage(c echo.Context, p *cachedPage, changedAt time.Time) error {
	req, hd := c.Request(), c.Response().Header()
	etag := p.etag
	body := p.doc.Body
	if p.gz != nil {
		hd.Add(echo.HeaderVary, echo.HeaderAcceptEncoding)
		if static.AcceptsGzip(req) {
			etag = strings.TrimSuffix(p.etag, `"`) + `-gz"`
			body = p.gz
			hd.Set(echo.HeaderContentEncoding, "gzip")
		}
	}
	hd.Set(echo.HeaderContentType, p.doc.ContentType)
	if p.doc.Disposition != "" {
		hd.Set(echo.HeaderContentDisposition, p.doc.Disposition)
	}
	hd.Set("ETag", etag)
	lastModified := changedAt.UTC().Truncate(time.Second)
	hd.Set(echo.HeaderLastModified, lastModified.Format(http.TimeFormat))
	if hd.Get("Cache-Control") == "" { // a signed-in person's page is no-store already (noStore)
		hd.Set("Cache-Control", "no-cache")
	}
	if notModified(req, []string{p.etag, etag}, lastModified) {
		hd.Del(echo.HeaderContentType)
		hd.Del(echo.HeaderContentEncoding)
		return c.NoContent(http.StatusNotModified)
	}
	hd.Set(echo.HeaderContentLength, strconv.Itoa(len(body)))
	c.Response().WriteHeader(http.StatusOK)
	if req.Method == http.MethodHead {
		return nil
	}
	_, err := c.Response().Write(body)
	return err
}

// notModified applies If-None-Match (either representation's tag), or else If-Modified-Since.
// If-None-Match compares weakly (RFC 9110 13.1.2), so a W/ prefix added by a proxy still matches.
func notModified(req *http.Request, etags []string, lastModified time.Time) bool {
	if inm := req.Header.Get("If-None-Match"); inm != "" {
		for _, tag := range strings.Split(inm, ",") {
			tag = strings.TrimPrefix(strings.TrimSpace(tag), "W/")
			if tag == "*" || slices.Contains(etags, tag) {
				return true
			}
		}
		return false
	}
	if ims := req.Header.Get(echo.HeaderIfModifiedSince); ims != "" {
		t, err := http.ParseTime(ims)
		return err == nil && !lastModified.After(t)
	}
	return false
}

// pageKey names a kept page: its path and the query parameters public pages
// read (in a fixed order), so that other parameters do not make new copies.
func pageKey(c echo.Context) string {
	key := c.Request().URL.Path
	q := c.QueryParams()
	for _, name := range resultsParams {
		if v := q.Get(name); v != "" {
			key += "&" + name + "=" + url.QueryEscape(v)
		}
	}
	return key
}
