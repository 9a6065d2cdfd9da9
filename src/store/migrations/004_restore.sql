-- Letopis schema, version 4: foreign keys become DEFERRABLE (still checked at once unless a
-- transaction says SET CONSTRAINTS ALL DEFERRED), so `letopis restore` can load a dump in id order
-- in one transaction even where a row points at a later one (documents.copy_of, events.merged_into).
DO $$
DECLARE c record;
BEGIN
  FOR c IN
    SELECT con.conname, rel.relname
    FROM pg_constraint con JOIN pg_class rel ON rel.oid = con.conrelid
    WHERE con.contype = 'f' AND rel.relnamespace = current_schema()::regnamespace AND NOT con.condeferrable
  LOOP
    EXECUTE format('ALTER TABLE %I ALTER CONSTRAINT %I DEFERRABLE INITIALLY IMMEDIATE', c.relname, c.conname);
  END LOOP;
END $$;
