-- Store schema v1: the delivered records, the load history and the region's reference data.
-- Only rows of the active delivery per (kind, gemeente, periode) live in the record tables;
-- replaced deliveries remain in `deliveries` as history.

CREATE TABLE meta (
  key VARCHAR PRIMARY KEY,
  value VARCHAR NOT NULL
);

CREATE SEQUENCE delivery_seq START 1;

CREATE TABLE deliveries (
  delivery_id INTEGER PRIMARY KEY,
  kind VARCHAR NOT NULL,            -- toewijzingen | declaraties | bevolking
  gemeente_code VARCHAR,            -- NULL for bevolking (may hold many gemeenten)
  periode VARCHAR,                  -- YYYY-MM; NULL for bevolking
  file_name VARCHAR NOT NULL,
  file_hash VARCHAR NOT NULL,       -- sha256 of the file's bytes
  row_count INTEGER NOT NULL,
  loaded_at TIMESTAMP NOT NULL,
  loaded_by VARCHAR,
  status VARCHAR NOT NULL,          -- active | replaced
  replaced_by INTEGER,
  replaced_at TIMESTAMP
);

CREATE TABLE toewijzingen (
  delivery_id INTEGER NOT NULL,
  gemeente_code VARCHAR NOT NULL,
  periode VARCHAR NOT NULL,
  toewijzing_id VARCHAR NOT NULL,
  client_id VARCHAR NOT NULL,
  geboortejaar SMALLINT NOT NULL,
  aanbieder_agb VARCHAR NOT NULL,
  aanbieder_naam VARCHAR,
  productcategorie VARCHAR NOT NULL,
  productcode VARCHAR NOT NULL,
  begindatum DATE NOT NULL,
  einddatum DATE,
  reden_einde VARCHAR,
  verwijzer VARCHAR NOT NULL
);

CREATE TABLE declaraties (
  delivery_id INTEGER NOT NULL,
  gemeente_code VARCHAR NOT NULL,
  periode VARCHAR NOT NULL,
  declaratie_id VARCHAR NOT NULL,
  toewijzing_id VARCHAR NOT NULL,
  client_id VARCHAR NOT NULL,
  productcode VARCHAR NOT NULL,
  prestatie_begin DATE NOT NULL,
  prestatie_eind DATE NOT NULL,
  volume DOUBLE NOT NULL,
  eenheid VARCHAR NOT NULL,
  bedrag DECIMAL(14, 2) NOT NULL
);

CREATE TABLE bevolking (
  gemeente_code VARCHAR NOT NULL,
  jaar INTEGER NOT NULL,
  jeugd_0_17 INTEGER NOT NULL,
  delivery_id INTEGER NOT NULL,
  PRIMARY KEY (gemeente_code, jaar)
);

-- Reference data copied from the region configuration each time the store is opened.
CREATE TABLE region_gemeenten (
  gemeente_code VARCHAR PRIMARY KEY,
  naam VARCHAR NOT NULL
);

CREATE TABLE region_products (
  productcode VARCHAR NOT NULL,
  productcategorie VARCHAR NOT NULL,
  segment VARCHAR NOT NULL,
  subsegment VARCHAR NOT NULL,
  omschrijving VARCHAR NOT NULL,
  geldig_van DATE NOT NULL,
  geldig_tot DATE               -- inclusive; NULL = open
);
