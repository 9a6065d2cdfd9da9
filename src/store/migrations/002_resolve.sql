-- Letopis schema, version 2: cross-source resolution.

-- MinHash LSH bands of each document's word shingles: documents sharing a band are checked for
-- near-duplication (reposts, forwards, light edits) without comparing every pair.
CREATE TABLE document_lsh (
  band        integer NOT NULL,
  document_id integer NOT NULL REFERENCES documents(id),
  PRIMARY KEY (band, document_id)
);
CREATE INDEX document_lsh_document ON document_lsh (document_id);
CREATE INDEX documents_copy_of ON documents (copy_of) WHERE copy_of IS NOT NULL;

-- Set when no current record supports the event any more (its document was edited and the claim
-- is gone). Kept, never deleted; hidden from lists; cleared when a record links to it again.
ALTER TABLE events ADD COLUMN retired_at timestamptz;

-- Candidate lookup for incremental resolution: same kind and type, overlapping dates.
CREATE INDEX events_match ON events (kind, type, date_lo, date_hi) WHERE merged_into IS NULL;
CREATE INDEX events_tally ON events (measure, type, country) WHERE kind = 'tally' AND merged_into IS NULL;

-- A document edited after extraction is extracted again with the same extractor version: only its
-- current records need distinct ordinals (the superseded ones stay as history).
ALTER TABLE records DROP CONSTRAINT IF EXISTS records_document_id_extractor_version_ordinal_key;
CREATE UNIQUE INDEX records_current_ordinal ON records (document_id, extractor_version, ordinal) WHERE superseded_at IS NULL;
