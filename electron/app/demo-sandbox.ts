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
  const url = await waitForListening(child, timeoutMs);
  return {
    url,
    token,
    certFile,
    stop: () => stopChild(child),
  };
}

function waitForListening(child: ChildProcess, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
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
      const match = /listening.*?(https:\/\/[^\s]+)/.exec(line);
      if (match?.[1]) {
        clearTimeout(timer);
        child.removeAllListeners('exit');
        resolve(match[1].replace(/\/$/, ''));
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
