import type { Role } from '@srt/shared/auth';

/**
 * The accounts made with the demo data set (first start on an empty database), one per role. Their
 * passwords are fixed and published here, in the README and in the start-up log: a database with these
 * accounts is a demonstration, never a production system (there, accounts come from `pnpm user:create`).
 */
export const DEMO_ACCOUNTS = [
  { email: 'admin@demo.local', name: 'Demo admin', role: 'admin', password: 'demo-admin-password' },
  { email: 'editor@demo.local', name: 'Demo editor', role: 'editor', password: 'demo-editor-password' },
  { email: 'viewer@demo.local', name: 'Demo viewer', role: 'viewer', password: 'demo-viewer-password' },
] as const satisfies readonly { email: string; name: string; role: Role; password: string }[];

export type DemoAccount = (typeof DEMO_ACCOUNTS)[number];

/** The demo account of a role (e2e tests sign in with it). */
export const demoAccount = (role: Role): DemoAccount => {
  const account = DEMO_ACCOUNTS.find((a) => a.role === role);
  if (!account) throw new Error(`no demo account for ${role}`);
  return account;
};
