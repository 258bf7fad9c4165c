/**
 * The employee account through the contract, against the Graph sandbox's identity provider with real MSAL: sign
 * in (the sandbox's user plays the browser), the automatic sync runs on the sign-in's tokens (in its worker
 * thread, which asks this thread for each token), a revoked sign-in blocks after exactly one token request, and
 * from then on nothing — schedule, *Sync now*, wizard, connection check — reaches the identity provider or Graph
 * until the user signs in again, after which the schedule runs again.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SANDBOX_CLIENT_ID, startSandbox, type RunningSandbox } from '../../e2e/sandbox';
import { SandboxUser } from '../../e2e/sandbox/idp/sandbox-user';
import { contract, type TrayNotice } from '../../shared/contract';
import { AccountInfo, SignInStarted } from '../../shared/account/account-info';
import type { Result } from '../../shared/ipc/contract-kit';
import { createDispatcher } from '../host/dispatch';
import { silentLog } from '../host/log';
import { handClock } from '../engine/hand-clock';
import { createCompanionService, type CompanionServiceHandle } from './companion-service';

const fixtures = path.join(import.meta.dirname, '..', '..', 'e2e', 'fixtures');
const USER = 'm.mueller@example.com';

let dir: string;
let sandbox: RunningSandbox;
let user: SandboxUser;
beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'crm-account-'));
  sandbox = await startSandbox({ mailbox: path.join(fixtures, 'demo-mailbox.json'), token: 'account-admin', certOut: path.join(dir, 'sandbox.pem') });
  user = new SandboxUser({ caPem: sandbox.certPem, userName: USER });
});
afterAll(async () => {
  await user.close();
  await sandbox.close();
  rmSync(dir, { recursive: true, force: true });
});

let services = 0;
async function startService(time: ReturnType<typeof handClock>, interactiveTimeoutMs = 20_000): Promise<{ handle: CompanionServiceHandle; dispatch: ReturnType<typeof createDispatcher<typeof contract>>; notices: TrayNotice[]; accounts: AccountInfo[] }> {
  const handle = await createCompanionService({
    dataDir: path.join(dir, `data-${++services}`),
    mode: 'browser',
    crmSeed: JSON.parse(readFileSync(path.join(fixtures, 'demo-crm.json'), 'utf8')) as unknown,
    groupware: { url: sandbox.url, ca: path.join(dir, 'sandbox.pem') },
    signIn: { endpoint: { authority: sandbox.authority, clientId: SANDBOX_CLIENT_ID }, interactiveTimeoutMs },
    schedulerClock: time.clock,
  });
  const notices: TrayNotice[] = [];
  const accounts: AccountInfo[] = [];
  handle.events.subscribe((event, payload) => {
    if (event === 'tray.notice') notices.push(payload as TrayNotice);
    if (event === 'account.changed') accounts.push(payload as AccountInfo);
  });
  return { handle, dispatch: createDispatcher(contract, handle.service, { log: silentLog }), notices, accounts };
}

/** The answer's value, checked against its schema; a refusal fails the test with its sentence. */
function valueOf<T>(schema: { parse(value: unknown): T }, result: Result<unknown>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return schema.parse(result.value);
}

const counters = () => ({ token: sandbox.admin.idp.state().tokenRequests, graph: sandbox.admin.requests().requests });

describe('employee account with the Microsoft 365 sign-in', () => {
  it('signs in, syncs on its tokens, blocks after one token request when revoked, refuses everything meanwhile, and resumes after signing in again', { timeout: 90_000 }, async () => {
    const time = handClock();
    const { handle, dispatch, notices, accounts } = await startService(time);
    try {
      const before = await dispatch('account.get', {});
      expect(before).toMatchObject({ ok: true, value: { method: 'microsoft', signedInAs: null, blocked: null, setupProblem: null, signIn: { authority: sandbox.authority, clientId: SANDBOX_CLIENT_ID } } });
      // No OS keyring here: the page must say the cache is only protected by a key file.
      expect(valueOf(AccountInfo, before).cacheWarning).toMatch(/key in .*token-cache\.key/);
      expect(await dispatch('account.update', { groupwareUserName: USER, autoSync: true })).toMatchObject({ ok: true, value: { groupwareUserName: USER, autoSync: true } });

      // Nothing works before signing in, and says so; the schedule waits (no run failing every interval).
      expect(time.live()).toEqual([]);
      expect(await dispatch('sync.now', {})).toMatchObject({ ok: false, error: { code: 'GROUPWARE_NOT_SIGNED_IN', message: expect.stringContaining('Employee account') as unknown } });

      // Sign in: the page is handed back, the user walks it (the login page pre-filled with the user name).
      const started = valueOf(SignInStarted, await dispatch('account.signIn', { openIn: 'caller' }));
      expect(started.openedByApp).toBe(false);
      const walk = await user.signIn(started.url);
      expect(walk.prefilledUserName).toBe(USER);
      await expect.poll(() => accounts.at(-1)?.signedInAs?.userName).toBe(USER);
      expect(accounts.at(-1)).toMatchObject({ crmUser: { key: 'MUE', name: 'Maria Müller' }, blocked: null, signingIn: null, lastSignInError: null });

      // The scheduled run syncs with the sign-in's tokens.
      expect(time.live()).toHaveLength(1);
      time.fire();
      // (The demo mailbox holds a mail with an empty subject: imported with one that needs attention.)
      await expect.poll(() => notices.at(-1)?.title, { timeout: 30_000 }).toMatch(/^\d+ activities imported$/);

      // Revoked at the identity provider: the next automatic run blocks after exactly one token request.
      sandbox.admin.idp.revokeUser();
      sandbox.admin.idp.resetCounters();
      const runsBefore = notices.length;
      await expect.poll(() => time.live().length).toBe(1);
      time.fire();
      await expect.poll(() => notices.slice(runsBefore).map((n) => n.kind), { timeout: 30_000 }).toEqual(['blocked']);
      expect(notices.at(-1)?.message).toMatch(/sign in again under User preferences › Employee account/);
      expect(sandbox.admin.idp.state().tokenRequests).toBe(1);
      const blocked = await dispatch('account.get', {});
      expect(blocked).toMatchObject({ ok: true, value: { blocked: { reason: expect.stringContaining('invalid_grant') as unknown } } });

      // From now on: no request at all, automatic or manual.
      const quiet = counters();
      expect(time.live()).toEqual([]); // paused
      for (const [name, req] of [['sync.now', {}], ['sync.candidates', { areas: ['mails'] }], ['sync.import', { selections: [] }], ['groupware.check', {}]] as const) {
        const answer = await dispatch(name, req);
        expect(answer, name).toMatchObject({ ok: false, error: { code: 'GROUPWARE_PASSWORD_BLOCKED', message: expect.stringContaining('sign in again under User preferences › Employee account') as unknown } });
      }
      expect(await dispatch('activities.list', { quicksearch: 'imported-mails' })).toMatchObject({ ok: false, error: { code: 'GROUPWARE_PASSWORD_BLOCKED' } });
      expect(counters()).toEqual(quiet);
      expect(notices.slice(runsBefore).map((n) => n.kind)).toEqual(['blocked']); // told once

      // Signing in again clears the flag, and the schedule runs again.
      await user.signIn(valueOf(SignInStarted, await dispatch('account.signIn', { openIn: 'caller' })).url);
      await expect.poll(async () => valueOf(AccountInfo, await dispatch('account.get', {})).blocked).toBeNull();
      expect(time.live()).toHaveLength(1);
      const graphBefore = counters().graph;
      time.fire();
      await expect.poll(() => counters().graph, { timeout: 30_000 }).toBeGreaterThan(graphBefore);
      expect(await dispatch('sync.now', {})).toMatchObject({ ok: true });

      // Signing out forgets the sign-in here: nothing reaches Outlook, and the schedule waits again.
      const out = valueOf(AccountInfo, await dispatch('account.signOut', {}));
      expect(out).toMatchObject({ signedInAs: null, blocked: null, crmUser: null });
      expect(time.live()).toEqual([]);
      expect(await dispatch('sync.now', {})).toMatchObject({ ok: false, error: { code: 'GROUPWARE_NOT_SIGNED_IN' } });
    } finally {
      await handle.close();
    }
  });

  it('cancels a sign-in under way, and a timed out one says so', { timeout: 30_000 }, async () => {
    const time = handClock();
    const { handle, dispatch, accounts } = await startService(time);
    try {
      const started = await dispatch('account.signIn', { openIn: 'caller' });
      expect(started).toMatchObject({ ok: true, value: { url: expect.stringContaining(sandbox.authority) as unknown } });
      expect(await dispatch('account.signIn', { openIn: 'caller' })).toMatchObject({ ok: false, error: { code: 'SIGN_IN_IN_PROGRESS' } });
      expect((await dispatch('account.get', {}))).toMatchObject({ ok: true, value: { signingIn: { url: expect.any(String) as unknown } } });
      expect(await dispatch('account.cancelSignIn', {})).toEqual({ ok: true, value: { cancelled: true } });
      await expect.poll(() => accounts.at(-1)?.lastSignInError?.code).toBe('SIGN_IN_CANCELLED');
      expect(accounts.at(-1)).toMatchObject({ signingIn: null, blocked: null });
      expect(await dispatch('account.cancelSignIn', {})).toEqual({ ok: true, value: { cancelled: false } });
      // The desktop opens the system browser itself; browser mode has none to open.
      expect(await dispatch('account.signIn', { openIn: 'app' })).toMatchObject({ ok: false, error: { code: 'SIGN_IN_UNAVAILABLE' } });
    } finally {
      await handle.close();
    }
  });

  it('stops waiting for a browser that never comes back, and says so; nothing is blocked by it', { timeout: 30_000 }, async () => {
    const { handle, dispatch, accounts } = await startService(handClock(), 500);
    try {
      expect(await dispatch('account.signIn', { openIn: 'caller' })).toMatchObject({ ok: true });
      await expect.poll(() => accounts.at(-1)?.lastSignInError, { timeout: 10_000 }).toMatchObject({ code: 'SIGN_IN_TIMED_OUT', message: expect.stringContaining('did not finish') as unknown });
      expect(accounts.at(-1)).toMatchObject({ signingIn: null, blocked: null, signedInAs: null });
    } finally {
      await handle.close();
    }
  });
});
