/**
 * *Groupware password blocked* (DESIGN §3) with real MSAL against the sandbox's identity provider: the first
 * failed sign-in sets it after exactly one token request; from then on nothing goes to the identity provider
 * or Graph, automatic or manual, until the user signs in again.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { startSignInHarness, type SignInHarness } from '../../e2e/auth/sign-in-harness';
import { connectGraphWith, staticTokenAuth } from '../groupware/graph';
import { STATE_FILE } from './blocked-state';
import { withOneRefresh } from './graph-auth';
import type { MicrosoftSignIn } from './microsoft-sign-in';

let h: SignInHarness;
beforeAll(async () => {
  h = await startSignInHarness('blocked');
});
afterAll(() => h.close());
beforeEach(() => h.reset());

/** Connects to Graph with the sign-in's token as the sync does (GET /me), with one refresh on a refusal. */
const connect = (s: MicrosoftSignIn) =>
  withOneRefresh(s, async (token) => {
    const { http, me } = await connectGraphWith({ url: h.sandbox.url, caPem: h.sandbox.certPem }, staticTokenAuth(token));
    await http.close();
    return me;
  });

it('a revoked refresh token blocks after exactly one token request; nothing more goes out until the user signs in again', async () => {
  // Tokens that live 60 s: MSAL must refresh before every use, as after an hour of sleep.
  h.sandbox.admin.idp.accessTokenTtlSeconds = 60;
  const s = h.signIn();
  await h.deviceCodeSignIn(s);
  h.sandbox.admin.idp.revokeUser();
  h.sandbox.admin.idp.resetCounters();
  h.sandbox.admin.resetRequests();

  await expect(s.accessToken()).rejects.toMatchObject({ code: 'GROUPWARE_PASSWORD_BLOCKED', message: expect.stringContaining('sign in again') as string });
  expect(h.tokenRequests()).toBe(1);
  expect(h.sandbox.admin.idp.state().tokenRequestsByGrant).toEqual({ refresh_token: 1 });
  const { blocked } = await s.status();
  expect(blocked?.reason).toContain('invalid_grant');

  // Manual attempts, a new process, Graph through the provider: refused at once, nothing sent.
  await expect(s.accessToken()).rejects.toMatchObject({ code: 'GROUPWARE_PASSWORD_BLOCKED' });
  await expect(h.signIn().accessToken({ forceRefresh: true })).rejects.toMatchObject({ code: 'GROUPWARE_PASSWORD_BLOCKED' });
  await expect(connect(s)).rejects.toMatchObject({ code: 'GROUPWARE_PASSWORD_BLOCKED' });
  await expect(h.graphMe(s)).rejects.toMatchObject({ kind: 'auth', code: 'GROUPWARE_PASSWORD_BLOCKED', message: expect.stringMatching(/^Groupware password blocked/) as string });
  expect(h.tokenRequests()).toBe(1);
  expect(h.graphRequests()).toBe(0);

  // Signing in again clears it.
  h.sandbox.admin.idp.accessTokenTtlSeconds = 3600;
  await h.deviceCodeSignIn(s);
  expect((await s.status()).blocked).toBeNull();
  expect(await connect(s)).toMatchObject({ userPrincipalName: 'm.mueller@example.com' });
});

it('a token Graph refuses is refreshed once; that cures it', async () => {
  const s = h.signIn();
  await h.deviceCodeSignIn(s);
  h.sandbox.admin.idp.expireAccessTokens();
  h.sandbox.admin.idp.resetCounters();
  expect(await connect(s)).toMatchObject({ userPrincipalName: 'm.mueller@example.com' });
  expect(h.tokenRequests()).toBe(1);
  expect((await s.status()).blocked).toBeNull();
});

it('Graph refusing the refreshed token as well blocks', async () => {
  const s = h.signIn();
  await h.deviceCodeSignIn(s);
  h.sandbox.admin.idp.resetCounters();
  h.sandbox.admin.setFaults({ status: 403, count: 2 });
  await expect(connect(s)).rejects.toMatchObject({ code: 'GROUPWARE_PASSWORD_BLOCKED' });
  expect(h.tokenRequests()).toBe(1);
  expect((await s.status()).blocked?.reason).toContain('refused the access token');
});

it('a wrong password at the sign-in page blocks, with the reason in words', async () => {
  const browser = h.browser(h.user({ password: 'wrong' }));
  const s = h.signIn({ openBrowser: browser.openBrowser });
  await expect(s.signInInteractively()).rejects.toMatchObject({ code: 'GROUPWARE_PASSWORD_BLOCKED' });
  expect((await s.status()).blocked?.reason).toContain('user name or password is incorrect');
  expect(h.tokenRequests()).toBe(0);
});

it('a damaged state file counts as blocked, and signing in repairs it', async () => {
  const s = h.signIn();
  writeFileSync(path.join(h.dataDir, STATE_FILE), '{"blocked": tru');
  await expect(s.accessToken()).rejects.toMatchObject({ code: 'GROUPWARE_PASSWORD_BLOCKED' });
  await h.deviceCodeSignIn(s);
  expect((await s.status()).blocked).toBeNull();
});
