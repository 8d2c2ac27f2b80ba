import { z } from 'zod';
import {
  countryCodeSchema,
  cursorSchema,
  datePrecisionSchema,
  eventTypeSchema,
  idSchema,
  isoDateSchema,
  languageSchema,
  latitudeSchema,
  longitudeSchema,
  pageSizeSchema,
} from './common.ts';
import { projectFilterSchema } from './filter.ts';
import { citedSourcesSchema } from './write.ts';

export const eventListInputSchema = z
  .object({
    types: z.array(eventTypeSchema).max(10).optional(),
    countries: z.array(countryCodeSchema).max(50).optional(),
    dateFrom: isoDateSchema.optional(),
    dateTo: isoDateSchema.optional(),
    projectId: idSchema.optional(),
    q: z.string().trim().max(200, 'Search text is limited to 200 characters').optional(),
    /** Limits events to those linked to projects matching the shared filter. */
    projectFilter: projectFilterSchema.optional(),
    direction: z.enum(['asc', 'desc']).default('desc'),
    limit: pageSizeSchema.default(50),
    cursor: cursorSchema,
  })
  .refine((e) => !e.dateFrom || !e.dateTo || e.dateFrom <= e.dateTo, {
    message: 'dateFrom must not be after dateTo',
    path: ['dateTo'],
  });
export type EventListInput = z.input<typeof eventListInputSchema>;

export const createEventSchema = z.object({
  type: eventTypeSchema,
  title: z.string().trim().min(1, 'Title is required').max(1000),
  titleOriginal: z.string().trim().max(1000).nullish(),
  titleLanguage: languageSchema.nullish(),
  date: isoDateSchema,
  datePrecision: datePrecisionSchema.default('day'),
  placeName: z.string().trim().max(300).nullish(),
  country: countryCodeSchema.nullish(),
  lat: latitudeSchema.nullish(),
  lon: longitudeSchema.nullish(),
  description: z.string().trim().max(50_000).nullish(),
  projectIds: z.array(idSchema).max(200).default([]),
  organizationIds: z.array(idSchema).max(200).default([]),
});
export type CreateEventInput = z.input<typeof createEventSchema>;

/** An event as the form and the write procedures take it: the fields plus the sources it cites. */
export const eventValuesSchema = createEventSchema.extend({ sources: citedSourcesSchema });
export type EventValuesInput = z.input<typeof eventValuesSchema>;
export type EventValues = z.output<typeof eventValuesSchema>;
