-- A customer can stop the periodic status updates (the first notice, workaround and all-clear still come).
ALTER TABLE customer ADD COLUMN updates_opt_out BOOLEAN DEFAULT FALSE NOT NULL;
