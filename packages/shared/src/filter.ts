import { z } from 'zod';
import {
  activityStatusSchema,
  attributionBasisSchema,
  countryCodeSchema,
  idSchema,
  initiativeSchema,
  sectorCodeSchema,
} from './common.ts';

const MIN_YEAR = 1950;
const MAX_YEAR = 2100;
const year = z.number().int().min(MIN_YEAR).max(MAX_YEAR);

/**
 * The one filter behind every list, summary, map and export, so every view of the same URL shows the
 * same set of projects. Semantics:
 * - values inside one field are OR-ed, fields are AND-ed;
 * - `initiativeBasis: 'official'` keeps only attributions an official source makes (default: both);
 * - `funders` are organisation ids, matched as funding participant or as funder of a funding row;
 * - the year range keeps projects whose activity span (start..end, actual before planned) overlaps it;
 * - `q` is a substring match on titles (incl. original language), identifier and description.
 */
export const projectFilterSchema = z
  .object({
    countries: z.array(countryCodeSchema).max(50).optional(),
    initiatives: z.array(initiativeSchema).max(10).optional(),
    initiativeBasis: attributionBasisSchema.optional(),
    sectors: z.array(sectorCodeSchema).max(100).optional(),
    statuses: z.array(activityStatusSchema).max(6).optional(),
    funders: z.array(idSchema).max(50).optional(),
    yearFrom: year.optional(),
    yearTo: year.optional(),
    q: z.string().trim().max(200, 'Search text is limited to 200 characters').optional(),
    minQuality: z.number().int().min(0).max(100).optional(),
  })
  .refine((f) => f.yearFrom === undefined || f.yearTo === undefined || f.yearFrom <= f.yearTo, {
    message: 'yearFrom must not be after yearTo',
    path: ['yearTo'],
  });

export type ProjectFilter = z.infer<typeof projectFilterSchema>;

export const emptyFilter: ProjectFilter = {};
