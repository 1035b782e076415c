-- Demo customers (local profile only): who hears about which service's incidents.
INSERT INTO customer (id, name, email) VALUES
    ('acme',    'Acme Retail',      'ops@acme.example'),
    ('globex',  'Globex Travel',    'it@globex.example'),
    ('initech', 'Initech Software', 'helpdesk@initech.example'),
    ('umbrella','Umbrella Health',  'noc@umbrella.example');

INSERT INTO customer_subscription (customer_id, service_id) VALUES
    ('acme',     'checkout'),
    ('acme',     'login'),
    ('globex',   'checkout'),
    ('globex',   'search'),
    ('initech',  'search'),
    ('umbrella', 'login');
