-- Nothing anyone could log in with: no anonymous users, no test database.
DELETE FROM mysql.global_priv WHERE User = '';
DROP DATABASE IF EXISTS test;
FLUSH PRIVILEGES;
