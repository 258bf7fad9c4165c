/**
 * *Check groupware connection* against the Graph sandbox with the demo mailbox (whose Import folder holds two
 * misnamed subfolders, `CRM Ohne Status` and `CRM Unbekannt [X]`) and the demo CRM: what each check says, in
 * English and German; a missing or misspelled Import folder; a refused token, an unreachable server, no account;
 * a permission refused (403) for the calendar alone; and that the check changes nothing in Outlook.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '../../e2e/sandbox';
import { closedPort } from '../../e2e/sandbox/closed-port';
import { ConnectionCheckReport, type ConnectionCheck } from '../../shared/sync/connection-check-types';
import { importCrmData } from '../crm/import';
import { openCrmStore, type CrmStore } from '../crm/store';
import { createCompanionService } from './companion-service';
import { checkGroupwareConnection } from './connection-check';

const fixtures = path.join(import.meta.dirname, '..', '..', 'e2e', 'fixtures');
const demoCrm = JSON.parse(readFileSync(path.join(fixtures, 'demo-crm.json'), 'utf8')) as unknown;
const TOKEN = 'check-token';
const NOW = new Date('2026-12-08T10:00:00Z');

let sandbox: RunningSandbox;
let store: CrmStore;
let dir: string;
let certFile: string;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'crm-connection-check-'));
  certFile = path.join(dir, 'sandbox.pem');
  sandbox = await startSandbox({ mailbox: path.join(fixtures, 'demo-mailbox.json'), token: TOKEN, certOut: certFile });
  store = await openCrmStore(path.join(dir, 'crm.sqlite'));
  await importCrmData(store, demoCrm);
});
afterAll(async () => {
  await store.close();
  await sandbox.close();
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => sandbox.admin.reset());

const endpoint = (overrides: { url?: string; token?: string } = {}) => ({ url: sandbox.url, token: TOKEN, ca: certFile, ...overrides });
/** `target` null: no account configured. */
const check = async (lang: 'en' | 'de' = 'en', target: ReturnType<typeof endpoint> | null = endpoint()) =>
  ConnectionCheckReport.parse(await checkGroupwareConnection(store, target ?? undefined, { lang, now: () => NOW })).checks;
const byId = (checks: ConnectionCheck[], id: string) => checks.find((c) => c.id === id);
const outline = (checks: ConnectionCheck[]) => checks.map((c) => `${c.status} ${c.id}`);

describe('a working account', () => {
  it('passes each step, reports each misnamed folder as a warning in words with a name that works, and changes nothing', async () => {
    const checks = await check();
    expect(outline(checks)).toEqual([
      'passed signIn',
      'passed mailbox',
      'passed employee',
      'passed importFolder',
      'passed folder:Import folder/CRM Erledigt [E]',
      'passed folder:Import folder/CRM Offen [O]',
      'warning folder:Import folder/CRM Ohne Status',
      'warning folder:Import folder/CRM Unbekannt [X]',
      'passed archiveFolder',
      'passed calendar',
      'passed taskList',
      'passed permissions',
    ]);
    expect(byId(checks, 'mailbox')?.message).toBe('The mailbox of Maria Müller (m.mueller@example.com).');
    expect(byId(checks, 'employee')?.message).toMatch(/^The mailbox belongs to the employee .+ \(\w+\)\.$/);
    expect(byId(checks, 'importFolder')?.message).toBe('"Import folder" is directly under the Inbox and has 4 subfolders.');
    expect(byId(checks, 'folder:Import folder/CRM Erledigt [E]')?.message).toMatch(/^Mails filed here are imported with status E \(.+\)\.$/);
    expect(byId(checks, 'folder:Import folder/CRM Ohne Status')).toMatchObject({
      title: 'Import folder/CRM Ohne Status',
      message: 'Folder "CRM Ohne Status" is not imported from: the status key in square brackets is missing at the end of its name, e.g. "CRM Ohne Status [O]". The status keys in the CRM are E, I, O.',
      fix: 'Rename the folder in Outlook, e.g. to "CRM Ohne Status [O]".',
    });
    expect(byId(checks, 'folder:Import folder/CRM Unbekannt [X]')?.message).toContain('the CRM has no status key "X"');
    expect(byId(checks, 'archiveFolder')?.message).toBe('"CARMEN/EVI/TINA activities" is not there yet: it will be created under the Inbox at the first import.');
    expect(byId(checks, 'calendar')?.message).toBe('The calendar can be read from 2026-09-01 to 2028-01-01 (the synchronization’s window).');
    expect(byId(checks, 'taskList')?.message).toBe('The To Do list "Tasks" is the default list: tasks and follow-ups are synchronized with it.');
    expect(checks.filter((c) => c.status === 'passed').every((c) => c.fix === undefined)).toBe(true);

    // Read only: no folder created, nothing written.
    expect(sandbox.admin.state().folders.some((f) => f.displayName === 'CARMEN/EVI/TINA activities')).toBe(false);
    expect(new Set(sandbox.admin.requests().entries.map((e) => e.method))).toEqual(new Set(['GET']));
  });

  it('says it in German', async () => {
    const checks = await check('de');
    expect(byId(checks, 'signIn')).toMatchObject({ title: 'Anmeldung', message: `Microsoft Graph unter ${sandbox.url} hat die Anmeldung angenommen.` });
    expect(byId(checks, 'folder:Import folder/CRM Unbekannt [X]')).toMatchObject({
      status: 'warning',
      message: expect.stringContaining('„CRM Unbekannt [X]“') as string,
      fix: 'Benennen Sie den Ordner in Outlook um, z. B. in „CRM Unbekannt [O]“.',
    });
    expect(byId(checks, 'archiveFolder')?.message).toBe('„CARMEN/EVI/TINA activities“ gibt es noch nicht: der Ordner wird beim ersten Import unter dem Posteingang angelegt.');
  });

  it('finds the archive folder once it is there', async () => {
    sandbox.admin.createFolder('inbox', 'CARMEN/EVI/TINA activities');
    expect(byId(await check(), 'archiveFolder')).toMatchObject({ status: 'passed', message: '"CARMEN/EVI/TINA activities" is under the Inbox: imported mails are moved there.' });
  });
});

describe('Import folder', () => {
  it('missing: failed, saying to create it; the other checks still run', async () => {
    sandbox.admin.deleteFolder(sandbox.admin.folder('inbox', 'Import folder').id);
    const checks = await check();
    expect(byId(checks, 'importFolder')).toMatchObject({
      status: 'failed',
      message: expect.stringContaining('There is no folder "Import folder" directly under your Inbox') as string,
      fix: 'In Outlook, create the folder "Import folder" directly under the Inbox.',
    });
    expect(checks.some((c) => c.id.startsWith('folder:'))).toBe(false);
    expect(outline(checks).filter((line) => !line.startsWith('passed'))).toEqual(['failed importFolder']);
  });

  it('misspelt: failed, naming the folder to rename', async () => {
    sandbox.admin.renameFolder(sandbox.admin.folder('inbox', 'Import folder').id, 'import Folder');
    expect(byId(await check(), 'importFolder')).toMatchObject({ status: 'failed', fix: 'Rename "import Folder" to "Import folder" in Outlook.' });
  });
});

describe('sign-in and connection', () => {
  it('a refused token (401) fails the sign-in in words; everything after it is skipped, saying why', async () => {
    const checks = await check('en', endpoint({ token: 'wrong-token' }));
    expect(checks[0]).toMatchObject({
      id: 'signIn',
      status: 'failed',
      message: expect.stringMatching(/^Microsoft Graph at https:\/\/127\.0\.0\.1:\d+ refused the sign-in \(401 InvalidAuthenticationToken\): the access token is invalid or has expired\.$/) as string,
      fix: 'Sign in again (or give a valid token).',
    });
    expect(checks.slice(1).map((c) => c.status)).toEqual(Array(7).fill('skipped'));
    expect(byId(checks, 'calendar')?.message).toBe('Not checked, because "Sign-in" failed.');
  });

  it('an unreachable server fails the sign-in, saying what to check', async () => {
    const checks = await check('en', endpoint({ url: `https://127.0.0.1:${await closedPort()}` }));
    expect(checks[0]).toMatchObject({ status: 'failed', message: expect.stringContaining('cannot be reached') as string, fix: 'Check the address and the network connection, then check again.' });
    expect(checks.slice(1).every((c) => c.status === 'skipped')).toBe(true);
  });

  it('an untrusted certificate says to give its CA', async () => {
    const checks = ConnectionCheckReport.parse(await checkGroupwareConnection(store, { url: sandbox.url, token: TOKEN }, { lang: 'en' })).checks;
    expect(checks[0]).toMatchObject({ status: 'failed', fix: 'The server’s certificate is not trusted: give its CA certificate (--ca FILE).' });
  });

  it('no account configured: the sign-in says so in German too', async () => {
    const checks = await check('de', null);
    expect(checks[0]).toMatchObject({ status: 'failed', message: 'Es ist kein Outlook-Konto eingerichtet.' });
    expect(checks[1]?.message).toBe('Nicht geprüft, weil „Anmeldung“ fehlgeschlagen ist.');
  });
});

describe('permissions', () => {
  it('a calendar read refused with 403 names the missing permission there and in the summary; the rest passes', async () => {
    sandbox.admin.setFaults({ status: 403, path: '/me/calendarView' });
    const checks = await check();
    expect(byId(checks, 'calendar')).toMatchObject({
      status: 'failed',
      message: 'Outlook refused access to the calendar (403 ErrorAccessDenied): the app lacks the permission Calendars.ReadWrite.',
      fix: expect.stringContaining('grant the app the delegated Microsoft Graph permission Calendars.ReadWrite') as string,
    });
    expect(byId(checks, 'taskList')?.status).toBe('passed');
    expect(byId(checks, 'permissions')).toMatchObject({ status: 'failed', message: 'The permission Calendars.ReadWrite is missing: the synchronization cannot work without it.' });
  });

  it('the mailbox refused (403): User.Read is missing, and what needs the mailbox is skipped', async () => {
    sandbox.admin.setFaults({ status: 403, path: '/me' });
    const checks = await check('de');
    expect(outline(checks).slice(0, 3)).toEqual(['passed signIn', 'failed mailbox', 'skipped employee']);
    expect(byId(checks, 'mailbox')?.message).toBe('Outlook verweigert den Zugriff auf das Postfach (403 ErrorAccessDenied): der App fehlt die Berechtigung User.Read.');
  });
});

it('the service answers groupware.check with the report, in the language asked for', async () => {
  const handle = await createCompanionService({ dataDir: path.join(dir, 'service'), mode: 'browser', groupware: endpoint(), crmSeed: demoCrm });
  try {
    const report = await handle.service['groupware.check']({ lang: 'de' });
    expect(byId(report.checks, 'taskList')?.message).toBe('Die Aufgabenliste „Tasks“ ist die Standardliste: mit ihr werden Aufgaben und Wiedervorlagen synchronisiert.');
    expect(report.checks.filter((c) => c.status === 'failed')).toEqual([]);
  } finally {
    await handle.close();
  }
});
