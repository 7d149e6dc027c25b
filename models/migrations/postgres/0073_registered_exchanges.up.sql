-- Exchanges already running (issue 21): an administrator registers (등록) an
-- exchange that started outside the app (round 1 ran from February 2024,
-- before it) straight into 교류 중, without the selection steps, which
-- happened elsewhere. registration keeps why and on what record it was
-- registered ("앱 도입 전 발령"); it is empty for an exchangee selected in the app.

ALTER TABLE nominations ADD COLUMN registration TEXT NOT NULL DEFAULT '';
