-- Subscriptions from the public status page, confirmed by mail (double opt-in) before they count.
CREATE TABLE status_subscription (
    token         VARCHAR(64)   PRIMARY KEY,
    email         VARCHAR(320)  NOT NULL,
    service_id    VARCHAR(64)   NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    confirmed_at  TIMESTAMP WITH TIME ZONE
);
