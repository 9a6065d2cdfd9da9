-- Letopis schema, version 7: faster bulk imports. Indexes no query reads cost every insert.

-- Full-text search runs on events (their stored tsvector, migration 005), never on whole document
-- texts; this index only cost a to_tsvector of every document at insert (a tenth of a bulk import).
DROP INDEX IF EXISTS documents_fts;
-- Records are read by id, by document or all in id order; events are what is filtered by type,
-- region, date or publication day.
DROP INDEX IF EXISTS records_current;
DROP INDEX IF EXISTS documents_published;
