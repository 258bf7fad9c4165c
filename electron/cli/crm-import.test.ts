/** `crm-companion crm import`, run as users run it: a separate node process started through bin.mjs. */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { ImportReport } from '../../shared/crm/import-report';
import { openCrmStore } from '../crm/store';

const bin = path.join(import.meta.dirname, 'bin.mjs');
const demoCrm = path.join(import.meta.dirname, '..', '..', 'e2e', 'fixtures', 'demo-crm.json');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

// Each test gets its own directory, so the tests (each a few node processes) can run concurrently.
const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'crm-cli-'));
  dirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** Runs `crm-companion ARGS` in `dir`. */
function cli(dir: string, ...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    const env = { ...process.env, CRM_COMPANION_DEBUG: '' };
    execFile(process.execPath, [bin, ...args], { cwd: dir, env }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
      resolve({ code, stdout, stderr });
    });
  });
}

function file(dir: string, name: string, content: string): string {
  const target = path.join(dir, name);
  writeFileSync(target, content);
  return target;
}

/** Bad input: exit code 2 and exactly one line on stderr, no stack trace. */
function expectBadInput(run: Run, message: string): void {
  expect(run.stderr).toBe(`${message}\n`);
  expect(run.code).toBe(2);
  expect(run.stdout).toBe('');
}

describe.concurrent('crm-companion crm import', () => {
  it('imports a file, prints a summary, and a second run changes nothing', async () => {
    const dir = tempDir();
    const first = await cli(dir, 'crm', 'import', demoCrm, '--db', 'crm.sqlite');
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain(`Imported ${demoCrm} into crm.sqlite.\n`);
    expect(first.stdout).toContain('  employees            5 new, 0 changed, 0 unchanged\n');
    expect(first.stdout).toContain('  contact persons      15 new, 0 changed, 0 unchanged\n');
    expect(first.stdout).not.toContain('Nothing changed');

    const second = await cli(dir, 'crm', 'import', demoCrm, '--db', 'crm.sqlite');
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('  employees            0 new, 0 changed, 5 unchanged\n');
    expect(second.stdout).toMatch(/Nothing changed: the store already held this data\.\n$/);

    const store = await openCrmStore(path.join(dir, 'crm.sqlite'));
    try {
      expect(await store.counts()).toEqual({ employees: 5, businessPartners: 9, contactPersons: 15, activities: 0 });
    } finally {
      await store.close();
    }
  });

  it('prints the report as one line of JSON with --json', async () => {
    const dir = tempDir();
    await cli(dir, 'crm', 'import', demoCrm, '--db', 'crm.sqlite');
    const run = await cli(dir, 'crm', 'import', demoCrm, '--db', 'crm.sqlite', '--json');
    expect(run.code).toBe(0);
    expect(run.stdout.split('\n')).toEqual([expect.any(String), '']);
    const report = ImportReport.parse(JSON.parse(run.stdout));
    expect(report.employees).toEqual({ inserted: 0, updated: 0, unchanged: 5 });
    for (const counts of Object.values(report)) expect(counts).toMatchObject({ inserted: 0, updated: 0 });
  });

  it('exits 2 when the file does not exist', async () => {
    const dir = tempDir();
    const missing = path.join(dir, 'missing.json');
    expectBadInput(await cli(dir, 'crm', 'import', missing, '--db', 'crm.sqlite'), `error: The file ${missing} does not exist.`);
  });

  it('exits 2 on broken JSON and says where it breaks', async () => {
    const dir = tempDir();
    const broken = file(dir, 'broken.json', '{\n  "employees": [\n    { "key": "MUE", "name": "Maria Müller" "email": "m.mueller@example.com" }\n  ]\n}\n');
    expectBadInput(
      await cli(dir, 'crm', 'import', broken, '--db', 'crm.sqlite'),
      `error: ${broken} is not valid JSON: expected "," or "}" but found '"' at line 3, column 44.`,
    );
    expect(existsSync(path.join(dir, 'crm.sqlite'))).toBe(false);
  });

  it('exits 2 on data that breaks a rule, names entry and rule, and writes nothing', async () => {
    const dir = tempDir();
    const data = file(
      dir,
      'bad.json',
      JSON.stringify({
        employees: [{ key: 'MUE', name: 'Maria Müller', email: 'm.mueller@example.com' }],
        businessPartners: [{ key: 'BP-1', name: 'Partner' }],
        contactPersons: [
          { key: 'CP-1', name: 'Anna', businessPartner: 'BP-1' },
          { key: 'CP-2', name: 'Ben', businessPartner: 'BP-NONE' },
        ],
      }),
    );
    expectBadInput(
      await cli(dir, 'crm', 'import', data, '--db', 'crm.sqlite'),
      `error: ${data} was rejected, nothing was imported: contactPersons[1] "CP-2": businessPartner "BP-NONE" does not exist.`,
    );
    const store = await openCrmStore(path.join(dir, 'crm.sqlite'));
    try {
      expect(await store.counts()).toEqual({ employees: 0, businessPartners: 0, contactPersons: 0, activities: 0 });
    } finally {
      await store.close();
    }
  });

  it('exits 2 when the database directory does not exist', async () => {
    const dir = tempDir();
    const missingDir = path.join(dir, 'no-such-dir');
    expectBadInput(
      await cli(dir, 'crm', 'import', demoCrm, '--db', path.join(missingDir, 'crm.sqlite')),
      `error: The directory ${missingDir} does not exist.`,
    );
  });

  it('exits 2 without --db', async () => {
    const dir = tempDir();
    expectBadInput(await cli(dir, 'crm', 'import', demoCrm), "error: required option '--db <path>' not specified");
  });

  it('exits 2 on an unknown command', async () => {
    const dir = tempDir();
    const run = await cli(dir, 'crm', 'export', demoCrm);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^error: unknown command 'export'/);
  });

  it('exits 1 when the operation fails: a store written by a newer version', async () => {
    const dir = tempDir();
    const dbFile = path.join(dir, 'crm.sqlite');
    const store = await openCrmStore(dbFile);
    await sql`insert into kysely_migration (name, timestamp) values ('0099-later', '2027-01-01T00:00:00.000Z')`.execute(store.db);
    await store.close();

    const run = await cli(dir, 'crm', 'import', demoCrm, '--db', dbFile);
    expect(run.stderr).toBe(
      `error: The database ${dbFile} was written by a newer version of CRM Companion (schema 0099-later); update CRM Companion to use it.\n`,
    );
    expect(run.code).toBe(1);
  });

  it('shows help with exit code 0', async () => {
    const dir = tempDir();
    const run = await cli(dir, 'crm', 'import', '--help');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Usage: crm-companion crm import [options] <file>');
  });
});
