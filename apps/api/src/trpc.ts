import { QueryInputError } from '@srt/db/queries/list';
import { initTRPC, TRPCError } from '@trpc/server';
import type { Context } from './context.ts';
import { describeFieldErrors, type FieldErrors, isDataException } from './errors.ts';

type Issue = { path: readonly PropertyKey[]; message: string };

const hasIssues = (value: unknown): value is { issues: Issue[] } =>
  typeof value === 'object' &&
  value !== null &&
  'issues' in value &&
  Array.isArray(value.issues) &&
  value.issues.every((i: unknown) => typeof i === 'object' && i !== null && 'message' in i && 'path' in i);

const pathOf = (path: readonly PropertyKey[]) => (path.length ? path.map(String).join('.') : 'input');

function fieldErrors(cause: unknown): FieldErrors | null {
  if (hasIssues(cause)) {
    const fields: FieldErrors = {};
    for (const issue of cause.issues) {
      const key = pathOf(issue.path);
      fields[key] = [...(fields[key] ?? []), issue.message];
    }
    return fields;
  }
  if (cause instanceof QueryInputError) return { [cause.field]: [cause.message] };
  // `?input=` (or a request body) that is not JSON at all.
  if (cause instanceof SyntaxError) return { input: [`Malformed JSON: ${cause.message}`] };
  return null;
}

const t = initTRPC.context<Context>().create({
  errorFormatter({ shape, error }) {
    const internal = error.code === 'INTERNAL_SERVER_ERROR';
    const fields =
      error.code === 'PARSE_ERROR'
        ? { input: [`Malformed JSON: ${error.message}`] }
        : fieldErrors(error.cause);
    // An internal error's message may hold SQL, and a stack holds paths: both are logged, not sent.
    const { stack: _stack, ...data } = shape.data;
    return {
      ...shape,
      message: internal ? 'Internal server error' : shape.message,
      data: { ...data, fields },
    };
  },
});

/**
 * Maps the errors every procedure can meet, in one place: bad input (zod issues, a forged cursor, a value
 * the database refuses) becomes BAD_REQUEST with a message naming each field and why.
 */
const badInput = t.middleware(async ({ next }) => {
  const result = await next();
  if (result.ok) return result;
  const { error } = result;
  const fields = fieldErrors(error.cause);
  if (fields)
    throw new TRPCError({ code: 'BAD_REQUEST', message: describeFieldErrors(fields), cause: error.cause });
  if (isDataException(error.cause)) {
    throw new TRPCError({ code: 'BAD_REQUEST', message: 'input: a value was refused by the database' });
  }
  return result;
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;
export const publicProcedure = t.procedure.use(badInput);

/** For `byId`: a missing (or deleted) record is NOT_FOUND, named in the message. */
export function found<T>(record: T | null, entity: string, id: string): T {
  if (record === null) throw new TRPCError({ code: 'NOT_FOUND', message: `No ${entity} with id ${id}` });
  return record;
}
