import { z } from 'zod';
import {
  activityStatusSchema,
  attributionBasisSchema,
  countryCodeSchema,
  cursorSchema,
  idSchema,
  initiativeSchema,
  isoDateSchema,
  languageSchema,
  latitudeSchema,
  locationPrecisionSchema,
  longitudeSchema,
  organizationRoleSchema,
  pageSizeSchema,
  percentageSchema,
  sectorCodeSchema,
} from './common.ts';
import { projectFilterSchema } from './filter.ts';
import { citedSourcesSchema } from './write.ts';

export const PROJECT_SORTS = [
  'title',
  'startYear',
  'updatedAt',
  'quality',
  'committed',
  'disbursed',
] as const;
export const projectSortSchema = z.enum(PROJECT_SORTS);

export const projectListInputSchema = z.object({
  filter: projectFilterSchema.default({}),
  sort: projectSortSchema.default('title'),
  direction: z.enum(['asc', 'desc']).default('asc'),
  limit: pageSizeSchema.default(50),
  cursor: cursorSchema,
});
export type ProjectListInput = z.input<typeof projectListInputSchema>;

const sumsTo100 = (rows: { percentage?: number | null | undefined }[]) => {
  const given = rows.filter((r) => r.percentage != null);
  if (given.length === 0) return true;
  const total = given.reduce((sum, r) => sum + (r.percentage ?? 0), 0);
  return Math.abs(total - 100) < 0.01;
};

export const projectCountryInputSchema = z.object({
  country: countryCodeSchema,
  percentage: percentageSchema.nullish(),
});

export const projectSectorInputSchema = z.object({
  sector: sectorCodeSchema,
  percentage: percentageSchema.nullish(),
});

export const projectInitiativeInputSchema = z.object({
  initiative: initiativeSchema,
  basis: attributionBasisSchema,
  sourceId: idSchema.nullish(),
  note: z.string().trim().max(2000).nullish(),
});

export const participantInputSchema = z.object({
  organizationId: idSchema,
  role: organizationRoleSchema,
});

export const locationInputSchema = z
  .object({
    name: z.string().trim().min(1).max(300),
    country: countryCodeSchema,
    precision: locationPrecisionSchema,
    lat: latitudeSchema.nullish(),
    lon: longitudeSchema.nullish(),
    admin1Code: z.string().trim().max(20).nullish(),
  })
  .refine(
    (l) => l.precision === 'country' || l.precision.startsWith('admin') || (l.lat != null && l.lon != null),
    {
      message: 'An exact or near location needs coordinates',
      path: ['lat'],
    },
  );

const dateOrder = (a: string | null | undefined, b: string | null | undefined) => !a || !b || a <= b;

/** A project's own fields and child rows, before the rules that span fields. */
export const projectFieldsSchema = z.object({
  iatiIdentifier: z.string().trim().min(1).max(200).nullish(),
  title: z.string().trim().min(1, 'Title is required').max(1000),
  titleOriginal: z.string().trim().max(1000).nullish(),
  titleLanguage: languageSchema.nullish(),
  description: z.string().trim().max(50_000).nullish(),
  status: activityStatusSchema.nullish(),
  plannedStart: isoDateSchema.nullish(),
  plannedEnd: isoDateSchema.nullish(),
  actualStart: isoDateSchema.nullish(),
  actualEnd: isoDateSchema.nullish(),
  countries: z.array(projectCountryInputSchema).max(100).default([]),
  sectors: z.array(projectSectorInputSchema).max(100).default([]),
  initiatives: z.array(projectInitiativeInputSchema).max(10).default([]),
  participants: z.array(participantInputSchema).max(200).default([]),
  locations: z.array(locationInputSchema).max(1000).default([]),
});

type ProjectRuleInput = {
  plannedStart?: string | null | undefined;
  plannedEnd?: string | null | undefined;
  actualStart?: string | null | undefined;
  actualEnd?: string | null | undefined;
  countries: { percentage?: number | null | undefined }[];
  sectors: { percentage?: number | null | undefined }[];
};

/**
 * A rule runs when zod would run it (no aborting issue so far), and also when only fields it does not read
 * are invalid (zod would skip it then): a form shows "percentages must sum to 100" together with "title is
 * required", not only after the title is fixed.
 */
const whenValid =
  (...fields: string[]) =>
  (payload: z.core.ParsePayload) =>
    payload.issues.every((issue) => issue.continue === true) ||
    !payload.issues.some((issue) => fields.includes(String(issue.path?.[0])));

/** The rules that span fields, attached to every schema built from `projectFieldsSchema`. */
const projectRules = <T extends z.ZodType<ProjectRuleInput>>(schema: T) =>
  schema
    .refine((p) => dateOrder(p.plannedStart, p.plannedEnd), {
      message: 'End before start',
      path: ['plannedEnd'],
      when: whenValid('plannedStart', 'plannedEnd'),
    })
    .refine((p) => dateOrder(p.actualStart, p.actualEnd), {
      message: 'End before start',
      path: ['actualEnd'],
      when: whenValid('actualStart', 'actualEnd'),
    })
    .refine((p) => sumsTo100(p.countries), {
      message: 'Country percentages must sum to 100',
      path: ['countries'],
      when: whenValid('countries'),
    })
    .refine((p) => sumsTo100(p.sectors), {
      message: 'Sector percentages must sum to 100',
      path: ['sectors'],
      when: whenValid('sectors'),
    });

/** A project as an import brings it in (its sources come from the file). */
export const createProjectSchema = projectRules(projectFieldsSchema);

/** A project as the form and the write procedures take it: the same fields plus the sources it cites. */
export const projectValuesSchema = projectRules(projectFieldsSchema.extend({ sources: citedSourcesSchema }));
export type ProjectValuesInput = z.input<typeof projectValuesSchema>;
export type ProjectValues = z.output<typeof projectValuesSchema>;

export type CreateProjectInput = z.input<typeof createProjectSchema>;
export type CreateProject = z.output<typeof createProjectSchema>;
