-- Store schema v5: the national reference (docs/reference.md). One row per figure as its source
-- gives it: indicator and segment in the export's names ('alle' = every jeugdhulp trajectory),
-- the year as the source dates it, and the area (NL, or a region/gemeente code as CBS writes it).
-- A figure stays traceable: the table it comes from and the column(s) it was read or derived from.

CREATE TABLE reference_figures (
  indicator VARCHAR NOT NULL,
  segment VARCHAR NOT NULL,
  year INTEGER NOT NULL,
  area VARCHAR NOT NULL,
  value DOUBLE NOT NULL,
  source_table VARCHAR NOT NULL,      -- CBS table id (85098NED) or 'PA-B1' for the Prioritaire Agenda's Bijlage 1
  source_title VARCHAR NOT NULL,
  source_column VARCHAR NOT NULL,     -- the CBS column key(s) and selections the value was read or derived from
  provisional BOOLEAN NOT NULL,
  retrieved_at TIMESTAMP NOT NULL,
  PRIMARY KEY (indicator, segment, year, area, source_table)
);
