-- The rest of what an alert tells about the problem, so that the incident's process can read it from the
-- alert that opened it instead of being started with a dozen variables inside the intake's transaction.
ALTER TABLE alert ADD COLUMN description TEXT;
ALTER TABLE alert ADD COLUMN customer_impact BOOLEAN DEFAULT FALSE NOT NULL;
