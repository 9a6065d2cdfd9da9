-- Letopis schema, version 1. PostgreSQL dialect: runs on PGlite and on a PostgreSQL server alike.

-- Full-text search over Russian and English at once: the `russian` configuration stems Cyrillic words
-- with the Russian Snowball stemmer and ASCII words with the English one. Bodies are cut at 100k
-- characters because a tsvector may not exceed 1 MB.
CREATE FUNCTION letopis_fts(title text, body text) RETURNS tsvector
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT to_tsvector('russian'::regconfig, coalesce(title, '') || ' ' || left(coalesce(body, ''), 100000)) $$;

CREATE TABLE documents (
  id             integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  source_kind    text NOT NULL,
  source_name    text,
  source_ref     text NOT NULL,
  url            text,
  title          text,
  lang           text,
  published_at   timestamptz,
  text           text NOT NULL,
  sha256         text NOT NULL UNIQUE,           -- of the normalised text: the same content is stored once
  forwarded_from text,
  edited_at      timestamptz,
  copy_of        integer REFERENCES documents(id), -- near-duplicate (repost, forward, light edit) of another document
  meta           jsonb NOT NULL DEFAULT '{}',
  ingested_at    timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now(),
  UNIQUE (source_kind, source_ref)
);
CREATE INDEX documents_fts ON documents USING gin (letopis_fts(title, text));
CREATE INDEX documents_published ON documents (published_at);

CREATE TABLE records (
  id                integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  document_id       integer NOT NULL REFERENCES documents(id),
  ordinal           integer NOT NULL,            -- position of the record in its document's extraction
  kind              text NOT NULL CHECK (kind IN ('incident', 'tally')),
  type              text NOT NULL,
  date_start        text,
  date_end          text,
  date_precision    text NOT NULL,
  country           text,
  region            text,
  settlement        text,
  lat               double precision,
  lon               double precision,
  actors            jsonb NOT NULL DEFAULT '[]',
  target            text,
  counts            jsonb NOT NULL DEFAULT '{}',
  measure           text,
  value             double precision,
  qualifier         text,
  certainty         text NOT NULL,
  attribution       jsonb NOT NULL DEFAULT '[]',
  evidence_start    integer NOT NULL,
  evidence_end      integer NOT NULL,
  evidence_text     text NOT NULL,
  summary           text NOT NULL DEFAULT '',
  extractor_version text NOT NULL,
  created_at        timestamptz NOT NULL DEFAULT now(),
  superseded_at     timestamptz,                 -- a later extraction replaced it; kept, never deleted
  UNIQUE (document_id, extractor_version, ordinal)
);
CREATE INDEX records_document ON records (document_id);
CREATE INDEX records_current ON records (type, region, date_start) WHERE superseded_at IS NULL;

CREATE TABLE events (
  id                  integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  kind                text NOT NULL CHECK (kind IN ('incident', 'tally')),
  type                text NOT NULL,
  date_start          text,
  date_end            text,
  date_precision      text NOT NULL DEFAULT 'unknown',
  country             text,
  region              text,
  settlement          text,
  lat                 double precision,
  lon                 double precision,
  actors              jsonb NOT NULL DEFAULT '[]',
  target              text,
  counts              jsonb NOT NULL DEFAULT '{}',
  measure             text,
  value               double precision,
  qualifier           text,
  certainty           text NOT NULL DEFAULT 'reported',
  attribution         jsonb NOT NULL DEFAULT '[]',
  summary             text NOT NULL DEFAULT '',
  -- the first and last day the event may fall on, for range filters over partial dates
  date_lo             text GENERATED ALWAYS AS (CASE length(date_start) WHEN 4 THEN date_start || '-01-01'
                        WHEN 7 THEN date_start || '-01' ELSE date_start END) STORED,
  date_hi             text GENERATED ALWAYS AS (CASE length(coalesce(date_end, date_start)) WHEN 4 THEN coalesce(date_end, date_start) || '-12-31'
                        WHEN 7 THEN coalesce(date_end, date_start) || '-31' ELSE coalesce(date_end, date_start) END) STORED,
  search_text         text NOT NULL DEFAULT '', -- summary, evidence and place names, for full-text search
  status              text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published', 'rejected')),
  disputed            boolean NOT NULL DEFAULT false,
  independent_sources integer NOT NULL DEFAULT 1,
  source_count        integer NOT NULL DEFAULT 1,
  locked_fields       jsonb NOT NULL DEFAULT '[]', -- fields an editor set: resolution never overwrites them
  merged_into         integer REFERENCES events(id), -- set when an editor merged this event into another
  version             integer NOT NULL DEFAULT 1,    -- optimistic concurrency for editors
  created_at          timestamptz NOT NULL DEFAULT now(),
  updated_at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX events_list ON events (status, date_lo DESC, id DESC);
CREATE INDEX events_type ON events (type, date_lo);
CREATE INDEX events_region ON events (region, date_lo);
CREATE INDEX events_fts ON events USING gin (letopis_fts(NULL, search_text));

CREATE TABLE event_records (
  record_id  integer PRIMARY KEY REFERENCES records(id), -- a record belongs to one event at a time
  event_id   integer NOT NULL REFERENCES events(id),
  linked_by  text NOT NULL DEFAULT 'resolver',           -- 'resolver' or the editor who linked it
  linked_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX event_records_event ON event_records (event_id);

-- Append-only: who did what, when, with the state before and after.
CREATE TABLE audit_log (
  id         integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at         timestamptz NOT NULL DEFAULT now(),
  actor      text NOT NULL,
  action     text NOT NULL,
  entity     text NOT NULL,
  entity_id  text,
  before     jsonb,
  after      jsonb
);
CREATE INDEX audit_log_entity ON audit_log (entity, entity_id, id);

CREATE FUNCTION letopis_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only (% refused)', TG_OP;
END $$;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION letopis_audit_append_only();

CREATE TABLE users (
  id            integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name          text NOT NULL UNIQUE,
  password_hash text NOT NULL,
  role          text NOT NULL DEFAULT 'editor' CHECK (role IN ('editor', 'admin')),
  created_at    timestamptz NOT NULL DEFAULT now(),
  disabled_at   timestamptz
);

CREATE TABLE sessions (
  token_hash text PRIMARY KEY,  -- SHA-256 of the cookie value: a database leak does not leak sessions
  user_id    integer NOT NULL REFERENCES users(id),
  csrf       text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);
