import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Agent, fetch } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// `npm run sandbox -- …` runs `tsx e2e/sandbox/main.ts` (DESIGN §5); spawned as the scripts do.

let dir: string;
const children: ChildProcess[] = [];
beforeAll(async () => { dir = await mkdtemp(join(tmpdir(), 'sandbox-cli-')); });
afterAll(async () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) stop(c);
  await rm(dir, { recursive: true, force: true });
});

/** npx → sh → tsx → node: signal the whole process group so no server outlives the test. */
const stop = (c: ChildProcess) => { if (c.pid !== undefined) process.kill(-c.pid, 'SIGTERM'); };

function run(args: string[]) {
  const child = spawn('npx', ['tsx', 'e2e/sandbox/main.ts', ...args], { cwd: process.cwd(), stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  children.push(child);
  let out = '', err = '';
  child.stdout.on('data', (d: Buffer) => { out += d.toString(); });
  child.stderr.on('data', (d: Buffer) => { err += d.toString(); });
  const exited = new Promise<number | null>(resolve => child.on('exit', code => resolve(code)));
  const line = new Promise<string>((resolve, reject) => {
    child.stdout.on('data', () => { const l = out.split('\n').find(x => x.includes('listening')); if (l) resolve(l); });
    void exited.then(code => reject(new Error(`exited ${code}: ${err}`)));
  });
  line.catch(() => undefined); // runs that are expected to fail never wait for the line
  return { child, line, exited, output: () => ({ out, err }) };
}

describe('CLI (DESIGN §5)', () => {
  it('prints one "listening" line, writes the certificate and serves Graph over HTTPS with the bearer token', async () => {
    const cert = join(dir, 'cert.pem');
    const p = run(['--mailbox', 'e2e/fixtures/sandbox-mailbox.json', '--port', '0', '--token', 'cli-token', '--cert-out', cert]);
    const line = await p.line;
    const url = /https:\/\/127\.0\.0\.1:\d+/.exec(line)?.[0];
    expect(url).toBeDefined();
    const ca = await readFile(cert, 'utf8');
    expect(ca).toMatch(/^-----BEGIN CERTIFICATE-----/);
    const agent = new Agent({ connect: { ca } });
    const me = await fetch(`${url}/v1.0/me`, { headers: { Authorization: 'Bearer cli-token' }, dispatcher: agent });
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ mail: 'm.mueller@example.com' });
    const viaLocalhost = await fetch(`${url?.replace('127.0.0.1', 'localhost')}/v1.0/me`, { headers: { Authorization: 'Bearer wrong' }, dispatcher: agent });
    expect(viaLocalhost.status).toBe(401); // the certificate names localhost too
    await agent.close();
    stop(p.child);
    await p.exited;
    expect(p.output().out.split('\n').filter(l => l.includes('listening'))).toHaveLength(1);
  });

  it('refuses a broken mailbox file with exit code 2, saying where, without a stack trace', async () => {
    const [schema, syntax] = [join(dir, 'schema.json'), join(dir, 'syntax.json')];
    await writeFile(schema, JSON.stringify({ mailFolders: [{ displayName: 'Inbox', messages: [{ isRead: 'yes' }] }] }, null, 2));
    await writeFile(syntax, '{ "mailFolders": [ }');
    const [p, q] = [run(['--mailbox', schema, '--token', 't']), run(['--mailbox', syntax, '--token', 't'])];
    expect(await p.exited).toBe(2);
    expect(await q.exited).toBe(2);
    expect(p.output().err).toContain('$.mailFolders[0].messages[0].isRead');
    expect(q.output().err).toMatch(/not valid JSON at line 1, column 20/);
    for (const { err } of [p.output(), q.output()]) expect(err).not.toMatch(/\n\s+at .+:\d+:\d+/);
  });
});
