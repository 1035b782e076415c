-- One outbox for every mail about an incident, customer notices and staff mails alike. Each mail names the
-- kind of its recipients: staff deliveries no longer pose as customers named 'staff+<user id>', and what
-- customers were sent can be told from staff mail without pattern matching.
ALTER TABLE notice RENAME TO outbox_mail;
ALTER TABLE outbox_mail RENAME COLUMN notice_key TO mail_key;
ALTER TABLE outbox_mail RENAME CONSTRAINT notice_once TO outbox_mail_once;
ALTER TABLE outbox_mail ADD COLUMN recipient_kind VARCHAR(16) DEFAULT 'CUSTOMER' NOT NULL;

ALTER TABLE notice_delivery RENAME TO outbox_delivery;
ALTER TABLE outbox_delivery RENAME COLUMN notice_id TO mail_id;
ALTER TABLE outbox_delivery RENAME COLUMN customer_id TO recipient_id;
ALTER TABLE outbox_delivery RENAME CONSTRAINT notice_delivery_once TO outbox_delivery_once;
ALTER INDEX notice_delivery_due_idx RENAME TO outbox_delivery_due_idx;

UPDATE outbox_mail SET recipient_kind = 'STAFF'
WHERE id IN (SELECT mail_id FROM outbox_delivery WHERE recipient_id LIKE 'staff+%');
UPDATE outbox_delivery SET recipient_id = SUBSTRING(recipient_id FROM 7) WHERE recipient_id LIKE 'staff+%';
