/**
 * Running the real `crm-companion` command line as a user's shell would (node electron/cli/bin.mjs, its own
 * process), against the Graph sandbox with the demo mailbox, on CRM databases holding the demo CRM data.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';
import { importCrmData } from '../../electron/crm/import';
import { openCrmStore } from '../../electron/crm/store';
import { startSandbox, type RunningSandbox } from '../sandbox';

const bin = path.join(import.meta.dirname, '..', '..', 'electron', 'cli', 'bin.mjs');
const fixtures = path.join(import.meta.dirname, '..', 'fixtures');
const demoCrm = JSON.parse(readFileSync(path.join(fixtures, 'demo-crm.json'), 'utf8')) as { employees: Array<{ key: string }> };

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

export interface CliHarness {
  sandbox: RunningSandbox;
  dir: string;
  certFile: string;
  token: string;
  cli(...args: string[]): Promise<Run>;
  /** A new database holding `crmData` (the demo CRM by default). */
  database(crmData?: unknown): Promise<string>;
  /** `--graph-url … --token … --ca …` for the sandbox. */
  graph(): string[];
  close(): Promise<void>;
}

export async function startCliHarness(name: string): Promise<CliHarness> {
  const dir = mkdtempSync(path.join(tmpdir(), `crm-cli-${name}-`));
  const certFile = path.join(dir, 'sandbox-cert.pem');
  const token = `cli-${name}-token`;
  const sandbox = await startSandbox({ mailbox: path.join(fixtures, 'demo-mailbox.json'), token, certOut: certFile });
  let count = 0;
  return {
    sandbox,
    dir,
    certFile,
    token,
    cli: (...args) =>
      new Promise((resolve) => {
        const env = { ...process.env, CRM_COMPANION_DEBUG: '', LANG: 'C', LC_ALL: '', LC_MESSAGES: '', TZ: 'Europe/Berlin' };
        execFile(process.execPath, [bin, ...args], { cwd: dir, env }, (error, stdout, stderr) => {
          const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
          resolve({ code, stdout, stderr });
        });
      }),
    async database(crmData: unknown = demoCrm) {
      count += 1;
      const file = path.join(dir, `crm-${count}.sqlite`);
      const store = await openCrmStore(file);
      try {
        await importCrmData(store, crmData);
      } finally {
        await store.close();
      }
      return file;
    },
    graph: () => ['--graph-url', sandbox.url, '--token', token, '--ca', certFile],
    async close() {
      await sandbox.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function lastJsonLine(run: Run): unknown {
  const lines = run.stdout.trimEnd().split('\n');
  return JSON.parse(lines.at(-1) ?? '') as unknown;
}

/** Bad input: exit code 2, one sentence on stderr, no stack trace, nothing on stdout. */
export function expectBadInput(run: Run, pattern: RegExp): void {
  expect(run.stderr).toMatch(/^error: [^\n]+\.\n$/);
  expect(run.stderr).toMatch(pattern);
  expect(run.stderr).not.toMatch(/\n\s+at /);
  expect(run.stdout).toBe('');
  expect(run.code).toBe(2);
}
