import { z } from 'zod';
import {
  cursorSchema,
  idSchema,
  isoDateSchema,
  languageSchema,
  pageSizeSchema,
  sourceKindSchema,
} from './common.ts';

export const sourceListInputSchema = z.object({
  q: z.string().trim().max(200, 'Search text is limited to 200 characters').optional(),
  kinds: z.array(sourceKindSchema).max(10).optional(),
  projectId: idSchema.optional(),
  limit: pageSizeSchema.default(50),
  cursor: cursorSchema,
});
export type SourceListInput = z.input<typeof sourceListInputSchema>;

export const createSourceSchema = z.object({
  url: z
    .url({ protocol: /^https?$/, message: 'Expected an http(s) URL' })
    .max(2000)
    .nullish(),
  title: z.string().trim().min(1, 'Title is required').max(1000),
  publisher: z.string().trim().max(500).nullish(),
  publishedDate: isoDateSchema.nullish(),
  language: languageSchema.nullish(),
  kind: sourceKindSchema,
});
export type CreateSourceInput = z.input<typeof createSourceSchema>;

/** The form values and the write procedures' input (a source cites no source of its own). */
export const sourceValuesSchema = createSourceSchema;
export type SourceValuesInput = z.input<typeof sourceValuesSchema>;
export type SourceValues = z.output<typeof sourceValuesSchema>;

/**
 * `source.create`/`update` refuse a web address another live source has, with a field error on `url`
 * that starts with this and names the existing source; the web offers to cite that one instead.
 */
export const SOURCE_URL_TAKEN = 'A source with this URL already exists';

/** The kinds of record a source can back. */
export const SOURCE_TARGETS = ['project', 'event', 'funding'] as const;
export const sourceTargetSchema = z.object({ entity: z.enum(SOURCE_TARGETS), id: idSchema });

/** `source.link`: cite a source on a record, with an optional quote (linking again changes the quote). */
export const sourceLinkInputSchema = z.object({
  sourceId: idSchema,
  target: sourceTargetSchema,
  quote: z.string().trim().max(2000).nullish(),
});
export type SourceLinkInput = z.output<typeof sourceLinkInputSchema>;

/** `source.unlink`: stop citing a source on a record (a record keeps at least one). */
export const sourceUnlinkInputSchema = sourceLinkInputSchema.omit({ quote: true });
export type SourceUnlinkInput = z.output<typeof sourceUnlinkInputSchema>;
