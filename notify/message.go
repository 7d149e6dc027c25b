package notify

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"

	gomail "github.com/wneessen/go-mail"

	"github.com/gyoryu/gyoryu/models"
)

// subjectPrefix starts every subject, so that people can filter the mails.
const subjectPrefix = "[전략적 인사교류] "

// MessageID is a mail's Message-ID without brackets: the same for every
// attempt at one mail, so a retry is recognisable, and unique per mail.
func MessageID(mailID int64, host string) string {
	return "notification-" + strconv.FormatInt(mailID, 10) + "@" + host
}

// message builds the e-mail of one mail. It names the records and links to
// them; the notifications hold no personal data of exchangees and neither
// does anything added here.
func (s *Sender) message(m models.Mail) (*gomail.Msg, error) {
	msg := gomail.NewMsg(gomail.WithNoDefaultUserAgent())
	if err := msg.From(s.cfg.From); err != nil {
		return nil, fmt.Errorf("MAIL_FROM %q: %w", s.cfg.From, err)
	}
	if err := msg.AddToFormat(m.To.DisplayName, m.To.Email); err != nil {
		return nil, fmt.Errorf("address of user %d: %w", m.To.ID, err)
	}
	msg.SetMessageIDWithValue(MessageID(m.ID, s.host))
	msg.SetDate()
	msg.SetGenHeader("Auto-Submitted", "auto-generated")
	msg.SetBulk()
	var body strings.Builder
	fmt.Fprintf(&body, "%s님,\n\n", m.To.DisplayName)
	if m.Digest {
		msg.Subject(subjectPrefix + "알림 " + strconv.Itoa(len(m.Notifications)) + "건")
		fmt.Fprintf(&body, "새 알림이 %d건 있습니다.\n\n", len(m.Notifications))
	} else {
		msg.Subject(subjectPrefix + m.Notifications[0].Subject)
	}
	for _, n := range m.Notifications {
		if m.Digest {
			fmt.Fprintf(&body, "- %s\n  ", n.Subject)
		} else {
			fmt.Fprintf(&body, "%s\n\n", n.Subject)
		}
		if n.RecordLabel != "" {
			body.WriteString(n.RecordLabel + "\n")
			if m.Digest {
				body.WriteString("  ")
			}
		}
		if link := s.recordURL(n); link != "" {
			body.WriteString(link + "\n")
		}
		body.WriteString("\n")
	}
	fmt.Fprintf(&body, "알림은 %s 에서도 볼 수 있고, 메일을 받는 방법(즉시, 하루 한 번 모아서, 받지 않음)도 그곳에서 바꿀 수 있습니다.\n"+
		"이 메일은 전략적 인사교류 누리집이 보냈습니다. 회신하지 마십시오.\n", s.absolute(s.cfg.NotificationsPath))
	msg.SetBodyString(gomail.TypeTextPlain, body.String())
	return msg, nil
}

// recordURL is the absolute address of the notification's record, or "".
func (s *Sender) recordURL(n models.Notification) string {
	if n.RecordID == nil || s.cfg.RecordPath == nil {
		return ""
	}
	p := s.cfg.RecordPath(n.RecordType, *n.RecordID)
	if p == "" {
		return ""
	}
	return s.absolute(p)
}

// absolute joins a path to BASE_URL.
func (s *Sender) absolute(path string) string {
	u := *s.base
	ref, err := url.Parse(path)
	if err != nil {
		return ""
	}
	return u.ResolveReference(ref).String()
}
