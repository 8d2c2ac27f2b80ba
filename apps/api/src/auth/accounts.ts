import type { Db } from '@srt/db/client';
import { insertUserWithPassword } from '@srt/db/queries/user';
import { type NewAccount, newAccountSchema } from '@srt/shared/user';
import type { User } from '../context.ts';
import type { Auth } from './auth.ts';

/** Refused input, with a message fit for a person (the CLI prints it). */
export class AccountError extends Error {
  constructor(
    message: string,
    readonly reason: 'invalid' | 'exists',
  ) {
    super(message);
    this.name = 'AccountError';
  }
}

/**
 * Creates a user who signs in with email + password (hashed by better-auth's hasher), audited as
 * `actor`. Self sign-up is off: this is how accounts come to exist (`pnpm user:create`, demo accounts).
 */
export async function createAccount(auth: Auth, db: Db, input: NewAccount, actor: string): Promise<User> {
  const parsed = newAccountSchema.safeParse(input);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`);
    throw new AccountError(problems.join('; '), 'invalid');
  }
  const account = parsed.data;
  const context = await auth.$context;
  const id = context.generateId({ model: 'user' });
  const accountId = context.generateId({ model: 'account' });
  if (!id || !accountId) throw new Error('better-auth made no id');
  const result = await insertUserWithPassword(
    db,
    {
      id,
      accountId,
      email: account.email,
      name: account.name,
      role: account.role,
      passwordHash: await context.password.hash(account.password),
    },
    actor,
  );
  if (!result.ok)
    throw new AccountError(`An account with the email ${account.email} already exists`, 'exists');
  return { id, email: account.email, name: account.name, role: account.role };
}
