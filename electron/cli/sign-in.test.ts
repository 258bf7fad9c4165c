/**
 * `crm-companion signin`, `account`, `signout` and `sync` with the sign-in instead of --token, run as users run
 * them (separate processes) against the sandbox's identity provider; the sandbox's user approves the device code.
 * Blocked: after exactly one token request nothing more goes out, from any later `sync`, until `signin`.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { lastJsonLine, startCliHarness, type CliHarness, type Run } from '../../e2e/cli/cli-harness';
import { SANDBOX_CLIENT_ID } from '../../e2e/sandbox';
import { SandboxUser } from '../../e2e/sandbox/idp/sandbox-user';

const USER = 'm.mueller@example.com';
const bin = path.join(import.meta.dirname, 'bin.mjs');
let h: CliHarness;
let dataDir: string;
let count = 0;
beforeAll(async () => {
  h = await startCliHarness('signin');
});
afterAll(() => h.close());
beforeEach(() => {
  h.sandbox.admin.reset();
  count += 1;
  dataDir = path.join(h.dir, `data-${count}`);
});

const signInOptions = () => ['--data-dir', dataDir, '--authority', h.sandbox.authority, '--client-id', SANDBOX_CLIENT_ID, '--ca', h.certFile];
const idp = () => h.sandbox.admin.idp;

/** `signin --device-code` in its own process; the user approves the code the moment the CLI prints it. */
function deviceCodeSignIn(): Promise<Run & { approved: boolean }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, 'signin', '--device-code', ...signInOptions()], { env: { ...process.env, CRM_COMPANION_DEBUG: '', LANG: 'C' } });
    const user = new SandboxUser({ caPem: h.sandbox.certPem, userName: USER });
    let stdout = '';
    let stderr = '';
    let approved = false;
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const m = /open the page (\S+) and enter the code (\S+) /.exec(stdout);
      if (m && !approved) {
        approved = true;
        void user.signIn(m[1] ?? '', m[2] ?? '');
      }
    });
    child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
    child.on('close', (code) => { void user.close().then(() => resolve({ code: code ?? -1, stdout, stderr, approved })); });
  });
}

const sync = async (db: string) => h.cli('sync', '--db', db, '--graph-url', h.sandbox.url, ...signInOptions(), '--json');

it('signs in with a device code, shows the account, and sync uses the sign-in instead of a token', async () => {
  const signedIn = await deviceCodeSignIn();
  expect(signedIn.approved).toBe(true);
  expect(signedIn.stdout).toMatch(/^To sign in, use a web browser to open the page https:\/\/127\.0\.0\.1:\d+\/.+ and enter the code \S+ to authenticate\.\n/);
  expect(signedIn.stdout).toContain(`Signed in as ${USER} (Maria Müller).`);
  expect(signedIn.stderr).toContain('No OS keyring is available');
  expect(signedIn.code).toBe(0);

  const account = await h.cli('account', '--data-dir', dataDir, '--json');
  expect(JSON.parse(account.stdout)).toEqual({ account: { userName: USER, name: 'Maria Müller', tenantId: idp().tenantId }, blocked: null });

  const run = await sync(await h.database());
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  expect(lastJsonLine(run)).toMatchObject({ imported: 16, errors: [] });

  const out = await h.cli('signout', '--data-dir', dataDir);
  expect(out.code).toBe(0);
  expect((await h.cli('account', '--data-dir', dataDir)).stdout).toBe('Not signed in.\n');
});

it('a revoked sign-in blocks after one token request; later syncs send nothing; signing in again clears it', async () => {
  idp().accessTokenTtlSeconds = 60; // every use needs a refresh, as after a night
  expect((await deviceCodeSignIn()).code).toBe(0);
  const db = await h.database();
  idp().revokeUser();
  idp().resetCounters();
  h.sandbox.admin.resetRequests();

  const first = await sync(db);
  expect(first.code).toBe(1);
  expect(first.stderr).toMatch(/^error: Groupware password blocked since .*invalid_grant.*sign in again \(crm-companion signin\)\.\n$/);
  expect(idp().state().tokenRequests).toBe(1);
  expect(h.sandbox.admin.requests().requests).toBe(0);

  const second = await sync(db);
  expect(second.code).toBe(1);
  expect(second.stderr).toContain('Groupware password blocked');
  expect(idp().state().tokenRequests).toBe(1);
  expect(h.sandbox.admin.requests().requests).toBe(0);

  const account = JSON.parse((await h.cli('account', '--data-dir', dataDir, '--json')).stdout) as { blocked: { reason: string; at: string } | null };
  expect(account.blocked?.reason).toContain('invalid_grant');
  expect((await h.cli('account', '--data-dir', dataDir)).stdout).toContain('Groupware password blocked since');

  idp().accessTokenTtlSeconds = 3600;
  expect((await deviceCodeSignIn()).code).toBe(0);
  const after = await sync(db);
  expect(after.code).toBe(0);
  expect(lastJsonLine(after)).toMatchObject({ imported: 16, errors: [] });
});

it('sync refuses --token together with a sign-in', async () => {
  const run = await h.cli('sync', '--db', await h.database(), '--graph-url', h.sandbox.url, '--token', h.token, ...signInOptions());
  expect(run.code).toBe(2);
  expect(run.stderr).toBe('error: Give either --token or the sign-in (--data-dir, --authority, --client-id), not both.\n');
});

it('signin says what is wrong with an authority that is not https', async () => {
  const run = await h.cli('signin', '--device-code', '--data-dir', dataDir, '--authority', 'http://127.0.0.1:1/t', '--client-id', 'x');
  expect(run.code).toBe(2);
  expect(run.stderr).toMatch(/^error: The authority must be an https:\/\/ address/);
});
