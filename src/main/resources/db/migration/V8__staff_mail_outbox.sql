-- Staff mails (pages, SLA escalations) go through the outbox too, so that a retried job never mails twice.
-- Their deliveries name the staff member as 'staff+<user id>' (a customer id never holds a '+').
ALTER TABLE notice_delivery ALTER COLUMN customer_id SET DATA TYPE VARCHAR(128);
