-- Demo on-call schedules (local profile only): per skill group a weekly rotation of two technicians, handing
-- off on Mondays at 09:00 Berlin time; the secondary schedule has the same two a week apart, so whoever is not
-- primary is secondary. The users are demo users (security.DemoUsers).
INSERT INTO oncall_schedule (id, name, time_zone) VALUES
    ('application-primary',   'Application primary',   'Europe/Berlin'),
    ('application-secondary', 'Application secondary', 'Europe/Berlin'),
    ('database-primary',      'Database primary',      'Europe/Berlin'),
    ('database-secondary',    'Database secondary',    'Europe/Berlin'),
    ('network-primary',       'Network primary',       'Europe/Berlin'),
    ('network-secondary',     'Network secondary',     'Europe/Berlin');

INSERT INTO oncall_layer (schedule_id, layer_index, name, start_date, end_date, handoff_time, rotation) VALUES
    ('application-primary',   0, 'Weekly', DATE '2026-01-05', NULL, TIME '09:00:00', 'weekly'),
    ('application-secondary', 0, 'Weekly', DATE '2026-01-12', NULL, TIME '09:00:00', 'weekly'),
    ('database-primary',      0, 'Weekly', DATE '2026-01-05', NULL, TIME '09:00:00', 'weekly'),
    ('database-secondary',    0, 'Weekly', DATE '2026-01-12', NULL, TIME '09:00:00', 'weekly'),
    ('network-primary',       0, 'Weekly', DATE '2026-01-05', NULL, TIME '09:00:00', 'weekly'),
    ('network-secondary',     0, 'Weekly', DATE '2026-01-12', NULL, TIME '09:00:00', 'weekly');

-- Tom is in every group: he is primary for application and network in the same weeks, for database in the others.
INSERT INTO oncall_layer_member (schedule_id, layer_index, member_index, user_id) VALUES
    ('application-primary',   0, 0, 'tom'),
    ('application-primary',   0, 1, 'amy'),
    ('application-secondary', 0, 0, 'tom'),
    ('application-secondary', 0, 1, 'amy'),
    ('database-primary',      0, 0, 'dan'),
    ('database-primary',      0, 1, 'tom'),
    ('database-secondary',    0, 0, 'dan'),
    ('database-secondary',    0, 1, 'tom'),
    ('network-primary',       0, 0, 'tom'),
    ('network-primary',       0, 1, 'nia'),
    ('network-secondary',     0, 0, 'tom'),
    ('network-secondary',     0, 1, 'nia');
