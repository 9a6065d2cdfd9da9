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

-- Add (s = 1) or take away (s = -1) one live event's counts, in both tables. Row-level triggers with
-- static SQL, whose plans PL/pgSQL keeps: about as cheap per row as the event's own write, where a
-- statement-level trigger (one grouped upsert per statement) cost milliseconds per statement to plan,
-- too much for the resolver's one-event writes.
CREATE FUNCTION letopis_event_counts_bump(e events, s integer) RETURNS void LANGUAGE plpgsql AS $fn$
BEGIN
  INSERT INTO event_totals AS c (status, type, kind, certainty, region, country, events, participants, detained, charged, fined, sentenced, killed, injured, soldiers, people, facilities, cases)
  VALUES (e.status, e.type, e.kind, e.certainty, e.region, e.country, s,
    s * letopis_count(e.counts, 'participants'), s * letopis_count(e.counts, 'detained'), s * letopis_count(e.counts, 'charged'), s * letopis_count(e.counts, 'fined'),
    s * letopis_count(e.counts, 'sentenced'), s * letopis_count(e.counts, 'killed'), s * letopis_count(e.counts, 'injured'), s * letopis_count(e.counts, 'soldiers'),
    s * letopis_count(e.counts, 'people'), s * letopis_count(e.counts, 'facilities'), s * letopis_count(e.counts, 'cases'))
  ON CONFLICT ON CONSTRAINT event_totals_key DO UPDATE SET events = c.events + excluded.events,
    participants = c.participants + excluded.participants, detained = c.detained + excluded.detained, charged = c.charged + excluded.charged,
    fined = c.fined + excluded.fined, sentenced = c.sentenced + excluded.sentenced, killed = c.killed + excluded.killed,
    injured = c.injured + excluded.injured, soldiers = c.soldiers + excluded.soldiers, people = c.people + excluded.people,
    facilities = c.facilities + excluded.facilities, cases = c.cases + excluded.cases;
  INSERT INTO event_counts AS c (month_lo, month_hi, status, type, kind, certainty, region, country, events, participants, detained, charged, fined, sentenced, killed, injured, soldiers, people, facilities, cases)
  VALUES (left(e.date_lo, 7), left(e.date_hi, 7), e.status, e.type, e.kind, e.certainty, e.region, e.country, s,
    s * letopis_count(e.counts, 'participants'), s * letopis_count(e.counts, 'detained'), s * letopis_count(e.counts, 'charged'), s * letopis_count(e.counts, 'fined'),
    s * letopis_count(e.counts, 'sentenced'), s * letopis_count(e.counts, 'killed'), s * letopis_count(e.counts, 'injured'), s * letopis_count(e.counts, 'soldiers'),
    s * letopis_count(e.counts, 'people'), s * letopis_count(e.counts, 'facilities'), s * letopis_count(e.counts, 'cases'))
  ON CONFLICT ON CONSTRAINT event_counts_key DO UPDATE SET events = c.events + excluded.events,
    participants = c.participants + excluded.participants, detained = c.detained + excluded.detained, charged = c.charged + excluded.charged,
    fined = c.fined + excluded.fined, sentenced = c.sentenced + excluded.sentenced, killed = c.killed + excluded.killed,
    injured = c.injured + excluded.injured, soldiers = c.soldiers + excluded.soldiers, people = c.people + excluded.people,
    facilities = c.facilities + excluded.facilities, cases = c.cases + excluded.cases;
END $fn$;

CREATE FUNCTION letopis_event_counts_row() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  IF TG_OP <> 'INSERT' AND OLD.merged_into IS NULL AND OLD.retired_at IS NULL THEN
    PERFORM letopis_event_counts_bump(OLD, -1);
  END IF;
  IF TG_OP <> 'DELETE' AND NEW.merged_into IS NULL AND NEW.retired_at IS NULL THEN
    PERFORM letopis_event_counts_bump(NEW, 1);
  END IF;
  RETURN NULL;
END $fn$;

CREATE FUNCTION letopis_event_counts_truncate() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  DELETE FROM event_counts;
  DELETE FROM event_totals;
  RETURN NULL;
END $fn$;

CREATE TRIGGER events_counts_insert AFTER INSERT ON events FOR EACH ROW EXECUTE FUNCTION letopis_event_counts_row();
CREATE TRIGGER events_counts_delete AFTER DELETE ON events FOR EACH ROW EXECUTE FUNCTION letopis_event_counts_row();
-- Most updates (summary, sources, version, search text) change nothing counted: the WHEN clause
-- skips them without calling the function.
CREATE TRIGGER events_counts_update AFTER UPDATE ON events FOR EACH ROW
  WHEN ((OLD.status, OLD.type, OLD.kind, OLD.certainty, OLD.region, OLD.country, left(OLD.date_lo, 7), left(OLD.date_hi, 7),
         OLD.counts, OLD.merged_into IS NULL, OLD.retired_at IS NULL)
        IS DISTINCT FROM
        (NEW.status, NEW.type, NEW.kind, NEW.certainty, NEW.region, NEW.country, left(NEW.date_lo, 7), left(NEW.date_hi, 7),
         NEW.counts, NEW.merged_into IS NULL, NEW.retired_at IS NULL))
  EXECUTE FUNCTION letopis_event_counts_row();
CREATE TRIGGER events_counts_truncate AFTER TRUNCATE ON events FOR EACH STATEMENT EXECUTE FUNCTION letopis_event_counts_truncate();

-- The events stored so far, grouped at once (in key order, so each group's rows start together).
INSERT INTO event_totals (status, type, kind, certainty, region, country, events, participants, detained, charged, fined, sentenced, killed, injured, soldiers, people, facilities, cases)
SELECT status, type, kind, certainty, region, country, count(*),
  sum(letopis_count(counts, 'participants')), sum(letopis_count(counts, 'detained')), sum(letopis_count(counts, 'charged')), sum(letopis_count(counts, 'fined')),
  sum(letopis_count(counts, 'sentenced')), sum(letopis_count(counts, 'killed')), sum(letopis_count(counts, 'injured')), sum(letopis_count(counts, 'soldiers')),
  sum(letopis_count(counts, 'people')), sum(letopis_count(counts, 'facilities')), sum(letopis_count(counts, 'cases'))
FROM events WHERE merged_into IS NULL AND retired_at IS NULL
GROUP BY status, type, kind, certainty, region, country
ORDER BY status, type, kind, certainty, region, country;
INSERT INTO event_counts (month_lo, month_hi, status, type, kind, certainty, region, country, events, participants, detained, charged, fined, sentenced, killed, injured, soldiers, people, facilities, cases)
SELECT left(date_lo, 7), left(date_hi, 7), status, type, kind, certainty, region, country, count(*),
  sum(letopis_count(counts, 'participants')), sum(letopis_count(counts, 'detained')), sum(letopis_count(counts, 'charged')), sum(letopis_count(counts, 'fined')),
  sum(letopis_count(counts, 'sentenced')), sum(letopis_count(counts, 'killed')), sum(letopis_count(counts, 'injured')), sum(letopis_count(counts, 'soldiers')),
  sum(letopis_count(counts, 'people')), sum(letopis_count(counts, 'facilities')), sum(letopis_count(counts, 'cases'))
FROM events WHERE merged_into IS NULL AND retired_at IS NULL
GROUP BY status, type, kind, certainty, region, country, 1, 2
ORDER BY status, type, kind, certainty, region, country, 1, 2;

-- The planner needs the new column's statistics (lexeme frequencies) to choose between the GIN
-- index and the date order; without them the first searches may take the slow path.
ANALYZE events;
ANALYZE event_counts;
ANALYZE event_totals;
