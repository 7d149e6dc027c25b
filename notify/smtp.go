package notify

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"net/url"
	"strconv"
	"time"

	gomail "github.com/wneessen/go-mail"
)

// Relay is the SMTP server mail goes through, from SMTP_URL:
//
//	smtp://user:pass@relay.example:587     STARTTLS, required (the default)
//	smtps://user:pass@relay.example:465    TLS from the first byte
//	smtp://127.0.0.1:1025?tls=none         no TLS: only a relay on this machine
type Relay struct {
	Host     string
	Port     int
	Username string
	Password string
	Implicit bool // smtps: TLS from the first byte
	NoTLS    bool // tls=none
	// TLS replaces the TLS settings (tests trust their own certificate with it).
	TLS *tls.Config
}

// ParseRelay reads an SMTP_URL. The password never appears in its errors.
func ParseRelay(raw string) (Relay, error) {
	u, err := url.Parse(raw)
	if err != nil {
		return Relay{}, errors.New("SMTP_URL must be smtp://user:pass@host:port or smtps://…")
	}
	r := Relay{Host: u.Hostname()}
	switch u.Scheme {
	case "smtp":
		r.Port = 587
	case "smtps":
		r.Port, r.Implicit = 465, true
	default:
		return Relay{}, fmt.Errorf("SMTP_URL must start with smtp:// or smtps://, got %q", u.Redacted())
	}
	if r.Host == "" {
		return Relay{}, fmt.Errorf("SMTP_URL has no host: %q", u.Redacted())
	}
	if p := u.Port(); p != "" {
		if r.Port, err = strconv.Atoi(p); err != nil || r.Port < 1 || r.Port > 65535 {
			return Relay{}, fmt.Errorf("SMTP_URL has a bad port: %q", u.Redacted())
		}
	}
	if u.User != nil {
		r.Username = u.User.Username()
		r.Password, _ = u.User.Password()
	}
	switch tlsMode := u.Query().Get("tls"); tlsMode {
	case "", "starttls":
	case "none":
		if r.Implicit {
			return Relay{}, errors.New("SMTP_URL: smtps:// with tls=none contradicts itself")
		}
		ip := net.ParseIP(r.Host)
		if r.Host != "localhost" && (ip == nil || !ip.IsLoopback()) {
			// A password or a mail sent in clear over a network is not an option.
			return Relay{}, fmt.Errorf("SMTP_URL: tls=none is only for a relay on this machine (localhost), got %q", u.Redacted())
		}
		r.NoTLS = true
	default:
		return Relay{}, fmt.Errorf("SMTP_URL: tls must be starttls or none, got %q", tlsMode)
	}
	return r, nil
}

// String is the relay's address without its password, for logs.
func (r Relay) String() string {
	scheme := "smtp"
	if r.Implicit {
		scheme = "smtps"
	}
	return scheme + "://" + net.JoinHostPort(r.Host, strconv.Itoa(r.Port))
}

// client makes a go-mail client for one round of sending.
func (r Relay) client(timeout time.Duration) (*gomail.Client, error) {
	opts := []gomail.Option{gomail.WithPort(r.Port), gomail.WithTimeout(timeout)}
	switch {
	case r.Implicit:
		opts = append(opts, gomail.WithSSL())
	case r.NoTLS:
		opts = append(opts, gomail.WithTLSPolicy(gomail.NoTLS))
	default:
		opts = append(opts, gomail.WithTLSPolicy(gomail.TLSMandatory))
	}
	if r.TLS != nil {
		opts = append(opts, gomail.WithTLSConfig(r.TLS))
	}
	if r.Username != "" {
		opts = append(opts, gomail.WithSMTPAuth(gomail.SMTPAuthAutoDiscover),
			gomail.WithUsername(r.Username), gomail.WithPassword(r.Password))
	}
	return gomail.NewClient(r.Host, opts...)
}

// outcome is what became of one message.
type outcome struct {
	err  error
	temp bool // worth trying again later
}

// send delivers the messages over one connection and says, for each, whether
// it went and if not whether to try again. A connection that cannot be made
// fails them all for now.
func (r Relay) send(ctx context.Context, timeout time.Duration, msgs []*gomail.Msg) []outcome {
	out := make([]outcome, len(msgs))
	c, err := r.client(timeout)
	if err == nil {
		err = c.DialWithContext(ctx)
	}
	if err != nil {
		for i := range out {
			out[i] = outcome{err: fmt.Errorf("connect to %s: %w", r, err), temp: true}
		}
		return out
	}
	defer func() { _ = c.Close() }()
	_ = c.Send(msgs...) // each message keeps its own error
	for i, m := range msgs {
		if m.HasSendError() {
			out[i] = outcome{err: m.SendError(), temp: !refusedForGood(m.SendError())}
		}
	}
	return out
}

// refusedForGood reports whether the server refused with a permanent reply
// (5xx, e.g. no such mailbox); a 4xx reply, a broken connection or a timeout
// is worth another attempt.
func refusedForGood(err error) bool {
	var se *gomail.SendError
	if !errors.As(err, &se) {
		return false
	}
	code := se.ErrorCode()
	return code >= 500 && code < 600
}
