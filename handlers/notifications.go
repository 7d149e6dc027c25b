package handlers

import (
	"net/http"
	"net/url"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/gyoryu/gyoryu/models"
	"github.com/gyoryu/gyoryu/views"
)

// Notifications is the person's 알림 page: what the app told them and how
// they want it by e-mail.
func (h *Handlers) Notifications(c echo.Context) error {
	u := currentUser(c)
	pref := u.NotifyMail
	if pref == "" {
		pref = models.NotifyImmediately
	}
	page, err := h.notificationsPage(c, views.NewForm(models.NotifyMailInput{NotifyMail: string(pref)}, nil))
	if err != nil {
		return err
	}
	return render(c, http.StatusOK, views.Notifications(page), nil)
}

func (h *Handlers) notificationsPage(c echo.Context, form views.Form) (views.NotificationsPage, error) {
	u := currentUser(c)
	ctx := c.Request().Context()
	links := urlsOf(c)
	p := pageParam(c)
	list, total, err := h.store.Notifications(ctx, u.ID, p)
	if err != nil {
		return views.NotificationsPage{}, err
	}
	unread, err := h.store.UnreadNotifications(ctx, u.ID)
	if err != nil {
		return views.NotificationsPage{}, err
	}
	page := views.NotificationsPage{Chrome: h.chrome(c, pageTitle(c, "알림")), Unread: unread, ReadAllURL: links.to("notifications.read"),
		SettingsURL: links.to("notifications.settings"), Form: form, MailOff: !h.cfg.MailOn, NoAddress: u.Email == ""}
	for _, choice := range models.NotifyMailChoices {
		page.Choices = append(page.Choices, views.Option{Value: string(choice), Label: choice.Label()})
	}
	record := RecordPath(c.Echo())
	for _, n := range list {
		row := views.NotificationRow{Subject: n.Subject, Label: n.RecordLabel, At: n.CreatedAt.In(models.Seoul).Format("2006-01-02 15:04"),
			Unread: n.ReadAt == nil, ReadURL: links.to("notification.read", n.ID), MailState: mailStateWords(n, h.cfg.MailOn)}
		if n.RecordID != nil {
			row.URL = record(n.RecordType, *n.RecordID)
		}
		page.Rows = append(page.Rows, row)
	}
	page.Pager = pager(p, total, func(n int) string {
		return links.query("notifications", url.Values{"page": {strconv.Itoa(n)}})
	})
	return page, nil
}

// mailStateWords says what became of a notification's e-mail, when there is
// something to say.
func mailStateWords(n models.Notification, mailOn bool) string {
	switch {
	case !mailOn:
		return ""
	case n.MailState == models.MailSent && n.SentAt != nil:
		return "메일 보냄 " + n.SentAt.In(models.Seoul).Format("2006-01-02 15:04")
	case n.MailState == models.MailFailed:
		return "메일을 보내지 못했습니다"
	}
	return ""
}

// NotificationRead marks one notification read.
func (h *Handlers) NotificationRead(c echo.Context) error {
	id, err := idParam(c, "id")
	if err != nil {
		return err
	}
	return postForm(h, c, formPost[struct{}]{Save: func(*struct{}) (saved, error) {
		err := h.store.MarkNotificationsRead(c.Request().Context(), currentUser(c).ID, id)
		return saved{next: urlsOf(c).to("notifications"), say: "알림을 읽음으로 표시했습니다."}, err
	}})
}

// NotificationsRead marks every notification of the person read.
func (h *Handlers) NotificationsRead(c echo.Context) error {
	return postForm(h, c, formPost[struct{}]{Save: func(*struct{}) (saved, error) {
		err := h.store.MarkNotificationsRead(c.Request().Context(), currentUser(c).ID, 0)
		return saved{next: urlsOf(c).to("notifications"), say: "알림을 모두 읽음으로 표시했습니다."}, err
	}})
}

// NotificationSettings saves how the person wants notifications by e-mail.
func (h *Handlers) NotificationSettings(c echo.Context) error {
	return postForm(h, c, formPost[models.NotifyMailInput]{
		Save: func(in *models.NotifyMailInput) (saved, error) {
			p := models.NotifyMail(in.NotifyMail)
			err := h.store.SetNotifyMail(c.Request().Context(), currentUser(c).ID, p)
			say := "알림 메일 받는 방법을 저장했습니다: " + p.Label() + "."
			if p == models.NotifyNever {
				say = "알림 메일을 받지 않도록 저장했습니다. 알림은 이 페이지에서 확인할 수 있습니다."
			}
			return saved{next: urlsOf(c).to("notifications"), say: say}, err
		},
		Form: func(status int, in *models.NotifyMailInput, errs views.Errors) error {
			page, err := h.notificationsPage(c, views.NewForm(*in, errs))
			if err != nil {
				return err
			}
			return render(c, status, views.Notifications(page), nil)
		},
	})
}

// RecordPath is the path of a notification's record page in router e: the
// nomination, the evaluation cycle, or for a round the proposal form.
func RecordPath(e *echo.Echo) func(recordType string, id int64) string {
	u := urls{e: e}
	return func(recordType string, id int64) string {
		switch recordType {
		case models.RecordNomination:
			return u.to("nomination", id)
		case models.RecordEvaluation:
			return u.to("evaluation", id)
		case models.RecordRound:
			return u.to("proposal.new")
		}
		return ""
	}
}
