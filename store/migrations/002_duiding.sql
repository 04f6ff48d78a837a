-- Store schema v2: what people write about the figures (duiding), the sessions where they
-- wrote it, and the actions that follow from improvement proposals. These tables are never
-- touched by a data load, so a reload of every delivery keeps them; their own version
-- (`duiding_version`) lets HTTP caches tell their changes apart from data changes.

CREATE SEQUENCE duiding_seq START 1;
CREATE SEQUENCE session_seq START 1;
CREATE SEQUENCE action_seq START 1;

CREATE TABLE duiding_sessions (
  session_id INTEGER PRIMARY KEY,
  session_date DATE NOT NULL,
  title VARCHAR NOT NULL,
  organisations VARCHAR NOT NULL,   -- JSON array of organisation names
  agenda VARCHAR NOT NULL,          -- JSON array of agenda items (indicator, row, gemeente, view)
  created_by VARCHAR NOT NULL,
  created_at TIMESTAMP NOT NULL,
  updated_by VARCHAR NOT NULL,
  updated_at TIMESTAMP NOT NULL
);

CREATE TABLE duiding (
  duiding_id INTEGER PRIMARY KEY,
  kind VARCHAR NOT NULL,            -- verklaring | signaal | verbetervoorstel
  segment VARCHAR NOT NULL,         -- reporting row
  gemeente_code VARCHAR NOT NULL,   -- GMxxxx or REGIO
  period VARCHAR NOT NULL,          -- YYYY or YYYY-MM
  indicator VARCHAR,                -- optional indicator id
  text VARCHAR NOT NULL,
  session_id INTEGER,               -- optional duidingssessie
  author VARCHAR NOT NULL,
  created_at TIMESTAMP NOT NULL,
  updated_by VARCHAR NOT NULL,
  updated_at TIMESTAMP NOT NULL
);

CREATE TABLE duiding_actions (
  action_id INTEGER PRIMARY KEY,
  duiding_id INTEGER NOT NULL,      -- the verbetervoorstel it follows from
  title VARCHAR NOT NULL,
  owner_organisation VARCHAR NOT NULL,
  due_date DATE,
  status VARCHAR NOT NULL,          -- open | lopend | afgerond | vervallen
  created_by VARCHAR NOT NULL,
  created_at TIMESTAMP NOT NULL,
  updated_by VARCHAR NOT NULL,
  updated_at TIMESTAMP NOT NULL
);

INSERT INTO meta VALUES ('duiding_version', '0') ON CONFLICT (key) DO NOTHING;
