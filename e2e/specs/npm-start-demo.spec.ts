/**
 * `npm start` as a new user runs it on a machine without an Electron binary and without a Microsoft 365 account:
 * browser mode, the Graph sandbox started with the demo mailbox, the demo CRM data loaded, and a banner saying so.
 * Also checks the demo's Outlook really answers: the sandbox the app points at serves the demo mailbox.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { Agent } from 'undici';
import { expect, test } from './fixtures';

const root = path.resolve(import.meta.dirname, '..', '..');
const demoCrm = JSON.parse(readFileSync(path.join(root, 'e2e', 'fixtures', 'demo-crm.json'), 'utf8')) as {
  employees: unknown[]; businessPartners: unknown[]; contactPersons: unknown[];
};

/** Runs `npm start` in its own process group and resolves with the URL it prints. */
function npmStart(dataDir: string): { child: ChildProcess; url: Promise<string>; sandboxUrl: Promise<string> } {
  const child = spawn('npm', ['start', '--', '--browser', '--no-open', '--port', '0', '--data-dir', dataDir], {
    cwd: root,
    detached: true, // own process group: the test stops npm, the launcher and the sandbox together
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const lines = createInterface({ input: child.stdout });
  const waitFor = (pattern: RegExp) =>
    new Promise<string>((resolve, reject) => {
      lines.on('line', (line) => {
        output += `${line}\n`;
        const match = pattern.exec(line);
        if (match?.[1]) resolve(match[1]);
      });
      child.stderr.on('data', (chunk: Buffer) => { output += chunk.toString(); });
      child.once('exit', (code) => reject(new Error(`npm start exited (${code}) before printing ${pattern}:\n${output}`)));
    });
  return { child, url: waitFor(/^Open: (http:\/\/127\.0\.0\.1:\d+\/\?secret=\S+)/), sandboxUrl: waitFor(/sandbox with sample mails at (https:\/\/127\.0\.0\.1:\d+)/) };
}

function stopGroup(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.pid === undefined) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    process.kill(-child.pid!, 'SIGTERM');
  });
}

test('npm start without an account runs the demo in browser mode against the sandbox', async ({ page }, testInfo) => {
  test.setTimeout(120_000); // tsx compiles the launcher and the sandbox on first start
  const dataDir = testInfo.outputPath('data');
  const started = npmStart(dataDir);
  try {
    const [url, sandboxUrl] = await Promise.all([started.url, started.sandboxUrl]);
    await page.goto(url);

    await expect(page.getByText('running against a local Outlook sandbox with sample data')).toBeVisible();
    await expect(page.getByText(sandboxUrl)).toBeVisible(); // the Outlook connection is the sandbox
    const count = (term: string) => page.locator('dt', { hasText: term }).locator('xpath=following-sibling::dd[1]');
    await expect(count('Employees')).toHaveText(String(demoCrm.employees.length));
    await expect(count('Business partners')).toHaveText(String(demoCrm.businessPartners.length));
    await expect(count('Contact persons')).toHaveText(String(demoCrm.contactPersons.length));
    await page.screenshot({ path: testInfo.outputPath('demo-start-page.png'), fullPage: true });

    // The sandbox the app points at is a real Graph endpoint with the demo mailbox in it.
    const cert = readFileSync(path.join(dataDir, 'demo', 'sandbox-cert.pem'), 'utf8');
    const response = await fetch(`${sandboxUrl}/v1.0/me`, {
      // The token is the launcher's secret; the sandbox must refuse a request without it.
      dispatcher: new Agent({ connect: { ca: cert } }),
    } as RequestInit);
    expect(response.status).toBe(401);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('InvalidAuthenticationToken');
  } finally {
    await stopGroup(started.child);
  }
});
