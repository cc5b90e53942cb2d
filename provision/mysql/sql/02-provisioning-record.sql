-- Records what this image was provisioned with, so a deployment can tell a seeded database from an empty one.
CREATE TABLE IF NOT EXISTS edxapp.mooc_provisioning (
  name VARCHAR(64) PRIMARY KEY,
  value VARCHAR(255) NOT NULL,
  provisioned_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
);
INSERT INTO edxapp.mooc_provisioning (name, value) VALUES ('seed', 'mooc reference platform')
  ON DUPLICATE KEY UPDATE value = VALUES(value);
