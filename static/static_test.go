package static

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"testing/fstest"
)

func TestAssetsAreHashedAndStylesheetsPointAtHashedFiles(t *testing.T) {
	fsys := fstest.MapFS{
		"dist/css/app.css":    {Data: []byte(`@font-face{src:url(../fonts/a.woff2)} .x{background:url("../img/i.svg")} .y{background:url(data:image/png;base64,AA)}`)},
		"dist/fonts/a.woff2":  {Data: []byte("font")},
		"dist/img/i.svg":      {Data: []byte("<svg/>")},
		"dist/js/htmx.min.js": {Data: []byte("htmx")},
	}
	a, err := newAssets(fsys, "dist")
	if err != nil {
		t.Fatal(err)
	}
	font, css := a.URL("fonts/a.woff2"), a.URL("css/app.css")
	if !strings.HasPrefix(font, "/static/fonts/a.") || !strings.HasSuffix(font, ".woff2") || len(font) != len("/static/fonts/a..woff2")+12 {
		t.Errorf("font URL %q is not name.HASH12.ext", font)
	}
	rec := httptest.NewRecorder()
	a.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, css, nil))
	body, _ := io.ReadAll(rec.Body)
	if !strings.Contains(string(body), "url("+font+")") || !strings.Contains(string(body), "url("+a.URL("img/i.svg")+")") {
		t.Errorf("the stylesheet does not point at hashed files: %s", body)
	}
	if !strings.Contains(string(body), "url(data:image/png;base64,AA)") {
		t.Error("a data: URI was rewritten")
	}
	if got := rec.Header().Get("Content-Type"); !strings.HasPrefix(got, "text/css") {
		t.Errorf("Content-Type = %q", got)
	}
	if got := rec.Header().Get("Cache-Control"); got != "public, max-age=31536000, immutable" {
		t.Errorf("Cache-Control = %q", got)
	}
	for _, path := range []string{"/static/css/app.css", "/static/css/app.000000000000.css", "/static/nothing"} {
		rec := httptest.NewRecorder()
		a.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
		if rec.Code != http.StatusNotFound {
			t.Errorf("GET %s = %d, want 404", path, rec.Code)
		}
	}
}

func TestEmbeddedAssetsHaveWhatTheLayoutUses(t *testing.T) {
	a, err := New()
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"css/app.css", "css/public.css", "js/htmx.min.js", "js/app.js", "fonts/PretendardGOV-Regular-site.woff2"} {
		if _, ok := a.urls[name]; !ok {
			t.Errorf("the embedded assets lack %s (run make assets)", name)
		}
	}
}
