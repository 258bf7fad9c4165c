/**
 * `crm-companion sync` and `crm-companion activities`, run as users run them (separate node processes through
 * bin.mjs) against the Graph sandbox with the demo mailbox, started in this process so the test can read its
 * state. The certificate goes to the CLI with --ca, as DESIGN §5 describes.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { expectBadInput, lastJsonLine, startCliHarness, type CliHarness } from '../../e2e/cli/cli-harness';
import { closedPort } from '../../e2e/sandbox/closed-port';
import { ActivityRow } from '../../shared/crm/activity-row';
import { calendarWindow } from '../engine/two-way';

const ARCHIVE = 'CARMEN/EVI/TINA activities';

/** DESIGN §5: the last line of `sync --json`. */
const Summary = z.object({
  imported: z.number().int(),
  pending: z.number().int(),
  moved: z.number().int(),
  pushed: z.number().int(),
  conflicts: z.number().int(),
  warnings: z.array(z.object({ code: z.string(), message: z.string() })),
  errors: z.array(z.object({ code: z.string(), message: z.string() })),
});

let h: CliHarness;
beforeAll(async () => {
  h = await startCliHarness('sync');
});
afterAll(() => h.close());
beforeEach(() => h.sandbox.admin.reset());

const cli = (...args: string[]) => h.cli(...args);
const database = (crmData?: unknown) => h.database(crmData);
const graph = () => h.graph();

const folderMessages = () => h.sandbox.admin.state().messages;
const folderPathOf = (folderId: string) => h.sandbox.admin.state().folders.find((f) => f.id === folderId)?.path.join('/');

describe('crm-companion sync', () => {
  it('imports the filed mails, leaves the one without subject pending, and a second run imports nothing', async () => {
    const db = await database();
    const first = await cli('sync', '--db', db, ...graph(), '--json');
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    // --json: exactly one line, the summary.
    expect(first.stdout.trimEnd().split('\n')).toHaveLength(1);
    const summary = Summary.parse(lastJsonLine(first));
    expect(summary).toMatchObject({ imported: 16, pending: 1, moved: 16, pushed: 0, conflicts: 0, errors: [] });
    // The two badly named folders are warnings that name the folder.
    const warnings = summary.warnings.map((w) => w.message).join('\n');
    expect(warnings).toContain('CRM Ohne Status');
    expect(warnings).toContain('CRM Unbekannt [X]');

    // In Outlook: the imported mails are in the archive folder; left behind are the pending one and the two
    // mails in the badly named folders.
    const left = folderMessages()
      .filter((m) => folderPathOf(m.parentFolderId)?.startsWith('Inbox/Import folder'))
      .map((m) => (typeof m.subject === 'string' ? m.subject : ''));
    expect(left.sort()).toEqual(['', 'Renewal reminder: partner programme 2027', 'Vertragsentwurf Datenschutz (AVV)']);
    expect(folderMessages().filter((m) => folderPathOf(m.parentFolderId) === `Inbox/${ARCHIVE}`)).toHaveLength(16);

    const second = await cli('sync', '--db', db, ...graph(), '--json');
    expect(second.code).toBe(0);
    expect(Summary.parse(lastJsonLine(second))).toMatchObject({ imported: 0, moved: 0, pending: 1, errors: [] });

    // The activities: 16 imported mails of MUE (the employee whose address the mailbox has), as DESIGN §5 prints them.
    const listed = await cli('activities', '--db', db, '--quicksearch', 'all-imported-mails', '--json');
    expect(listed.code).toBe(0);
    const rows = z.array(ActivityRow.strict()).parse(JSON.parse(listed.stdout));
    expect(rows).toHaveLength(16);
    expect(new Set(rows.map((row) => row.employee))).toEqual(new Set(['MUE']));
    // Beside the keys, the names people know (extra fields; the keys stay as DESIGN §5 fixes them).
    expect(new Set(rows.map((row) => row.employeeName))).toEqual(new Set(['Maria Müller']));
    expect(rows.find((row) => row.subject === 'Rückruf wegen Rahmenvertrag')).toMatchObject({
      contactPerson: 'CP-1002', contactPersonName: 'Peter Hartmann', businessPartner: 'BP-LAHNTAL', businessPartnerName: 'Lahntal Brauerei GmbH',
    });
    expect(rows.map((row) => row.date)).toEqual([...rows.map((row) => row.date)].sort().reverse());
    expect(rows.every((row) => row.type === 'MAILIN' && row.internetMessageId !== null && row.groupwareId !== null)).toBe(true);
    expect(rows.find((row) => row.subject === 'Rückruf wegen Rahmenvertrag')?.status).toBe('O');
    expect(rows.find((row) => row.subject === 'Abholung bestätigt')?.status).toBe('E');
    expect(rows.find((row) => row.subject === 'Service portal: kick-off agenda')?.documents).toHaveLength(1);

    const mine = await cli('activities', '--db', db, '--quicksearch', 'imported-mails', '--json');
    expect(z.array(ActivityRow).parse(JSON.parse(mine.stdout))).toHaveLength(16);
    const someoneElses = await cli('activities', '--db', db, '--quicksearch', 'imported-mails', '--employee', 'SCH', '--json');
    expect(JSON.parse(someoneElses.stdout)).toEqual([]);
  });

  it('prints a short report for people without --json', async () => {
    const db = await database();
    const run = await cli('sync', '--db', db, ...graph());
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Synchronized m.mueller@example.com for employee MUE.');
    expect(run.stdout).toContain('  imported   16 mails as activities');
    expect(run.stdout).toMatch(/^warning: .*CRM Unbekannt \[X\]/m);
    // No progress bar: standard output is a pipe here, and a bar would leave escape sequences in it.
    expect(run.stdout).not.toContain('\u001b[');
  });

  it('synchronizes appointments and tasks too: Outlook-made ones come in, linked back; the next run changes nothing', async () => {
    const soon = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
    const task = h.sandbox.admin.createTask({ title: 'Call back about the offer' });
    const event = h.sandbox.admin.createEvent({
      subject: 'Visit at the customer',
      start: { dateTime: `${soon}T09:00:00`, timeZone: 'Europe/Berlin' },
      end: { dateTime: `${soon}T10:00:00`, timeZone: 'Europe/Berlin' },
    });
    const db = await database();
    const run = await cli('sync', '--db', db, ...graph(), '--areas', 'mails,appointments,tasks', '--web-url', 'https://crm.example.com', '--json');
    expect(run.code, run.stderr).toBe(0);
    const summary = Summary.parse(lastJsonLine(run));
    expect(summary.errors).toEqual([]);
    // 16 mails, and every event and task (the demo mailbox's and the two above); each gets its link back.
    // (The demo's events have fixed dates: count those inside the window the sync watches today.)
    const window = calendarWindow(new Date());
    const inWindow = h.sandbox.admin.state().events.filter((e) => {
      const start = `${String((e.start as { dateTime: string }).dateTime).slice(0, 19)}Z`;
      return start >= window.start.slice(0, 19) && start < window.end.slice(0, 19);
    });
    const items = inWindow.length + h.sandbox.admin.todoList('defaultList').tasks.length;
    expect(items).toBeGreaterThanOrEqual(4);
    expect(summary.imported).toBe(16 + items);
    expect(summary.pushed).toBe(items);
    expect(h.sandbox.admin.task(task.id)?.linkedResources).toEqual([expect.objectContaining({ webUrl: expect.stringMatching(/^https:\/\/crm\.example\.com\/activities\//) as string })]);
    expect(JSON.stringify(h.sandbox.admin.event(event.id)?.body)).toContain('https://crm.example.com/activities/');

    const again = await cli('sync', '--db', db, ...graph(), '--areas', 'appointments,tasks', '--json');
    expect(again.code, again.stderr).toBe(0);
    expect(Summary.parse(lastJsonLine(again))).toMatchObject({ imported: 0, pushed: 0, conflicts: 0, errors: [] });
  });

  it('imports for the employee named with --employee', async () => {
    const db = await database();
    expect((await cli('sync', '--db', db, ...graph(), '--employee', 'SCH', '--json')).code).toBe(0);
    const rows = z.array(ActivityRow).parse(JSON.parse((await cli('activities', '--db', db, '--json')).stdout));
    expect(new Set(rows.map((row) => row.employee))).toEqual(new Set(['SCH']));
  });

  describe('bad input: exit code 2 and one sentence', () => {
    it('an address nothing answers at', async () => {
      const port = await closedPort();
      const run = await cli('sync', '--db', await database(), '--graph-url', `https://127.0.0.1:${port}`, '--token', h.token, '--ca', h.certFile);
      expectBadInput(run, new RegExp(`127\\.0\\.0\\.1:${port}.*cannot be reached`));
    });

    it('a token the server refuses', async () => {
      const run = await cli('sync', '--db', await database(), '--graph-url', h.sandbox.url, '--token', 'wrong', '--ca', h.certFile);
      expectBadInput(run, /^error: .*(token|sign|credential|authent)/i);
    });

    it('a database directory that does not exist', async () => {
      const missing = path.join(h.dir, 'no-such-dir');
      const run = await cli('sync', '--db', path.join(missing, 'crm.sqlite'), ...graph());
      expectBadInput(run, new RegExp(`^error: The directory ${missing} does not exist\\.`));
    });

    it('a database that does not exist', async () => {
      const run = await cli('sync', '--db', path.join(h.dir, 'never-imported.sqlite'), ...graph());
      expectBadInput(run, /does not exist: load the CRM data into it first/);
    });

    it('an unknown area', async () => {
      const run = await cli('sync', '--db', await database(), ...graph(), '--areas', 'mails,contacts');
      expectBadInput(run, /^error: Unknown area "contacts" in --areas: use one or more of mails, appointments, tasks/);
    });

    it('an unknown employee', async () => {
      const run = await cli('sync', '--db', await database(), ...graph(), '--employee', 'NOPE');
      expectBadInput(run, /NOPE/);
    });

    it('a mailbox that belongs to no employee', async () => {
      const others = { employees: [{ key: 'XYZ', name: 'Someone Else', email: 'someone@example.com' }] };
      const run = await cli('sync', '--db', await database(others), ...graph());
      expectBadInput(run, /m\.mueller@example\.com/);
    });

    it('a certificate file that does not exist', async () => {
      const run = await cli('sync', '--db', await database(), '--graph-url', h.sandbox.url, '--token', h.token, '--ca', path.join(h.dir, 'none.pem'));
      expectBadInput(run, /^error: The certificate file .*none\.pem given with --ca does not exist\./);
    });

    it('an address that is not https', async () => {
      const run = await cli('sync', '--db', await database(), '--graph-url', 'http://127.0.0.1:8080', '--token', h.token);
      expectBadInput(run, /must be an https:\/\/ address/);
    });

    it('no token and no sign-in', async () => {
      const run = await cli('sync', '--db', await database(), '--graph-url', h.sandbox.url);
      expectBadInput(run, /^error: No credentials: give --token T, or --data-dir DIR --authority URL --client-id ID after crm-companion signin\./);
    });
  });
});

describe('crm-companion activities', () => {
  it('exits 2 on an unknown quicksearch', async () => {
    const run = await cli('activities', '--db', await database(), '--quicksearch', 'mine', '--json');
    expectBadInput(run, /^error: Unknown quicksearch "mine": use one of imported-mails, all-imported-mails, not-assigned-imported-mails\./);
  });

  it('exits 2 on an unknown employee', async () => {
    const run = await cli('activities', '--db', await database(), '--quicksearch', 'imported-mails', '--employee', 'NOPE', '--json');
    expectBadInput(run, /^error: There is no employee with the key "NOPE"/);
  });

  it('exits 2 when the database does not exist, and creates none', async () => {
    const missing = path.join(h.dir, 'typo.sqlite');
    expectBadInput(await cli('activities', '--db', missing, '--json'), /typo\.sqlite does not exist/);
    expect(existsSync(missing)).toBe(false);
  });

  it('prints an empty array for a store without activities', async () => {
    const run = await cli('activities', '--db', await database(), '--quicksearch', 'imported-mails', '--json');
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('[]\n');
  });
});
