package handlers_test

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

// The HTTP tests run without the race detector (it makes the embedded SQLite
// ten times slower); those whose names match the Makefile's RACE_RUN run again
// under it (.ci/go-test). So a test of this package that starts goroutines,
// directly or through sync.WaitGroup, must have such a name, or its races would
// never be looked for.
func TestTestsThatDoThingsAtOnceRunUnderTheRaceDetector(t *testing.T) {
	t.Parallel()
	makefile, err := os.ReadFile("../Makefile")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?m)^RACE_RUN \?= (.+)$`).FindSubmatch(makefile)
	if m == nil {
		t.Fatal("the Makefile has no line RACE_RUN ?= …")
	}
	raceRun := regexp.MustCompile(string(m[1]))

	files, err := filepath.Glob("*_test.go")
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
		for _, d := range f.Decls {
			fn, ok := d.(*ast.FuncDecl)
			if !ok || fn.Recv != nil || !strings.HasPrefix(fn.Name.Name, "Test") || fn.Body == nil {
				continue
			}
			if !startsGoroutines(fn.Body) {
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
	if concurrent == 0 {
		t.Error("found no test that starts goroutines: the check would pass on anything")
	}
}

// startsGoroutines reports whether body holds a go statement or uses a
// sync.WaitGroup (whose Go method starts one).
func startsGoroutines(body *ast.BlockStmt) bool {
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
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
