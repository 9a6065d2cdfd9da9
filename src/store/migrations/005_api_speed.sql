-- Letopis schema, version 5: full-text search and aggregates that stay fast at a million events.

-- 1. Full-text search reads a stored tsvector instead of computing to_tsvector per row. With only the
-- expression index, a search ordered by date lets the planner walk the date order and recompute
-- every row's tsvector until it has a page (seconds at 1M rows). The column is generated, so every
-- writer keeps it current without knowing about it; backups skip generated columns, and the store
-- reads events by an explicit column list (EVENT_COLUMNS) so rows never carry it around.
ALTER TABLE events ADD COLUMN search_tsv tsvector GENERATED ALWAYS AS (letopis_fts(NULL, search_text)) STORED;
DROP INDEX IF EXISTS events_fts;
CREATE INDEX events_search ON events USING gin (search_tsv);

-- 2. Event counts per month span, type, kind, status, certainty and place, with the sums of their
-- counts: what an aggregate over type/kind/status/certainty/region/country/month filters reads instead
-- of every event (src/store/aggregates.ts; other filters, weeks and the partial months at the edges
-- of a date range still read the events). Only live events (not merged away, not retired) count.
-- Derived data: kept out of backups and rebuilt from the events by the triggers below on restore.
CREATE TABLE event_counts (
  month_lo    text,             -- left(date_lo, 7); NULL for undated events
  month_hi    text,             -- left(date_hi, 7)
  type        text NOT NULL,
  kind        text NOT NULL,
  status      text NOT NULL,
  certainty   text NOT NULL,
  country     text,
  region      text,
  events      integer NOT NULL, -- 0 once every event of the group has gone: such rows are ignored
  participants double precision NOT NULL DEFAULT 0,
  detained     double precision NOT NULL DEFAULT 0,
  charged      double precision NOT NULL DEFAULT 0,
  fined        double precision NOT NULL DEFAULT 0,
  sentenced    double precision NOT NULL DEFAULT 0,
  killed       double precision NOT NULL DEFAULT 0,
  injured      double precision NOT NULL DEFAULT 0,
  soldiers     double precision NOT NULL DEFAULT 0,
  people       double precision NOT NULL DEFAULT 0,
  facilities   double precision NOT NULL DEFAULT 0,
  cases        double precision NOT NULL DEFAULT 0,
  CONSTRAINT event_counts_key UNIQUE NULLS NOT DISTINCT (status, type, kind, certainty, region, country, month_lo, month_hi)
);

-- A count of an event as a number; anything else (there should be nothing else) counts as 0.
CREATE FUNCTION letopis_count(counts jsonb, k text) RETURNS double precision
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT CASE WHEN jsonb_typeof(counts -> k) = 'number' THEN (counts ->> k)::double precision ELSE 0 END $$;

-- Statement-level triggers with transition tables: one grouped upsert per statement, whatever the
-- number of rows (bulk imports insert thousands at once). An UPDATE that leaves every counted column
-- as it was (summary, sources, version...) nets to zero and writes nothing. Groups are written in key
-- order, so two transactions touching the same groups lock them in the same order.
CREATE FUNCTION letopis_event_counts_apply() RETURNS trigger LANGUAGE plpgsql AS $fn$
DECLARE
  live constant text := ' WHERE merged_into IS NULL AND retired_at IS NULL';
  cols constant text := 'left(date_lo, 7) AS month_lo, left(date_hi, 7) AS month_hi, type, kind, status, certainty, country, region, counts';
  src text;
BEGIN
  IF TG_OP = 'TRUNCATE' THEN
    DELETE FROM event_counts;
    RETURN NULL;
  END IF;
  -- The transition tables (new_rows, old_rows) exist only for the operations that have them.
  src := CASE TG_OP
    WHEN 'INSERT' THEN 'SELECT ' || cols || ', 1 AS sign FROM new_rows' || live
    WHEN 'DELETE' THEN 'SELECT ' || cols || ', -1 AS sign FROM old_rows' || live
    ELSE 'SELECT ' || cols || ', 1 AS sign FROM new_rows' || live || ' UNION ALL SELECT ' || cols || ', -1 FROM old_rows' || live
  END;
  EXECUTE $q$
    INSERT INTO event_counts AS c (month_lo, month_hi, type, kind, status, certainty, country, region, events,
      participants, detained, charged, fined, sentenced, killed, injured, soldiers, people, facilities, cases)
    SELECT * FROM (
      SELECT month_lo, month_hi, type, kind, status, certainty, country, region, sum(sign)::int AS events,
        sum(sign * letopis_count(counts, 'participants')) AS participants, sum(sign * letopis_count(counts, 'detained')) AS detained,
        sum(sign * letopis_count(counts, 'charged')) AS charged, sum(sign * letopis_count(counts, 'fined')) AS fined,
        sum(sign * letopis_count(counts, 'sentenced')) AS sentenced, sum(sign * letopis_count(counts, 'killed')) AS killed,
        sum(sign * letopis_count(counts, 'injured')) AS injured, sum(sign * letopis_count(counts, 'soldiers')) AS soldiers,
        sum(sign * letopis_count(counts, 'people')) AS people, sum(sign * letopis_count(counts, 'facilities')) AS facilities,
        sum(sign * letopis_count(counts, 'cases')) AS cases
      FROM ($q$ || src || $q$) d
      GROUP BY status, type, kind, certainty, region, country, month_lo, month_hi
    ) g
    WHERE (events, participants, detained, charged, fined, sentenced, killed, injured, soldiers, people, facilities, cases)
      IS DISTINCT FROM (0, 0::float8, 0::float8, 0::float8, 0::float8, 0::float8, 0::float8, 0::float8, 0::float8, 0::float8, 0::float8, 0::float8)
    ORDER BY status, type, kind, certainty, region, country, month_lo, month_hi
    ON CONFLICT ON CONSTRAINT event_counts_key DO UPDATE SET
      events = c.events + excluded.events,
      participants = c.participants + excluded.participants, detained = c.detained + excluded.detained,
      charged = c.charged + excluded.charged, fined = c.fined + excluded.fined, sentenced = c.sentenced + excluded.sentenced,
      killed = c.killed + excluded.killed, injured = c.injured + excluded.injured, soldiers = c.soldiers + excluded.soldiers,
      people = c.people + excluded.people, facilities = c.facilities + excluded.facilities, cases = c.cases + excluded.cases$q$;
  RETURN NULL;
END $fn$;

CREATE TRIGGER events_counts_insert AFTER INSERT ON events REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION letopis_event_counts_apply();
CREATE TRIGGER events_counts_update AFTER UPDATE ON events REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION letopis_event_counts_apply();
CREATE TRIGGER events_counts_delete AFTER DELETE ON events REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION letopis_event_counts_apply();
CREATE TRIGGER events_counts_truncate AFTER TRUNCATE ON events
  FOR EACH STATEMENT EXECUTE FUNCTION letopis_event_counts_apply();

-- The counts of the events stored so far.
INSERT INTO event_counts (month_lo, month_hi, type, kind, status, certainty, country, region, events,
  participants, detained, charged, fined, sentenced, killed, injured, soldiers, people, facilities, cases)
SELECT left(date_lo, 7), left(date_hi, 7), type, kind, status, certainty, country, region, count(*),
  sum(letopis_count(counts, 'participants')), sum(letopis_count(counts, 'detained')), sum(letopis_count(counts, 'charged')),
  sum(letopis_count(counts, 'fined')), sum(letopis_count(counts, 'sentenced')), sum(letopis_count(counts, 'killed')),
  sum(letopis_count(counts, 'injured')), sum(letopis_count(counts, 'soldiers')), sum(letopis_count(counts, 'people')),
  sum(letopis_count(counts, 'facilities')), sum(letopis_count(counts, 'cases'))
FROM events WHERE merged_into IS NULL AND retired_at IS NULL
GROUP BY 1, 2, type, kind, status, certainty, country, region;

-- The planner needs the new column's statistics (lexeme frequencies) to choose between the GIN
-- index and the date order; without them the first searches may take the slow path.
ANALYZE events;
ANALYZE event_counts;
