/**
 * Sign-in through real MSAL against the Graph sandbox's identity provider (oidc-provider), started in this
 * process: device code, interactive with the loopback redirect (an HTTP client plays the user in the browser),
 * silent refresh, the token cache encrypted at rest, and interactive timeout and cancel.
 */
import { readdirSync, statSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SANDBOX_USER as USER, startSignInHarness, type SignInHarness } from '../../e2e/auth/sign-in-harness';
import { CompanionError } from '../../shared/ipc/contract-kit';

let h: SignInHarness;
beforeAll(async () => {
  h = await startSignInHarness('sign-in');
});
afterAll(() => h.close());
beforeEach(() => h.reset());

describe('device code', () => {
  it('signs in through MSAL, shows MSAL\'s message, and Graph accepts the token', async () => {
    const s = h.signIn();
    const { prompts } = await h.deviceCodeSignIn(s);
    expect((await s.status()).account).toMatchObject({ userName: USER, name: 'Maria Müller', tenantId: h.sandbox.admin.idp.tenantId });
    expect(prompts).toHaveLength(1);
    expect(prompts[0]?.message).toContain(prompts[0]?.userCode);
    expect(prompts[0]?.message).toContain(prompts[0]?.verificationUri);
    expect(await h.graphMe(s)).toMatchObject({ userPrincipalName: USER });
  });

  it('stops polling when cancelled', async () => {
    const controller = new AbortController();
    const s = h.signIn();
    await expect(s.signInWithDeviceCode(() => controller.abort(), controller.signal)).rejects.toMatchObject({ code: 'SIGN_IN_CANCELLED' });
    const polls = h.tokenRequests();
    expect(polls).toBeLessThanOrEqual(1);
    expect((await s.status()).blocked).toBeNull();
  });
});

describe('interactive', () => {
  it('signs in through the loopback redirect with the user name as login hint', async () => {
    const browser = h.browser();
    const s = h.signIn({ openBrowser: browser.openBrowser });
    expect((await s.signInInteractively()).userName).toBe(USER);
    const walk = await browser.walks[0];
    expect(walk?.prefilledUserName).toBe(USER);
    expect(walk?.finalText).toContain('Signed in to Microsoft 365');
    expect(await h.graphMe(s)).toMatchObject({ userPrincipalName: USER });
  });

  it('times out when the browser never comes back, and leaves no listener behind', async () => {
    let signInUrl = '';
    const s = h.signIn({ openBrowser: (url) => { signInUrl = url; return Promise.resolve(); } });
    const failure = await s.signInInteractively({ timeoutMs: 300 }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(CompanionError);
    expect(failure).toMatchObject({ code: 'SIGN_IN_TIMED_OUT' });
    expect(await listening(new URL(new URL(signInUrl).searchParams.get('redirect_uri') ?? '').port)).toBe(false);
    expect((await s.status()).blocked).toBeNull();
  });

  it('is cancelled through its AbortSignal while the browser is open', async () => {
    const controller = new AbortController();
    const s = h.signIn({ openBrowser: () => { controller.abort(); return Promise.resolve(); } });
    await expect(s.signInInteractively({ signal: controller.signal })).rejects.toMatchObject({ code: 'SIGN_IN_CANCELLED' });
    expect((await s.status()).blocked).toBeNull();
    expect(h.tokenRequests()).toBe(0);
  });
});

describe('silent refresh and the cache', () => {
  it('refreshes an access token about to expire, silently, with one token request each', async () => {
    const s = h.signIn();
    await h.deviceCodeSignIn(s);
    const first = await s.accessToken();
    const before = h.tokenRequests();
    expect(await s.accessToken()).toBe(first); // still fresh: from the cache, no request
    expect(h.tokenRequests()).toBe(before);

    // MSAL renews 5 minutes ahead: a lifetime of 60 s makes every token it gets from now on "about to expire".
    h.sandbox.admin.idp.accessTokenTtlSeconds = 60;
    const renewed = await s.accessToken({ forceRefresh: true });
    const expiring = await s.accessToken();
    expect(expiring).not.toBe(renewed);
    expect(h.tokenRequests()).toBe(before + 2);
    expect(h.sandbox.admin.idp.state().tokenRequestsByGrant.refresh_token).toBe(2);
    expect(await h.graphMe(s)).toMatchObject({ userPrincipalName: USER });
  });

  it('a new process signs in silently from the encrypted cache, which holds no token in plain text', async () => {
    const s = h.signIn();
    await h.deviceCodeSignIn(s);
    const token = await s.accessToken();
    expect(await h.signIn().accessToken()).toBe(token);

    const issued = h.sandbox.admin.idp.issuedTokens();
    expect(issued).toContain(token);
    expect(h.sandbox.admin.idp.state().liveRefreshTokens).toBe(1);
    const text = h.dataDirText();
    for (const secret of issued) {
      expect(text).not.toContain(secret);
      expect(h.logs.join('\n')).not.toContain(secret);
    }
    expect(text).not.toContain(USER);
    expect((await s.status()).warning).toContain('No OS keyring is available');
    for (const f of readdirSync(h.dataDir)) expect(statSync(path.join(h.dataDir, f)).mode & 0o777).toBe(0o600);
  });

  it('signing out forgets the account and its tokens here', async () => {
    const s = h.signIn();
    await h.deviceCodeSignIn(s);
    await s.signOut();
    expect((await s.status()).account).toBeNull();
    await expect(h.signIn().accessToken()).rejects.toMatchObject({ code: 'GROUPWARE_NOT_SIGNED_IN' });
  });
});

function listening(port: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(Number(port), '127.0.0.1');
    socket.once('connect', () => { socket.destroy(); resolve(true); });
    socket.once('error', () => resolve(false));
  });
}
