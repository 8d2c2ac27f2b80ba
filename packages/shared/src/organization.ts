import { z } from 'zod';
import {
  countryCodeSchema,
  cursorSchema,
  organizationRoleSchema,
  organizationTypeSchema,
  pageSizeSchema,
} from './common.ts';

export const organizationListInputSchema = z.object({
  q: z.string().trim().max(200, 'Search text is limited to 200 characters').optional(),
  types: z.array(organizationTypeSchema).max(20).optional(),
  /** Only organisations that take this role in at least one project (1 = funding: the funder picker). */
  role: organizationRoleSchema.optional(),
  limit: pageSizeSchema.default(50),
  cursor: cursorSchema,
});
export type OrganizationListInput = z.input<typeof organizationListInputSchema>;

export const createOrganizationSchema = z.object({
  name: z.string().trim().min(1, 'Name is required').max(500),
  nameLocal: z.string().trim().max(500).nullish(),
  acronym: z.string().trim().max(50).nullish(),
  type: organizationTypeSchema.nullish(),
  country: countryCodeSchema.nullish(),
  iatiRef: z.string().trim().max(200).nullish(),
});
export type CreateOrganizationInput = z.input<typeof createOrganizationSchema>;

/** The form values and the write procedures' input (an organization cites no source of its own). */
export const organizationValuesSchema = createOrganizationSchema;
export type OrganizationValuesInput = z.input<typeof organizationValuesSchema>;
export type OrganizationValues = z.output<typeof organizationValuesSchema>;
