// Package form reads a form's one declaration: the struct it is bound to,
// whose fields carry the input's name and its Korean label,
//
//	Title string `form:"title" label:"제목"`
//
// in the order the form shows them. The binder (handlers), the views (label,
// value, the error summary's order) and the domain's validation keys all take
// the fields from here; TestEveryFormOfTheRouteTableMatchesItsStruct
// (handlers) holds every form of the route table to its struct.
package form

import (
	"cmp"
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
)

// Field is one input of a form.
type Field struct {
	Name  string // the input's name, from the form tag
	Label string // what the person reads next to it; "" for hidden inputs
	List  bool   // sent once per row or ticked box ([]string)
	index []int  // where it is in the struct (embedded forms included)
}

var declared sync.Map // reflect.Type → []Field

// Fields are the inputs declared by the struct of v (a struct or a pointer to
// one), in declaration order; an embedded struct's fields stand where it does.
func Fields(v any) []Field {
	t := reflect.TypeOf(v)
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if fs, ok := declared.Load(t); ok {
		return fs.([]Field)
	}
	fs := fieldsOf(t, nil)
	declared.Store(t, fs)
	return fs
}

func fieldsOf(t reflect.Type, at []int) []Field {
	var fs []Field
	for i := range t.NumField() {
		sf := t.Field(i)
		index := append(append([]int(nil), at...), i)
		if sf.Anonymous && sf.Type.Kind() == reflect.Struct {
			fs = append(fs, fieldsOf(sf.Type, index)...)
			continue
		}
		name := sf.Tag.Get("form")
		if name == "" {
			continue
		}
		switch k := sf.Type.Kind(); {
		case k == reflect.String, k == reflect.Int, k == reflect.Int64:
		case k == reflect.Slice && sf.Type.Elem().Kind() == reflect.String:
		default:
			panic(fmt.Sprintf("form: field %s of %s is neither string, int nor a list of strings", sf.Name, t))
		}
		fs = append(fs, Field{Name: name, Label: sf.Tag.Get("label"), List: sf.Type.Kind() == reflect.Slice, index: index})
	}
	return fs
}

// Lookup is the field of v named name.
func Lookup(v any, name string) (Field, bool) {
	for _, f := range Fields(v) {
		if f.Name == name {
			return f, true
		}
	}
	return Field{}, false
}

// Key reports whether a validation message may be kept under key in the form
// of v: the form's own message (""), a field's name, or a row of a list field
// (companion_name.2, the third row).
func Key(v any, key string) bool {
	if key == "" {
		return true
	}
	name, row, isRow := strings.Cut(key, ".")
	f, ok := Lookup(v, name)
	if !ok {
		return false
	}
	if !isRow {
		return true
	}
	n, err := strconv.Atoi(row)
	return f.List && err == nil && n >= 0
}

// Values are what the struct of v (a struct or a pointer to one) holds, by
// input name: a string, a number as digits (0 as nothing), every row of a list.
func Values(v any) map[string][]string {
	rv := reflect.ValueOf(v)
	for rv.Kind() == reflect.Pointer {
		rv = rv.Elem()
	}
	out := map[string][]string{}
	for _, f := range Fields(v) {
		fv := rv.FieldByIndex(f.index)
		switch fv.Kind() {
		case reflect.String:
			out[f.Name] = []string{fv.String()}
		case reflect.Int, reflect.Int64: // 0 is no number: an id not chosen, no version yet
			out[f.Name] = []string{""}
			if n := fv.Int(); n != 0 {
				out[f.Name] = []string{strconv.FormatInt(n, 10)}
			}
		case reflect.Slice:
			out[f.Name] = append([]string(nil), fv.Interface().([]string)...)
		}
	}
	return out
}

// Bind copies values into the struct dst points to: a missing field is empty,
// a number that is not one is 0, a list gets every value in order.
func Bind(values map[string][]string, dst any) {
	rv := reflect.ValueOf(dst).Elem()
	for _, f := range Fields(dst) {
		fv := rv.FieldByIndex(f.index)
		var first string
		if vs := values[f.Name]; len(vs) > 0 {
			first = vs[0]
		}
		switch fv.Kind() {
		case reflect.String:
			fv.SetString(first)
		case reflect.Int, reflect.Int64:
			n, _ := strconv.ParseInt(strings.TrimSpace(first), 10, 64)
			fv.SetInt(n)
		case reflect.Slice:
			fv.Set(reflect.ValueOf(append([]string(nil), values[f.Name]...)).Convert(fv.Type()))
		}
	}
}

// Order sorts the keys of a form's messages as the form shows its fields:
// the form's own message first, then by field, a list's rows in order; a key
// that is no field of the form last.
func Order(v any, keys []string) []string {
	rank := map[string]int{}
	for i, f := range Fields(v) {
		rank[f.Name] = i + 1
	}
	pos := func(key string) (int, int) {
		if key == "" {
			return 0, 0
		}
		name, row, _ := strings.Cut(key, ".")
		r, ok := rank[name]
		if !ok {
			return len(rank) + 1, 0
		}
		n, _ := strconv.Atoi(row)
		return r, n
	}
	out := append([]string(nil), keys...)
	slices.SortFunc(out, func(a, b string) int {
		ra, na := pos(a)
		rb, nb := pos(b)
		return cmp.Or(cmp.Compare(ra, rb), cmp.Compare(na, nb), strings.Compare(a, b))
	})
	return out
}
