import type { Db } from './client.ts';
import { auditEntries } from './schema.ts';

export type AuditAction = 'create' | 'update' | 'delete' | 'restore';

/** Writes one audit entry; call it inside the transaction that makes the change. */
export async function writeAudit(
  tx: Db,
  entry: {
    actor: string;
    entity: string;
    entityId: string;
    action: AuditAction;
    before?: unknown;
    after?: unknown;
  },
): Promise<void> {
  await tx.insert(auditEntries).values({
    actor: entry.actor,
    entity: entry.entity,
    entityId: entry.entityId,
    action: entry.action,
    before: entry.before ?? null,
    after: entry.after ?? null,
  });
}
