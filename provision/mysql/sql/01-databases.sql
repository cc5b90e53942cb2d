-- The platform's databases. Django's migrations (the Migrate target) create the tables in edxapp.
CREATE DATABASE IF NOT EXISTS edxapp CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
