import type { Db } from '@srt/db/client';
import { existingEmails } from '@srt/db/queries/user';
import { DEMO_ACCOUNTS, type DemoAccount } from '@srt/db/seed/demo-accounts';
import { AccountError, createAccount } from './accounts.ts';
import type { Auth } from './auth.ts';

/** The demo accounts, made with the demo data set; one already there is left as it is. */
export async function createDemoAccounts(auth: Auth, db: Db): Promise<void> {
  for (const { password, ...account } of DEMO_ACCOUNTS) {
    try {
      await createAccount(auth, db, { ...account, password }, 'seed');
    } catch (error) {
      if (!(error instanceof AccountError && error.reason === 'exists')) throw error;
    }
  }
}

/** The demo accounts this database has (the start-up log names them: their passwords are public). */
export async function demoAccountsIn(db: Db): Promise<DemoAccount[]> {
  const present = await existingEmails(
    db,
    DEMO_ACCOUNTS.map((a) => a.email),
  );
  return DEMO_ACCOUNTS.filter((a) => present.has(a.email));
}
