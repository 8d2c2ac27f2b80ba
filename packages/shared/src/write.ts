import { z } from 'zod';
import { idSchema } from './common.ts';

/**
 * The envelopes every write procedure shares. A record's form values are its `create…Schema`;
 * `update` sends the whole set of values with the version it was read at (a stale version is refused
 * with CONFLICT and the current values), `delete`/`restore` send the version too.
 */
export const versionSchema = z.number().int().min(1, 'Version must be ≥ 1');

/** A source cited by a record, with an optional quote that supports the fact. */
export const sourceRefSchema = z.object({
  sourceId: idSchema,
  quote: z.string().trim().max(2000).nullish(),
});
export type SourceRef = z.input<typeof sourceRefSchema>;

/** Every project, event and funding row cites at least one source. */
export const citedSourcesSchema = z
  .array(sourceRefSchema)
  .min(1, 'Cite at least one source')
  .max(100)
  .refine((refs) => new Set(refs.map((r) => r.sourceId)).size === refs.length, 'A source is cited twice');

export const updateInputSchema = <T extends z.ZodType>(values: T) =>
  z.object({ id: idSchema, version: versionSchema, values });

export const versionedIdSchema = z.object({ id: idSchema, version: versionSchema });
export type VersionedId = z.input<typeof versionedIdSchema>;

/** What `create` and `update` answer: enough to navigate and to send the next update. */
export type Saved = { id: string; version: number };

/** `forEdit`: the record as its form shows it, with the version to send back. */
export type Editable<Values> = { id: string; version: number; deleted: boolean; values: Values };
