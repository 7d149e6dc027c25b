// Package views renders gyoryu's pages and fragments with templ. Components take
// plain view structs built by the handlers; they never query the database.
package views

import (
	"context"

	"github.com/a-h/templ"
)

// Chrome is what every full page needs around its content.
type Chrome struct {
	Title     string              // the page's own title; the site name is appended
	Asset     func(string) string // maps an asset name to its hashed URL
	Demo      bool                // show the 데모 banner
	CSRFToken string
	User      *SignedInUser
	Path      string    // the current path, for navigation state
	Rounds    []NavLink // the announced rounds, for the public menu
	// HTMXHeaders is the hx-headers value that makes htmx send the CSRF token.
	HTMXHeaders                  string
	HomeURL, LoginURL, LogoutURL string
	// The footer's links and the programme office's inquiry lines.
	PrivacyURL, CopyrightURL, DataURL, FaviconURL string
	Office                                        []OfficeLine
	// Description is the page's meta description and Open Graph description.
	Description string
	// Public marks a public page (handlers' publicChrome); read without an
	// account it loads css/public.css and no scripts (PublicReader).
	Public bool
	// Flash says what the form this page follows did (handlers.formPost): it
	// stands at the top of main, role="status", and takes the focus.
	Flash string
	// Public pages: the page in each language (hreflang), and the header's
	// link to the page in the other language.
	Alternates []Alternate
	Switch     Alternate
}

// Alternate is the page in one language.
type Alternate struct {
	Lang, URL, Label string
}

// OfficeLine is one inquiry line of the programme office in the footer.
type OfficeLine struct {
	Organization, Phone string
}

// SignedInUser is the person using the page, as the header shows them, with
// the links their role may follow.
type SignedInUser struct {
	DisplayName string
	RoleLabel   string
	Ministry    string
	Links       []NavLink
	// NotificationsURL is their 알림 page; Unread its unread count, in the header.
	NotificationsURL string
	Unread           int64
}

// NavLink is one entry of the signed-in menu.
type NavLink struct {
	Label string
	URL   string
	Count int64 // work waiting behind the link, shown beside it when not 0
}

// PublicReader reports whether the page is a public one read without an
// account: its stylesheet is the small css/public.css, trimmed to the public
// templates (static/build.mjs publicViews), and it loads no htmx and no app.js.
// Signed in, the header holds the work menu, which needs app.css.
func (c Chrome) PublicReader() bool {
	return c.Public && c.User == nil
}

// DocumentTitle is the <title>: the page first, then the site.
func (c Chrome) DocumentTitle() string {
	if c.Title == "" {
		return siteName
	}
	return c.Title + " | " + siteName
}

// DocumentTitleIn is the <title> in the page's language.
func (c Chrome) DocumentTitleIn(ctx context.Context) string {
	if c.Title == "" {
		return T(ctx, siteName)
	}
	return c.Title + " | " + T(ctx, siteName)
}

const siteName = "전략적 인사교류 누리집"

// Unknown is how the public site shows a value the source does not publish.
const Unknown = "미공개"

// NotEntered is how work pages show a field nobody has filled in.
const NotEntered = "미입력"

// orNotEntered shows s, or 미입력 when nobody has entered it (it is unknown,
// not known to be absent).
func orNotEntered(s string) string {
	if s == "" {
		return NotEntered
	}
	return s
}

// orNotEnteredAs shows s, or "what 미입력" when nobody has entered it, where
// the value alone would not say what is missing (a badge among badges).
func orNotEnteredAs(what, s string) string {
	if s == "" {
		return what + " 미입력"
	}
	return s
}

// orUnknown shows s, or 미공개 when it is empty.
func orUnknown(s string) string {
	if s == "" {
		return Unknown
	}
	return s
}

// currentPage marks the navigation link of the page being shown.
func currentPage(on bool) templ.Attributes {
	if on {
		return templ.Attributes{"aria-current": "page"}
	}
	return nil
}

// Badge is a status with the tone it is shown in. Every badge goes through
// StatusBadge.
type Badge struct {
	Label string
	Tone  string // one of the Tone constants; empty: primary
	Class string // an extra class naming what the badge shows, e.g. task-status
}

// Badge tones: the KRDS light badge colours.
const (
	TonePrimary     = "bg-light-primary"
	ToneInformation = "bg-light-information"
	ToneSuccess     = "bg-light-success"
	ToneDanger      = "bg-light-danger"
	ToneWarning     = "bg-light-warning"
	ToneGray        = "bg-light-gray"
)

// activeBadge says whether an account or a ministry is in use.
func activeBadge(active bool) Badge {
	if active {
		return Badge{Label: "사용", Tone: ToneSuccess}
	}
	return Badge{Label: "중지", Tone: ToneGray}
}

// publishedBadge says whether a task is on the public site.
func publishedBadge(published bool) Badge {
	if published {
		return Badge{Label: "공개됨", Tone: ToneSuccess}
	}
	return Badge{Label: "비공개", Tone: ToneWarning}
}

func (b Badge) class() string {
	if b.Tone == "" {
		return TonePrimary
	}
	return b.Tone
}

// Topic adds the topic particle 은 or 는 to a Korean phrase, chosen by the
// last syllable (a closing bracket is looked past), as models.Particle does.
func Topic(s string) string {
	return josa(s, "은", "는")
}
