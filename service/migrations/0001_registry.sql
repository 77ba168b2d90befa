-- Registry schema, version 1: tokens, filed lists and their versions, the filing log.
-- Migrations are applied in file-name order at start; PRAGMA user_version records the last one.

CREATE TABLE tokens (
  id           INTEGER PRIMARY KEY,
  hash         TEXT NOT NULL UNIQUE,          -- SHA-256 of the token, hex; the token itself is never stored
  role         TEXT NOT NULL CHECK (role IN ('province-admin', 'city-drafter', 'reader')),
  jurisdiction TEXT NOT NULL,
  created_at   TEXT NOT NULL,
  revoked_at   TEXT
);

CREATE TABLE lists (
  jurisdiction   TEXT PRIMARY KEY,
  level          TEXT NOT NULL CHECK (level IN ('province', 'city')),
  name           TEXT NOT NULL,
  active_version INTEGER                      -- versions.id; set in the transaction that records it
);

CREATE TABLE versions (
  id            INTEGER PRIMARY KEY,
  jurisdiction  TEXT NOT NULL,
  number        INTEGER NOT NULL,             -- 1, 2, … per jurisdiction
  content_hash  TEXT NOT NULL,                -- SHA-256 over the file names and texts
  filed_by      INTEGER NOT NULL,             -- tokens.id
  filed_at      TEXT NOT NULL,
  audit_summary TEXT NOT NULL,                -- JSON
  UNIQUE (jurisdiction, number)
);

CREATE TABLE version_files (
  version INTEGER NOT NULL REFERENCES versions (id),
  name    TEXT NOT NULL,
  text    TEXT NOT NULL,
  PRIMARY KEY (version, name)
);

CREATE TABLE version_rules (
  version INTEGER NOT NULL REFERENCES versions (id),
  rule    TEXT NOT NULL,
  digest  TEXT NOT NULL,                      -- SHA-256 of the rule's compiled content
  PRIMARY KEY (version, rule)
);

CREATE TABLE filings (
  id           INTEGER PRIMARY KEY,
  jurisdiction TEXT NOT NULL,
  token        INTEGER NOT NULL,
  submitted_at TEXT NOT NULL,
  content_hash TEXT NOT NULL,
  status       TEXT NOT NULL CHECK (status IN ('accepted', 'rejected')),
  version      INTEGER REFERENCES versions (id),
  report       TEXT NOT NULL                  -- JSON: diagnostics, findings, summary
);

-- The filing log is append-only.
CREATE TRIGGER filings_no_update BEFORE UPDATE ON filings
BEGIN SELECT RAISE(ABORT, 'the filing log is append-only'); END;
CREATE TRIGGER filings_no_delete BEFORE DELETE ON filings
BEGIN SELECT RAISE(ABORT, 'the filing log is append-only'); END;
