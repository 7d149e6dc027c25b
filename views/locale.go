package views

import (
	"context"
	"fmt"
	"io"
	"regexp"

	"github.com/a-h/templ"
	"golang.org/x/text/language"
	"golang.org/x/text/message"
	"golang.org/x/text/message/catalog"
)

// The public site speaks Korean and English. Page text is written in Korean
// where it is used (the message key) and translated in one catalogue,
// catalog_en.go; a public page in English gets its language from the request's
// context (WithLang), and every UI string goes through T. Values from the
// records (position and task titles, themes, outcomes) stay as published, in
// Korean, marked lang="ko" by Data.

// Lang is a page language, as written in <html lang>.
type Lang string

// The public site's languages.
const (
	Korean  Lang = "ko"
	English Lang = "en"
)

type langKey struct{}

// WithLang is ctx for a page in lang.
func WithLang(ctx context.Context, lang Lang) context.Context {
	return context.WithValue(ctx, langKey{}, lang)
}

// LangOf is the language of the page being built in ctx; Korean unless set.
func LangOf(ctx context.Context) Lang {
	if ctx == nil {
		return Korean
	}
	if l, ok := ctx.Value(langKey{}).(Lang); ok {
		return l
	}
	return Korean
}

// InEnglish reports whether ctx builds an English page.
func InEnglish(ctx context.Context) bool { return LangOf(ctx) == English }

var english = message.NewPrinter(language.English, message.Catalog(catalogue()))

func catalogue() catalog.Catalog {
	b := catalog.NewBuilder(catalog.Fallback(language.Korean))
	for ko, en := range englishText {
		if err := b.SetString(language.English, ko, en); err != nil {
			panic(fmt.Sprintf("views: catalogue entry %q: %v", ko, err))
		}
	}
	return b
}

// T is the UI string key (Korean, with fmt verbs for args) in the page's
// language. A key the catalogue lacks shows in Korean, which the tests of the
// English pages catch.
func T(ctx context.Context, key string, args ...any) string {
	if InEnglish(ctx) {
		return english.Sprintf(key, args...)
	}
	if len(args) == 0 {
		return key
	}
	return fmt.Sprintf(key, args...)
}

// Word is T for a key chosen at run time (a label, a category, a status):
// a fixed word without fmt verbs.
func Word(ctx context.Context, key string) string {
	if en, ok := englishText[key]; ok && InEnglish(ctx) {
		return en
	}
	return key
}

// Translated reports whether the catalogue has an English text for key.
func Translated(key string) bool {
	_, ok := englishText[key]
	return ok
}

// hangulRun is a stretch of text from one Hangul syllable to the last one
// before a Latin letter: a Korean value inside an English sentence.
var hangulRun = regexp.MustCompile(`[\p{Hangul}][^A-Za-z]*[\p{Hangul}]|[\p{Hangul}]`)

// HasHangul reports whether s holds Korean script.
func HasHangul(s string) bool { return hangulRun.MatchString(s) }

// Data shows a value from the records as it is. On an English page every
// Korean stretch of it is marked lang="ko", so that screen readers read it
// as Korean; on a Korean page it is plain text.
func Data(s string) templ.Component {
	return templ.ComponentFunc(func(ctx context.Context, w io.Writer) error {
		if !InEnglish(ctx) {
			_, err := io.WriteString(w, templ.EscapeString(s))
			return err
		}
		last := 0
		for _, m := range hangulRun.FindAllStringIndex(s, -1) {
			if _, err := io.WriteString(w, templ.EscapeString(s[last:m[0]])+`<span lang="ko">`+templ.EscapeString(s[m[0]:m[1]])+`</span>`); err != nil {
				return err
			}
			last = m[1]
		}
		_, err := io.WriteString(w, templ.EscapeString(s[last:]))
		return err
	})
}

// Term is a word the records hold from a short list (a contact's 책임자 or
// 담당자): the catalogue's English where it has one, else the word as it is.
func Term(s string) templ.Component {
	return templ.ComponentFunc(func(ctx context.Context, w io.Writer) error {
		if InEnglish(ctx) && Translated(s) {
			_, err := io.WriteString(w, templ.EscapeString(Word(ctx, s)))
			return err
		}
		return Data(s).Render(ctx, w)
	})
}
