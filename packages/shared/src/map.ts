import { z } from 'zod';
import { FOCUS_COUNTRIES } from './codes.ts';
import { projectFilterSchema } from './filter.ts';
import { POINT_SCALE } from './map-points.ts';

/** The map's countries: the four whose shapes ship with the app. */
export const focusCountrySchema = z.string().trim().toUpperCase().pipe(z.enum(FOCUS_COUNTRIES));

/** Natural Earth `code_hasc` of an admin-1 region, the key locations store (e.g. `UZ.BU`). */
export const regionCodeSchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{2}\.[A-Z0-9]{2}$/, 'Expected a region code (Natural Earth code_hasc), e.g. "UZ.BU"');

/**
 * `map.panel`: what the side panel shows for a country, or for one of its admin-1 regions, under the
 * shared filter.
 */
export const mapPanelInputSchema = z
  .object({
    filter: projectFilterSchema.prefault({}),
    country: focusCountrySchema,
    region: regionCodeSchema.optional(),
  })
  .refine((input) => input.region === undefined || input.region.startsWith(`${input.country}.`), {
    message: 'The region must lie in the country',
    path: ['region'],
  });

const units = (degrees: number) =>
  z
    .number()
    .int()
    .min(-degrees * POINT_SCALE)
    .max(degrees * POINT_SCALE);

/** `map.pin`: the projects at one point of `map.points`, in its integer units (`x` lon, `y` lat). */
export const mapPinInputSchema = z.object({
  filter: projectFilterSchema.prefault({}),
  x: units(180),
  y: units(90),
});

export type MapPanelInput = z.input<typeof mapPanelInputSchema>;
export type MapPinInput = z.input<typeof mapPinInputSchema>;
