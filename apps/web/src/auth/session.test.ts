import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { errorCode, safeRedirect, sendAnonymousToLogin } from './session.ts';

describe('safeRedirect', () => {
  it('keeps a local path with its search and hash', () => {
    expect(safeRedirect('/projects?countries=%5B%22UZ%22%5D#top')).toBe(
      '/projects?countries=%5B%22UZ%22%5D#top',
    );
    expect(safeRedirect('/admin')).toBe('/admin');
  });

  it('refuses other sites, protocol-relative and odd values', () => {
    for (const value of [
      'https://evil.example/',
      '//evil.example/x',
      '/\\evil.example',
      'javascript:alert(1)',
      '',
      42,
      null,
    ]) {
      expect(safeRedirect(value), String(value)).toBe('/');
    }
  });
});

describe('errorCode', () => {
  it('reads the tRPC code of a client error', () => {
    expect(errorCode({ data: { code: 'FORBIDDEN' } })).toBe('FORBIDDEN');
    expect(errorCode(new Error('x'))).toBeUndefined();
    expect(errorCode(null)).toBeUndefined();
  });
});

describe('sendAnonymousToLogin', () => {
  const failing = (code: string) => () => Promise.reject(Object.assign(new Error(code), { data: { code } }));

  it('sends a visitor whose read is refused as UNAUTHORIZED to /login with the page they wanted', async () => {
    const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    const sent: string[] = [];
    let here = '/projects?q=steel';
    const stop = sendAnonymousToLogin(
      client,
      (redirect) => sent.push(redirect),
      () => here,
    );
    await client.fetchQuery({ queryKey: ['a'], queryFn: failing('UNAUTHORIZED') }).catch(() => undefined);
    expect(sent).toEqual(['/projects?q=steel']);
    // Other errors, and refusals on the sign-in page itself, send nobody anywhere.
    await client.fetchQuery({ queryKey: ['b'], queryFn: failing('FORBIDDEN') }).catch(() => undefined);
    here = '/login?redirect=%2Fmap';
    await client.fetchQuery({ queryKey: ['c'], queryFn: failing('UNAUTHORIZED') }).catch(() => undefined);
    expect(sent).toEqual(['/projects?q=steel']);
    stop();
    here = '/map';
    await client.fetchQuery({ queryKey: ['d'], queryFn: failing('UNAUTHORIZED') }).catch(() => undefined);
    expect(sent).toEqual(['/projects?q=steel']);
  });
});
