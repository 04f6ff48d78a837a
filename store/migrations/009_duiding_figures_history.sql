-- Store schema v9: a duiding keeps the figures it was written beside, its changes, and its
-- place after a delete.
--  * `figures_at_writing`: JSON {peilmaand, data_version, values: [{indicator, value, suppressed}]},
--    so a duiding written in June can later show "bij schrijven … , nu …" after the July loads.
--    NULL for duiding written before this version: what stood beside it then is not known.
--  * `deleted_at` / `deleted_by`: a delete keeps the row (its actions, and the history, still
--    point at it); every read of duiding leaves deleted rows out.
--  * `duiding_history`: every write (geschreven, gewijzigd, verwijderd) with who, when and the
--    content before and after, as JSON.
--  * `duiding_action_history.session_id`: the duidingssessie in which a status was set, so the
--    report can say "voorgesteld in A, lopend sinds B, afgerond in C".

ALTER TABLE duiding ADD COLUMN figures_at_writing VARCHAR;
ALTER TABLE duiding ADD COLUMN deleted_at TIMESTAMP;
ALTER TABLE duiding ADD COLUMN deleted_by VARCHAR;

CREATE TABLE duiding_history (
  duiding_id INTEGER NOT NULL,
  change VARCHAR NOT NULL,          -- geschreven | gewijzigd | verwijderd
  changed_by VARCHAR NOT NULL,
  changed_at TIMESTAMP NOT NULL,
  before_json VARCHAR,              -- NULL for geschreven
  after_json VARCHAR                -- NULL for verwijderd
);

-- Duiding written before this version start their history with how they read now (earlier
-- edits were not kept).
INSERT INTO duiding_history
SELECT duiding_id, 'geschreven', author, created_at, NULL,
       to_json({'kind': kind, 'segment': segment, 'gemeente_code': gemeente_code, 'period': period,
                'indicator': indicator, 'text': text, 'session_id': session_id})::VARCHAR
FROM duiding;

ALTER TABLE duiding_action_history ADD COLUMN session_id INTEGER;
