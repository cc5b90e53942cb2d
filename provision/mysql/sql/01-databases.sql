-- The platform's databases. Django's migrations (the Migrate target) create the tables: the LMS's in
-- edxapp, the forum's in forum (its own schema and user, as Open edX's forum keeps its own store).
CREATE DATABASE IF NOT EXISTS edxapp CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE DATABASE IF NOT EXISTS forum CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
