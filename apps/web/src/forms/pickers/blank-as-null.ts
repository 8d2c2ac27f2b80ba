import type { FieldValues, Resolver } from 'react-hook-form';
import { blankToNull } from './options.ts';

/**
 * A resolver that reads an empty text field as "no value" (null) before the schema sees it: an optional
 * URL or language left empty is absent, not an invalid "" — and the saved record stores null, not "".
 */
export function blankAsNull<Input extends FieldValues, Context, Output>(
  resolver: Resolver<Input, Context, Output>,
): Resolver<Input, Context, Output> {
  return (values, context, options) => resolver(blankToNull(values), context, options);
}
