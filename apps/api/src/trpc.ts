import { ConflictError } from '@srt/db/conflict';
import { QueryInputError } from '@srt/db/queries/list';
import { hasRole, type Role } from '@srt/shared/auth';
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
    // A stale `version`: the record as it is now, so the client can show both sides.
    const current = error.cause instanceof ConflictError ? error.cause.current : undefined;
    return {
      ...shape,
      message: internal ? 'Internal server error' : shape.message,
      data: { ...data, fields, ...(current === undefined ? {} : { current }) },
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
  if (error.cause instanceof ConflictError)
    throw new TRPCError({ code: 'CONFLICT', message: error.cause.message, cause: error.cause });
  if (isDataException(error.cause)) {
    throw new TRPCError({ code: 'BAD_REQUEST', message: 'input: a value was refused by the database' });
  }
  return result;
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;
/** Reads: anyone when `PUBLIC_READ` is on, else any signed-in user. */
export const publicProcedure = t.procedure.use(badInput).use(({ ctx, next }) => {
  if (!ctx.publicRead && !ctx.user) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Sign in to read' });
  return next();
});

/** Anyone, even with `PUBLIC_READ` off: only for `user.me`, which tells a page whether it is signed in. */
export const openProcedure = t.procedure.use(badInput);

const requireRole = (needed: Role) =>
  t.middleware(({ ctx, next }) => {
    if (!ctx.user) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Sign in first' });
    if (!hasRole(ctx.user.role, needed))
      throw new TRPCError({ code: 'FORBIDDEN', message: `This needs the ${needed} role` });
    return next({ ctx: { ...ctx, user: ctx.user } });
  });

/** Any signed-in user (their own account). */
export const signedInProcedure = t.procedure.use(badInput).use(requireRole('viewer'));
/** Writes to records: editors and admins. */
export const editorProcedure = t.procedure.use(badInput).use(requireRole('editor'));
/** Users and exchange rates: admins only. */
export const adminProcedure = t.procedure.use(badInput).use(requireRole('admin'));

/** For `byId`: a missing (or deleted) record is NOT_FOUND, named in the message. */
export function found<T>(record: T | null, entity: string, id: string): T {
  if (record === null) throw new TRPCError({ code: 'NOT_FOUND', message: `No ${entity} with id ${id}` });
  return record;
}
