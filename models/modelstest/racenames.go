package modelstest

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// CheckRaceRule holds the rule by which .ci/go-test runs the tests of the
// package in the current directory without the race detector (it makes the
// embedded SQLite, C translated to Go, about ten times slower) and those whose
// names match the Makefile's RACE_RUN again under it. The rule is sound only
// if a race needs a goroutine that such a test starts, so:
//   - no file of the package's own code starts a goroutine, and
//   - every test that starts goroutines, directly or through a sync.WaitGroup,
//     is named for it (…AtOnce, Concurrent…, Simultaneous…).
//
// makefile is the path of the Makefile from the package's directory. It
// returns the number of tests that start goroutines.
func CheckRaceRule(t *testing.T, makefile string) int {
	t.Helper()
	text, err := os.ReadFile(makefile)
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?m)^RACE_RUN \?= (.+)$`).FindSubmatch(text)
	if m == nil {
		t.Fatal("the Makefile has no line RACE_RUN ?= …")
	}
	raceRun := regexp.MustCompile(string(m[1]))

	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	concurrent := 0
	for _, name := range files {
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasSuffix(name, "_test.go") {
			if startsGoroutines(f) {
				t.Errorf("%s starts goroutines: the package's tests no longer run under the race detector only when named for it "+
					"(.ci/go-test); run the package under -race whole, or move the goroutine out", name)
			}
			continue
		}
		for _, d := range f.Decls {
			fn, ok := d.(*ast.FuncDecl)
			if !ok || fn.Recv != nil || !strings.HasPrefix(fn.Name.Name, "Test") || fn.Body == nil || !startsGoroutines(fn.Body) {
				continue
			}
			concurrent++
			if !raceRun.MatchString(fn.Name.Name) {
				t.Errorf("%s (%s) starts goroutines but its name does not match RACE_RUN %q: "+
					"name it for what it does at once (…AtOnce, Concurrent…, Simultaneous…), so that it runs under the race detector",
					fn.Name.Name, fset.Position(fn.Pos()), m[1])
			}
		}
	}
	if len(files) == 0 {
		t.Error("found no Go file: the check would pass on anything")
	}
	return concurrent
}

// startsGoroutines reports whether n holds a go statement or uses a
// sync.WaitGroup (whose Go method starts one).
func startsGoroutines(n ast.Node) bool {
	found := false
	ast.Inspect(n, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.GoStmt:
			found = true
		case *ast.SelectorExpr:
			if x, ok := n.X.(*ast.Ident); ok && x.Name == "sync" && n.Sel.Name == "WaitGroup" {
				found = true
			}
		}
		return !found
	})
	return found
}
