import { z } from 'zod';
import {
  currencyCodeSchema,
  cursorSchema,
  decimalSchema,
  fundingFlowSchema,
  idSchema,
  instrumentSchema,
  isoDateSchema,
  pageSizeSchema,
  priceBasisSchema,
} from './common.ts';
import { projectFilterSchema } from './filter.ts';
import { citedSourcesSchema } from './write.ts';

export const fundingListInputSchema = z.object({
  filter: projectFilterSchema.default({}),
  projectId: idSchema.optional(),
  flows: z.array(fundingFlowSchema).max(6).optional(),
  limit: pageSizeSchema.default(50),
  cursor: cursorSchema,
});
export type FundingListInput = z.input<typeof fundingListInputSchema>;

export const createFundingSchema = z.object({
  projectId: idSchema,
  eventId: idSchema.nullish(),
  flow: fundingFlowSchema,
  funderOrgId: idSchema.nullish(),
  recipientOrgId: idSchema.nullish(),
  amount: decimalSchema.refine((a) => !a.startsWith('-'), 'Amount must not be negative'),
  currency: currencyCodeSchema,
  priceBasis: priceBasisSchema.default('nominal'),
  valueDate: isoDateSchema.nullish(),
  instrument: instrumentSchema.nullish(),
  estimated: z.boolean().default(false),
});
export type CreateFundingInput = z.input<typeof createFundingSchema>;

/** A funding row as the form and the write procedures take it: the fields plus the sources it cites. */
export const fundingValuesSchema = createFundingSchema.extend({ sources: citedSourcesSchema });
export type FundingValuesInput = z.input<typeof fundingValuesSchema>;
export type FundingValues = z.output<typeof fundingValuesSchema>;
