-- Store schema v7: a duidingssessie records its peilmaand (`YYYY-MM`), the month its figures
-- are as known at, so opening it later shows what it saw beside the figures as known now.

ALTER TABLE duiding_sessions ADD COLUMN peilmaand VARCHAR;

-- Sessions written before this version: the newest delivered month that was loaded when the
-- session was created (what its figures then stood at); NULL when nothing had been loaded yet.
UPDATE duiding_sessions SET peilmaand = (
  SELECT max(d.periode) FROM deliveries d
  WHERE d.kind IN ('toewijzingen', 'declaraties') AND d.periode IS NOT NULL AND d.loaded_at <= duiding_sessions.created_at
);
