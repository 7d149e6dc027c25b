// Package static embeds the built front-end assets (static/dist) and serves
// them under content-hashed URLs that may be cached forever.
package static

import (
	"bytes"
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
	files map[string]asset  // hashed name → content
}

type asset struct {
	body        []byte
	contentType string
}

var cssURL = regexp.MustCompile(`url\((['"]?)([^'")]+)(['"]?)\)`)

// New reads every embedded asset once and computes its hashed URL. Stylesheets
// are rewritten so that the fonts and images they reference use hashed URLs too.
func New() (*Assets, error) {
	return newAssets(dist, "dist")
}

func newAssets(fsys fs.FS, root string) (*Assets, error) {
	a := &Assets{urls: map[string]string{}, files: map[string]asset{}}
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
	a.files[hashed] = asset{body: body, contentType: ct}
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
	http.ServeContent(w, r, "", zeroTime, bytes.NewReader(f.body))
}

// zeroTime leaves Last-Modified out: the URL itself changes with the content.
var zeroTime = time.Time{}
