-- A status page subscription's confirmation mail goes through the outbox: such a mail belongs to no incident.
ALTER TABLE outbox_mail ALTER COLUMN incident_id DROP NOT NULL;
-- Who asked (a hash of the client's address), so that requests can be limited per client as per address.
ALTER TABLE status_subscription ADD COLUMN client VARCHAR(64);
CREATE INDEX status_subscription_email_idx ON status_subscription (email, created_at);
CREATE INDEX status_subscription_client_idx ON status_subscription (client, created_at);
