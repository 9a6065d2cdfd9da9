-- Letopis schema, version 5: full-text search and aggregates that stay fast at a million events.

-- 1. Full-text search reads a stored tsvector instead of computing to_tsvector per row. With only the
-- expression index, a search ordered by date lets the planner walk the date order and recompute
-- every row's tsvector until it has a page (seconds at 1M rows). The column is generated, so every
-- writer keeps it current without knowing about it; backups skip generated columns, and the store
-- reads events by an explicit column list (EVENT_COLUMNS) so rows never carry it around.
ALTER TABLE events ADD COLUMN search_tsv tsvector GENERATED ALWAYS AS (letopis_fts(NULL, search_text)) STORED;
DROP INDEX IF EXISTS events_fts;
CREATE INDEX events_search ON events USING gin (search_tsv);

-- 2. Event counts with the sums of their counts, kept by triggers in the transaction that writes the
-- events, so an aggregate reads a few hundred or thousand groups instead of every event
-- (src/store/aggregates.ts). event_totals groups by type, kind, status, certainty and place; event_counts
-- also by month span, for date ranges and months. Other filters (settlement, actor, full text), weeks
-- and the partial months at the edges of a date range still read the events. Only live events (not
-- merged away, not retired) count. Derived data: kept out of backups and rebuilt by the triggers
-- below as a restore inserts the events. A group whose events have all gone stays, with 0 events.
CREATE TABLE event_totals (
  type        text NOT NULL,
  kind        text NOT NULL,
  status      text NOT NULL,
  certainty   text NOT NULL,
  country     text,
  region      text,
  events      integer NOT NULL,
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
  CONSTRAINT event_totals_key UNIQUE NULLS NOT DISTINCT (status, type, kind, certainty, region, country)
) WITH (fillfactor = 50); -- room on each page, so updates of a group stay on its page (HOT)

CREATE TABLE event_counts (
  month_lo    text,             -- left(date_lo, 7); NULL for undated events
  month_hi    text,             -- left(date_hi, 7)
  LIKE event_totals INCLUDING DEFAULTS,
  CONSTRAINT event_counts_key UNIQUE NULLS NOT DISTINCT (status, type, kind, certainty, region, country, month_lo, month_hi)
) WITH (fillfactor = 70);

-- A count of an event as a number; anything else (there should be nothing else) counts as 0.
CREATE FUNCTION letopis_count(counts jsonb, k text) RETURNS double precision
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT CASE WHEN jsonb_typeof(counts -> k) = 'number' THEN (counts ->> k)::double precision ELSE 0 END $$;

-- The statements that add the signed rows of the query `src` (columns: month_lo, month_hi, type, kind,
-- status, certainty, country, region, counts, sign) to both tables: one grouped upsert per table.
-- Groups whose net change is zero (an UPDATE of the summary, the sources, the version...) are not
-- written at all. Groups are written in key order, so two transactions touching the same groups lock
-- them in the same order. (The trigger runs them itself: transition tables are visible only there.)
CREATE FUNCTION letopis_event_counts_sql(src text) RETURNS text[] LANGUAGE plpgsql IMMUTABLE AS $fn$
DECLARE
  sums constant text := $s$
    sum(sign * letopis_count(counts, 'participants')) AS participants, sum(sign * letopis_count(counts, 'detained')) AS detained,
    sum(sign * letopis_count(counts, 'charged')) AS charged, sum(sign * letopis_count(counts, 'fined')) AS fined,
    sum(sign * letopis_count(counts, 'sentenced')) AS sentenced, sum(sign * letopis_count(counts, 'killed')) AS killed,
    sum(sign * letopis_count(counts, 'injured')) AS injured, sum(sign * letopis_count(counts, 'soldiers')) AS soldiers,
    sum(sign * letopis_count(counts, 'people')) AS people, sum(sign * letopis_count(counts, 'facilities')) AS facilities,
    sum(sign * letopis_count(counts, 'cases')) AS cases$s$;
  nonzero constant text := $s$
    (events, participants, detained, charged, fined, sentenced, killed, injured, soldiers, people, facilities, cases)
      IS DISTINCT FROM (0, 0::float8, 0::float8, 0::float8, 0::float8, 0::float8, 0::float8, 0::float8, 0::float8, 0::float8, 0::float8, 0::float8)$s$;
  sets constant text := $s$
    events = c.events + excluded.events,
    participants = c.participants + excluded.participants, detained = c.detained + excluded.detained,
    charged = c.charged + excluded.charged, fined = c.fined + excluded.fined, sentenced = c.sentenced + excluded.sentenced,
    killed = c.killed + excluded.killed, injured = c.injured + excluded.injured, soldiers = c.soldiers + excluded.soldiers,
    people = c.people + excluded.people, facilities = c.facilities + excluded.facilities, cases = c.cases + excluded.cases$s$;
  all_cols constant text := 'events, participants, detained, charged, fined, sentenced, killed, injured, soldiers, people, facilities, cases';
  k text;
  out text[] := '{}';
BEGIN
  FOREACH k IN ARRAY ARRAY['status, type, kind, certainty, region, country', 'status, type, kind, certainty, region, country, month_lo, month_hi'] LOOP
    out := out || format(
      'INSERT INTO %I AS c (%s, %s) SELECT * FROM (SELECT %s, sum(sign)::int AS events, %s FROM (%s) d GROUP BY %s) g WHERE %s ORDER BY %s
       ON CONFLICT ON CONSTRAINT %I DO UPDATE SET %s',
      CASE WHEN k LIKE '%month%' THEN 'event_counts' ELSE 'event_totals' END, k, all_cols, k, sums, src, k, nonzero, k,
      CASE WHEN k LIKE '%month%' THEN 'event_counts_key' ELSE 'event_totals_key' END, sets);
  END LOOP;
  RETURN out;
END $fn$;

-- Statement-level triggers with transition tables: one grouped upsert per statement and table,
-- whatever the number of rows (bulk imports insert thousands at once).
CREATE FUNCTION letopis_event_counts_apply() RETURNS trigger LANGUAGE plpgsql AS $fn$
DECLARE
  live constant text := ' WHERE merged_into IS NULL AND retired_at IS NULL';
  cols constant text := 'left(date_lo, 7) AS month_lo, left(date_hi, 7) AS month_hi, type, kind, status, certainty, country, region, counts';
  stmt text;
BEGIN
  IF TG_OP = 'TRUNCATE' THEN
    DELETE FROM event_counts;
    DELETE FROM event_totals;
    RETURN NULL;
  END IF;
  -- The transition tables (new_rows, old_rows) exist only for the operations that have them.
  FOREACH stmt IN ARRAY letopis_event_counts_sql(CASE TG_OP
    WHEN 'INSERT' THEN 'SELECT ' || cols || ', 1 AS sign FROM new_rows' || live
    WHEN 'DELETE' THEN 'SELECT ' || cols || ', -1 AS sign FROM old_rows' || live
    ELSE 'SELECT ' || cols || ', 1 AS sign FROM new_rows' || live || ' UNION ALL SELECT ' || cols || ', -1 FROM old_rows' || live
  END) LOOP
    EXECUTE stmt;
  END LOOP;
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

-- The events stored so far.
DO $$
DECLARE stmt text;
BEGIN
  FOREACH stmt IN ARRAY letopis_event_counts_sql('SELECT left(date_lo, 7) AS month_lo, left(date_hi, 7) AS month_hi, type, kind, status,
    certainty, country, region, counts, 1 AS sign FROM events WHERE merged_into IS NULL AND retired_at IS NULL') LOOP
    EXECUTE stmt;
  END LOOP;
END $$;

-- The planner needs the new column's statistics (lexeme frequencies) to choose between the GIN
-- index and the date order; without them the first searches may take the slow path.
ANALYZE events;
ANALYZE event_counts;
ANALYZE event_totals;
