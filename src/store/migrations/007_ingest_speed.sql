-- Letopis schema, version 7: faster bulk imports.

-- Full-text search runs on events (their stored tsvector, migration 005), never on whole document
-- texts; this index only cost a to_tsvector of every document at insert (a tenth of a bulk import).
DROP INDEX IF EXISTS documents_fts;
