// Package static embeds the built front-end assets (static/dist) and serves
// them under content-hashed URLs that may be cached forever.
package static

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"regexp"
	"strings"
	"sync"
	"time"
)

//go:embed all:dist
var dist embed.FS

// Prefix is where assets are served: the static route of handlers/routes.go
// and every asset URL both use it.
const Prefix = "/static/"

// Assets maps asset names (e.g. "css/app.css") to content-hashed URLs and serves them.
type Assets struct {
	urls  map[string]string // name → hashed URL
	files map[string]*asset // hashed name → content
}

type asset struct {
	body        []byte
	contentType string

	gzipOnce sync.Once
	gz       []byte // the body gzipped once, at the best compression; nil: not worth it
}

// compressible reports whether gzip shrinks a file of this type: text, scripts
// and SVG do; fonts (woff2 is compressed already) and images do not.
func compressible(contentType string) bool {
	mt, _, _ := strings.Cut(contentType, ";")
	return strings.HasPrefix(mt, "text/") || mt == "application/javascript" || mt == "image/svg+xml" ||
		mt == "application/json" || mt == "image/x-icon" || mt == "image/vnd.microsoft.icon"
}

// gzipped is the body compressed, made on first use (so start-up stays quick)
// and kept: every request for it afterwards is a copy, not a compression.
func (f *asset) gzipped() []byte {
	f.gzipOnce.Do(func() {
		if !compressible(f.contentType) {
			return
		}
		var buf bytes.Buffer
		zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
		_, _ = zw.Write(f.body)
		_ = zw.Close()
		if buf.Len() < len(f.body) {
			f.gz = buf.Bytes()
		}
	})
	return f.gz
}

var cssURL = regexp.MustCompile(`url\((['"]?)([^'")]+)(['"]?)\)`)

// New reads every embedded asset once and computes its hashed URL. Stylesheets
// are rewritten so that the fonts and images they reference use hashed URLs too.
func New() (*Assets, error) {
	return newAssets(dist, "dist")
}

func newAssets(fsys fs.FS, root string) (*Assets, error) {
	a := &Assets{urls: map[string]string{}, files: map[string]*asset{}}
	raw := map[string][]byte{}
	err := fs.WalkDir(fsys, root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		body, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		raw[strings.TrimPrefix(p, root+"/")] = body
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read embedded assets: %w", err)
	}
	// Non-CSS files first, so stylesheets can point at their hashed names.
	for name, body := range raw {
		if path.Ext(name) != ".css" {
			a.add(name, body)
		}
	}
	for name, body := range raw {
		if path.Ext(name) == ".css" {
			a.add(name, a.rewriteCSS(name, body))
		}
	}
	return a, nil
}

func (a *Assets) add(name string, body []byte) {
	sum := sha256.Sum256(body)
	ext := path.Ext(name)
	hashed := strings.TrimSuffix(name, ext) + "." + hex.EncodeToString(sum[:])[:12] + ext
	ct := mime.TypeByExtension(ext)
	if ct == "" {
		ct = http.DetectContentType(body)
	}
	a.urls[name] = Prefix + hashed
	a.files[hashed] = &asset{body: body, contentType: ct}
}

func (a *Assets) rewriteCSS(name string, body []byte) []byte {
	dir := path.Dir(name)
	return cssURL.ReplaceAllFunc(body, func(m []byte) []byte {
		sub := cssURL.FindSubmatch(m)
		ref := string(sub[2])
		if strings.Contains(ref, ":") || strings.HasPrefix(ref, "/") {
			return m // data: URIs and absolute references stay as they are
		}
		if u, ok := a.urls[path.Join(dir, ref)]; ok {
			return bytes.Join([][]byte{[]byte("url("), []byte(u), []byte(")")}, nil)
		}
		return m
	})
}

// URL is the hashed URL of an asset; it panics on an unknown name, which is a
// programming error caught by any test that renders the page.
func (a *Assets) URL(name string) string {
	u, ok := a.urls[name]
	if !ok {
		panic("static: unknown asset " + name)
	}
	return u
}

// ServeHTTP serves a hashed asset with a year-long immutable cache lifetime.
func (a *Assets) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	f, ok := a.files[strings.TrimPrefix(r.URL.Path, Prefix)]
	if !ok {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", f.contentType)
	w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	f.serve(w, r)
}

// serve answers with the body, gzipped when the client accepts it and that is
// smaller (the app's gzip middleware leaves the static routes alone).
func (f *asset) serve(w http.ResponseWriter, r *http.Request) {
	body := f.body
	if compressible(f.contentType) {
		w.Header().Add("Vary", "Accept-Encoding")
		if gz := f.gzipped(); gz != nil && AcceptsGzip(r) {
			w.Header().Set("Content-Encoding", "gzip")
			body = gz
		}
	}
	http.ServeContent(w, r, "", zeroTime, bytes.NewReader(body))
}

// AcceptsGzip reports whether the request's Accept-Encoding allows gzip.
func AcceptsGzip(r *http.Request) bool {
	for _, part := range strings.Split(r.Header.Get("Accept-Encoding"), ",") {
		coding, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		if strings.EqualFold(strings.TrimSpace(coding), "gzip") && !strings.Contains(strings.ReplaceAll(params, " ", ""), "q=0") {
			return true
		}
	}
	return false
}

// zeroTime leaves Last-Modified out: the URL itself changes with the content.
var zeroTime = time.Time{}

// ServeNamed serves the asset with this unhashed name (e.g. img/favicon.ico, which
// browsers ask for at a fixed address), cached for a day.
func (a *Assets) ServeNamed(name string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		f, ok := a.files[strings.TrimPrefix(a.urls[name], Prefix)]
		if !ok {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", f.contentType)
		w.Header().Set("Cache-Control", "public, max-age=86400")
		f.serve(w, r)
	}
}
