/**
 * The demo: with no groupware account configured, `npm start` runs the Graph sandbox (e2e/sandbox) as a separate
 * process — as Microsoft Graph is a separate server — with the demo mailbox, and loads the demo CRM data.
 * It is spawned by path, not imported: the app's code never depends on the test sandbox.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { projectRoot } from './paths';

export const demoMailboxFile = path.join(projectRoot, 'e2e', 'fixtures', 'demo-mailbox.json');
export const demoCrmFile = path.join(projectRoot, 'e2e', 'fixtures', 'demo-crm.json');

export interface DemoSandbox {
  url: string;
  token: string;
  /** Its identity provider, for the demo with the Microsoft 365 sign-in (`npm start -- --sign-in`). */
  signIn: { authority: string; clientId: string; userName: string; password: string };
  certFile: string;
  stop(): Promise<void>;
}

export async function startDemoSandbox(dir: string, timeoutMs = 30_000): Promise<DemoSandbox> {
  mkdirSync(dir, { recursive: true });
  const token = randomBytes(24).toString('base64url');
  const certFile = path.join(dir, 'sandbox-cert.pem');
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(projectRoot, 'e2e', 'sandbox', 'main.ts'),
      '--mailbox', demoMailboxFile, '--port', '0', '--token', token, '--cert-out', certFile],
    { cwd: projectRoot, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const { url, signIn } = await waitForListening(child, timeoutMs);
  return {
    url,
    token,
    signIn,
    certFile,
    stop: () => stopChild(child),
  };
}

/** The sandbox prints its address, then its identity provider's line: both are needed. */
function waitForListening(child: ChildProcess, timeoutMs: number): Promise<{ url: string; signIn: DemoSandbox['signIn'] }> {
  return new Promise((resolve, reject) => {
    let url: string | undefined;
    let stderr = '';
    const timer = setTimeout(() => fail(`the demo sandbox did not report "listening" within ${timeoutMs / 1000} s`), timeoutMs);
    const fail = (message: string) => {
      clearTimeout(timer);
      child.kill();
      reject(new Error(`${message}${stderr ? `: ${stderr.trim()}` : ''}`));
    };
    child.stderr?.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
    child.once('exit', (code) => fail(`the demo sandbox stopped (exit code ${code})`));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const listening = /listening.*?(https:\/\/[^\s]+)/.exec(line);
      if (listening?.[1]) url = listening[1].replace(/\/$/, '');
      const idp = /--authority (\S+) --client-id (\S+) \(user (\S+), password (\S+)\)/.exec(line);
      if (url !== undefined && idp !== null) {
        clearTimeout(timer);
        child.removeAllListeners('exit');
        resolve({ url, signIn: { authority: idp[1] ?? '', clientId: idp[2] ?? '', userName: idp[3] ?? '', password: idp[4] ?? '' } });
      }
    });
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}
