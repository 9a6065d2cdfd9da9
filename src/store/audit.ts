/** The append-only audit log (a trigger refuses UPDATE and DELETE on it). */
import type { Kysely } from 'kysely';
import type { AuditRow, DB } from './schema.js';

export interface AuditEntry {
  actor: string;
  action: string;
  entity: 'event' | 'document' | 'record' | 'user' | 'system';
  entityId: string | number | null;
  before?: unknown;
  after?: unknown;
}

export async function appendAudit(db: Kysely<DB>, e: AuditEntry): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      actor: e.actor,
      action: e.action,
      entity: e.entity,
      entity_id: e.entityId === null ? null : String(e.entityId),
      before: e.before === undefined ? null : JSON.stringify(e.before),
      after: e.after === undefined ? null : JSON.stringify(e.after),
    })
    .execute();
}

/** Every entry about one entity, oldest first. */
export async function auditOf(db: Kysely<DB>, entity: string, entityId: string | number): Promise<AuditRow[]> {
  return db
    .selectFrom('audit_log')
    .selectAll()
    .where('entity', '=', entity)
    .where('entity_id', '=', String(entityId))
    .orderBy('id')
    .execute();
}
