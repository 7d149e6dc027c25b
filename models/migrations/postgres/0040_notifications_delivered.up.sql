-- Notifications delivered (issue 20): the outbox rows become what each person
-- reads on their 알림 page (read_at) and what the mail sender delivers, at least
-- once: a row is claimed for a while (claimed_until) by one instance, sent with
-- the Message-ID of its mail (mail_id: the first notification a mail carries; a
-- daily digest carries several), and on failure tried again after a growing
-- pause (attempts, next_attempt_at, last_error). Reminders carry a key, so each
-- is made once per person whatever the number of instances. Each person
-- chooses how mail reaches them: at once, once a day, or not at all.

ALTER TABLE users ADD COLUMN notify_mail TEXT NOT NULL DEFAULT 'immediate' CHECK (notify_mail IN ('immediate', 'daily', 'none'));

ALTER TABLE notifications ADD COLUMN record_label TEXT NOT NULL DEFAULT '';
ALTER TABLE notifications ADD COLUMN read_at TIMESTAMPTZ;
ALTER TABLE notifications ADD COLUMN mail_state TEXT NOT NULL DEFAULT 'pending' CHECK (mail_state IN ('pending', 'sent', 'skipped', 'failed'));
ALTER TABLE notifications ADD COLUMN mail_id BIGINT;
ALTER TABLE notifications ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0);
ALTER TABLE notifications ADD COLUMN next_attempt_at TIMESTAMPTZ;
ALTER TABLE notifications ADD COLUMN claimed_until TIMESTAMPTZ;
ALTER TABLE notifications ADD COLUMN last_error TEXT NOT NULL DEFAULT '';
ALTER TABLE notifications ADD COLUMN reminder_key TEXT;

-- Rows written before mail existed were never meant to be sent: a relay
-- configured later must not deliver months of old news.
UPDATE notifications SET mail_state = 'skipped';

CREATE UNIQUE INDEX notifications_reminder_once ON notifications (user_id, reminder_key) WHERE reminder_key IS NOT NULL;
CREATE INDEX notifications_mail_pending_idx ON notifications (next_attempt_at, id) WHERE mail_state = 'pending';
CREATE INDEX notifications_unread_idx ON notifications (user_id) WHERE read_at IS NULL;
