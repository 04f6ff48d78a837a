-- Store schema v3: the status history of actions (who moved an action to which status, when),
-- so a duidingssessie can see how an improvement proposal was carried out.

CREATE TABLE duiding_action_history (
  action_id INTEGER NOT NULL,
  status VARCHAR NOT NULL,          -- open | lopend | afgerond | vervallen
  changed_by VARCHAR NOT NULL,
  changed_at TIMESTAMP NOT NULL
);

-- Actions written before this version start their history with their current status.
INSERT INTO duiding_action_history
SELECT action_id, status, updated_by, updated_at FROM duiding_actions;
