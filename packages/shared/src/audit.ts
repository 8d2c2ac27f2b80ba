import { z } from 'zod';
import { isoDateSchema } from './common.ts';

/**
 * The audit trail as the API reads it: `audit.history` (every change of one record) and `audit.changes`
 * (the public feed of recent changes). The pure part — who an actor string stands for — lives here so
 * the API and the web read it the same way.
 */
export const AUDIT_ENTITIES = [
  'project',
  'event',
  'funding',
  'organization',
  'source',
  'rate',
  'user',
] as const;
export const auditEntitySchema = z.enum(AUDIT_ENTITIES);
export type AuditEntity = z.infer<typeof auditEntitySchema>;

export const AUDIT_ACTIONS = ['create', 'update', 'delete', 'restore'] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** A page of audit entries: the cursor is the id of the last entry of the previous page. */
const auditCursorSchema = z
  .string()
  .regex(/^\d{1,18}$/, 'Malformed cursor: not a cursor returned by this API')
  .nullish();

export const auditHistoryInputSchema = z.object({
  entity: auditEntitySchema,
  /** A uuid, a user id, or `CUR-YEAR` for an exchange rate. */
  id: z.string().trim().min(1).max(200),
  cursor: auditCursorSchema,
  limit: z.number().int().min(1).max(500, 'At most 500 entries per page').default(200),
});
export type AuditHistoryInput = z.input<typeof auditHistoryInputSchema>;

export const auditChangesInputSchema = z
  .object({
    entity: auditEntitySchema.nullish(),
    /** The actor exactly as stored: a user id, `seed`, `import:<run id>`, `cli:<name>`. */
    actor: z.string().trim().min(1).max(200).nullish(),
    /** Calendar days (UTC), both inclusive. */
    from: isoDateSchema.nullish(),
    to: isoDateSchema.nullish(),
    cursor: auditCursorSchema,
    limit: z.number().int().min(1).max(200, 'At most 200 entries per page').default(50),
  })
  .refine((input) => !input.from || !input.to || input.from <= input.to, {
    message: 'The end date is before the start date',
    path: ['to'],
  });
export type AuditChangesInput = z.input<typeof auditChangesInputSchema>;

export type ActorKind = 'user' | 'seed' | 'import' | 'cli' | 'system';

/**
 * What an actor string stands for. Users are stored by their id; processes by a name: `seed` (the demo
 * data), `import:<run id>` (an import run), `cli:<login>` (the import command line). Anything else
 * that is not a user id is a process of its own (`system`).
 */
export function actorKind(actor: string): { kind: Exclude<ActorKind, 'user'>; ref: string | null } | null {
  if (actor === 'seed') return { kind: 'seed', ref: null };
  if (actor.startsWith('import:')) return { kind: 'import', ref: actor.slice('import:'.length) || null };
  if (actor.startsWith('cli:')) return { kind: 'cli', ref: actor.slice('cli:'.length) || null };
  return null;
}

/** The stored audit id of an exchange rate: `AZN-2019`. */
export const rateAuditId = (currency: string, year: number) => `${currency}-${year}`;
