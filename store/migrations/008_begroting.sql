-- Store schema v8: each gemeente's budget for youth care per reporting row and year, as its
-- council set it (delivery kind `begroting`, docs/budget.md). Like `bevolking` it has no
-- delivery month: a later delivery replaces the (gemeente, jaar) budgets it holds.

CREATE TABLE begroting (
  gemeente_code VARCHAR NOT NULL,
  jaar INTEGER NOT NULL,
  segment VARCHAR NOT NULL,           -- a reporting row (contract/rows.ts)
  bedrag DECIMAL(14, 2) NOT NULL,     -- euros, 0 or more
  delivery_id INTEGER NOT NULL,
  PRIMARY KEY (gemeente_code, jaar, segment)
);
