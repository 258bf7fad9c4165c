/**
 * The service's sync calls over a fake mail import: what reaches the engine, what the front doors get back
 * (through the real dispatcher, so errors are checked as the data they become), which events go out.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { contract, type SyncProgress, type TrayNotice } from '../../shared/contract';
import { ActivityRow } from '../../shared/crm/activity-row';
import { CompanionError } from '../../shared/ipc/contract-kit';
import type { CandidateList, MailImportSelection, SyncArea, SyncSummary } from '../../shared/sync/mail-import-types';
import { openCrmStore } from '../crm/store';
import { importedMail, MINIMAL_CRM_DATA } from '../crm/test-data';
import { createDispatcher } from '../host/dispatch';
import { silentLog } from '../host/log';
import type { SchedulerClock } from '../engine/scheduler';
import { handClock } from '../engine/hand-clock';
import { createCompanionService, type CompanionServiceHandle } from './companion-service';
import type { ImportRunOptions, MailImportRunner } from './mail-import-engine';
import type { OpenMailImportSession } from './mail-import-session';
import type { OpenTwoWay } from './two-way-sync';
import type { OutlookItemCandidate } from '../../shared/sync/two-way-types';

const CANDIDATES: CandidateList = {
  folders: [
    { id: 'f-bad', path: 'Import folder/CRM Unbekannt [X]', displayName: 'CRM Unbekannt [X]', status: null, problem: { code: 'FOLDER_UNKNOWN_STATUS', message: 'unknown status X' } },
  ],
  candidates: [],
  warnings: [{ code: 'FOLDER_UNKNOWN_STATUS', message: 'unknown status X' }],
};

/** A stored mail body as the sanitizer leaves it: one picture from the web (a tracking pixel). */
const PREVIEW_HTML = '<p>Hello</p><img src="https://tracker.example.net/p.gif" width="1" height="1" />';

const SUMMARY: SyncSummary = { runId: 'run-1', imported: 1, pending: 0, moved: 1, pushed: 0, conflicts: 0, warnings: [], errors: [], activityIds: ['a-1'] };

/** A fake engine that records what it was asked and reports two progress steps per operation. */
function fakeEngine(options: { failConnects?: number; automatic?: SyncSummary } = {}) {
  const calls = {
    connects: 0,
    refreshes: 0,
    /** The language each refresh was asked for. */
    refreshLangs: [] as Array<string | undefined>,
    imports: [] as Array<{ selections: MailImportSelection[]; trigger: string | undefined; lang?: string | undefined }>,
  };
  let failuresLeft = options.failConnects ?? 0;
  const progress = (opts: ImportRunOptions | undefined) => {
    opts?.onProgress?.({ phase: 'started', done: 0, total: 1 });
    opts?.onProgress?.({ phase: 'finished', done: 1, total: 1 });
  };
  const runner: MailImportRunner = {
    refresh: (opts) => {
      calls.refreshes += 1;
      calls.refreshLangs.push(opts?.lang);
      progress(opts);
      return Promise.resolve(CANDIDATES);
    },
    importSelected: (selections, opts) => {
      calls.imports.push({ selections, trigger: opts?.trigger, lang: opts?.lang });
      progress(opts);
      return Promise.resolve(SUMMARY);
    },
    runAutomatic: () => Promise.resolve(options.automatic ?? SUMMARY),
    preview: (messageId) => Promise.resolve({ messageId, html: PREVIEW_HTML, remoteImages: 1 }),
  };
  const open: OpenMailImportSession = () => {
    calls.connects += 1;
    if (failuresLeft > 0) {
      failuresLeft -= 1;
      return Promise.reject(new CompanionError('GROUPWARE_UNREACHABLE', 'Outlook cannot be reached.'));
    }
    return Promise.resolve({ runner, employeeKey: 'SCH', mailbox: 'j.schneider@example.com' });
  };
  return { calls, open };
}

const ITEM: OutlookItemCandidate = {
  itemId: 'evt-1', area: 'appointments', change: 'new', activityId: null, type: 'APPOINTMENT', subject: 'Visit in Marburg',
  start: '2026-12-09T09:00:00.000Z', end: '2026-12-09T10:00:00.000Z', allDay: false, due: null, contactPerson: null, changedFields: [],
};

/** A fake two-way sync: records connections, previews and runs; a run takes in what it is told to accept. */
function fakeTwoWay(options: { unreachable?: boolean } = {}) {
  const calls = {
    opened: [] as Array<{ employee: string | undefined; lang: string | undefined }>,
    previews: [] as SyncArea[][],
    runs: [] as Array<{ areas: SyncArea[]; runId: string | null | undefined; accepted: string[] | undefined }>,
    closed: 0,
  };
  const open: OpenTwoWay = (_store, _endpoint, connect = {}) => {
    if (options.unreachable === true) return Promise.reject(new Error('the calendar cannot be read'));
    calls.opened.push({ employee: connect.employee, lang: connect.lang });
    return Promise.resolve({
      mailbox: 'j.schneider@example.com',
      employeeKey: 'SCH',
      preview: (areas) => {
        calls.previews.push([...areas]);
        return Promise.resolve({ items: [ITEM], errors: [{ code: 'GROUPWARE_PERMANENT', message: 'Tasks: the list cannot be read.' }] });
      },
      run: (areas, runId, accepted) => {
        calls.runs.push({ areas: [...areas], runId, accepted: accepted === undefined ? undefined : [...accepted] });
        const ids = [...(accepted ?? [])].map((id) => `activity-of-${id}`);
        return Promise.resolve({ imported: ids.length, pushed: 1, conflicts: 0, unlinked: 0, activityIds: ids, warnings: [], errors: [] });
      },
      close: () => {
        calls.closed += 1;
        return Promise.resolve();
      },
    });
  };
  return { calls, open };
}

const dirs: string[] = [];
const handles: CompanionServiceHandle[] = [];
afterEach(async () => {
  for (const handle of handles.splice(0)) await handle.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function start(options: { engine?: ReturnType<typeof fakeEngine>; twoWay?: ReturnType<typeof fakeTwoWay>; configured?: boolean; lang?: 'de' | 'en'; clock?: SchedulerClock } = {}) {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'crm-service-'));
  dirs.push(dataDir);
  const handle = await createCompanionService({
    dataDir,
    mode: 'browser',
    crmSeed: MINIMAL_CRM_DATA,
    ...(options.lang ? { lang: options.lang } : {}),
    ...(options.configured === false ? {} : { groupware: { url: 'https://graph.example', token: 't' } }),
    ...(options.engine ? { openMailImport: options.engine.open } : {}),
    ...(options.twoWay ? { openTwoWay: options.twoWay.open } : {}),
    ...(options.clock ? { schedulerClock: options.clock } : {}),
  });
  handles.push(handle);
  const progress: SyncProgress[] = [];
  const notices: TrayNotice[] = [];
  handle.events.subscribe((event, payload) => {
    if (event === 'sync.progress') progress.push(payload as SyncProgress);
    if (event === 'tray.notice') notices.push(payload as TrayNotice);
  });
  return { handle, dataDir, dispatch: createDispatcher(contract, handle.service, { log: silentLog }), progress, notices };
}

describe('sync.candidates', () => {
  it('connects once per service, refreshes each time and relays progress as events', async () => {
    const engine = fakeEngine();
    const { dispatch, progress } = await start({ engine });
    await expect(dispatch('sync.candidates', { areas: ['mails'] })).resolves.toEqual({ ok: true, value: { ...CANDIDATES, items: [] } });
    await expect(dispatch('sync.candidates', {})).resolves.toMatchObject({ ok: true });
    expect(engine.calls).toMatchObject({ connects: 1, refreshes: 2 });
    expect(progress.map((p) => p.phase)).toEqual(['started', 'finished', 'started', 'finished']);
    // One id per operation: the two refreshes are told apart.
    expect(progress[0]?.runId).toBe(progress[1]?.runId);
    expect(progress[0]?.runId).not.toBe(progress[2]?.runId);
  });

  it('lists Outlook’s new and changed appointments and tasks for those areas, an area it cannot read as a warning', async () => {
    const engine = fakeEngine();
    const twoWay = fakeTwoWay();
    const { dispatch } = await start({ engine, twoWay });
    const onlyItems = await dispatch('sync.candidates', { areas: ['tasks', 'appointments'], lang: 'de' });
    expect(onlyItems).toEqual({
      ok: true,
      value: { folders: [], candidates: [], items: [ITEM], warnings: [{ code: 'GROUPWARE_PERMANENT', message: 'Tasks: the list cannot be read.' }] },
    });
    // Fixed order, the mails' refresh not asked for; the signed-in employee and the language passed on.
    expect(twoWay.calls.previews).toEqual([['appointments', 'tasks']]);
    expect(twoWay.calls.opened).toEqual([{ employee: 'SCH', lang: 'de' }]);
    expect(engine.calls.refreshes).toBe(0);
    const mixed = await dispatch('sync.candidates', { areas: ['mails', 'tasks'] });
    expect(mixed.ok && mixed.value).toMatchObject({ candidates: [], items: [ITEM], warnings: [...CANDIDATES.warnings, { code: 'GROUPWARE_PERMANENT' }] });
    expect(engine.calls.refreshes).toBe(1);
    expect(twoWay.calls.closed).toBe(2);
  });

  it('answers GROUPWARE_NOT_CONFIGURED with a sentence when no account is configured', async () => {
    const { dispatch } = await start({ configured: false });
    const result = await dispatch('sync.candidates', { areas: ['mails'] });
    expect(result).toEqual({ ok: false, error: { code: 'GROUPWARE_NOT_CONFIGURED', message: expect.stringMatching(/^No Outlook account is configured.*\.$/) as string } });
  });

  it('passes a connection failure on as data and connects anew on the next attempt', async () => {
    const engine = fakeEngine({ failConnects: 1 });
    const { dispatch } = await start({ engine });
    await expect(dispatch('sync.candidates', { areas: ['mails'] })).resolves.toEqual({
      ok: false,
      error: { code: 'GROUPWARE_UNREACHABLE', message: 'Outlook cannot be reached.' },
    });
    await expect(dispatch('sync.candidates', { areas: ['mails'] })).resolves.toMatchObject({ ok: true });
    expect(engine.calls.connects).toBe(2);
  });
});

describe('sync.import', () => {
  it('imports the selections as a manual run and returns its summary', async () => {
    const engine = fakeEngine();
    const { dispatch, progress } = await start({ engine });
    const selections = [{ messageId: 'm-1', overrides: { subject: 'Typed by the user' } }, { messageId: 'm-2' }];
    await expect(dispatch('sync.import', { selections })).resolves.toEqual({ ok: true, value: SUMMARY });
    expect(engine.calls.imports).toEqual([
      { selections: [{ messageId: 'm-1', overrides: { subject: 'Typed by the user' } }, { messageId: 'm-2', overrides: {} }], trigger: 'manual', lang: 'en' },
    ]);
    expect(progress).toHaveLength(2);
  });

  it('with appointments or tasks: the mails, then a two-way run under the same run id taking in the ticked items', async () => {
    const engine = fakeEngine();
    const twoWay = fakeTwoWay();
    const { dispatch } = await start({ engine, twoWay });
    const result = await dispatch('sync.import', { selections: [{ messageId: 'm-1' }], items: ['evt-1', 'task-2'], areas: ['mails', 'tasks', 'appointments'] });
    expect(result).toEqual({
      ok: true,
      value: { ...SUMMARY, imported: 3, itemsImported: 2, pushed: 1, activityIds: ['a-1', 'activity-of-evt-1', 'activity-of-task-2'] },
    });
    expect(engine.calls.imports).toHaveLength(1);
    expect(twoWay.calls.runs).toEqual([{ areas: ['appointments', 'tasks'], runId: 'run-1', accepted: ['evt-1', 'task-2'] }]);
    expect(twoWay.calls.closed).toBe(1);
  });

  it('without mails: no mail import, a journal entry of its own with the two-way counts', async () => {
    const engine = fakeEngine();
    const twoWay = fakeTwoWay();
    const { dispatch, dataDir } = await start({ engine, twoWay });
    const result = await dispatch('sync.import', { items: [], areas: ['tasks'] });
    expect(result).toMatchObject({ ok: true, value: { imported: 0, itemsImported: 0, pushed: 1, moved: 0, activityIds: [] } });
    expect(engine.calls.imports).toEqual([]);
    const runId = result.ok ? (result.value as SyncSummary).runId : '';
    expect(twoWay.calls.runs).toEqual([{ areas: ['tasks'], runId, accepted: [] }]);
    const store = await openCrmStore(path.join(dataDir, 'crm.sqlite'));
    try {
      const run = await store.db.selectFrom('sync_runs').selectAll().where('id', '=', runId).executeTakeFirstOrThrow();
      expect(run).toMatchObject({ trigger: 'manual', finished_at: expect.any(String) as string });
      expect(JSON.parse(run.counts_json ?? '{}')).toMatchObject({ imported: 0, pushed: 1 });
    } finally {
      await store.close();
    }
  });

  it('keeps the imported mails when Outlook’s calendar cannot be reached after them: an error in words in the summary', async () => {
    const engine = fakeEngine();
    const { dispatch } = await start({ engine, twoWay: fakeTwoWay({ unreachable: true }), lang: 'de' });
    const result = await dispatch('sync.import', { selections: [{ messageId: 'm-1' }], items: ['evt-1'], areas: ['mails', 'appointments'] });
    expect(result).toEqual({
      ok: true,
      value: { ...SUMMARY, errors: [{ code: 'GROUPWARE_UNREACHABLE', message: 'Termine und Aufgaben wurden nicht synchronisiert: the calendar cannot be read' }] },
    });
  });
});

describe('the UI language', () => {
  it('reaches the engine with each call, over the one connection, and falls back to the service\'s', async () => {
    const engine = fakeEngine();
    const { dispatch } = await start({ engine }); // the service's language: English
    await dispatch('sync.candidates', { areas: ['mails'], lang: 'de' });
    await dispatch('sync.candidates', { areas: ['mails'] });
    await dispatch('sync.candidates', { areas: ['mails'], lang: 'en' });
    await dispatch('sync.import', { selections: [{ messageId: 'm-1' }], lang: 'de' });
    await dispatch('sync.import', { selections: [{ messageId: 'm-1' }] });
    expect(engine.calls.refreshLangs).toEqual(['de', 'en', 'en']);
    expect(engine.calls.imports.map((call) => call.lang)).toEqual(['de', 'en']);
    expect(engine.calls.connects).toBe(1);
    // A service started in German answers in German unless a call asks otherwise.
    const german = fakeEngine();
    const deService = await start({ engine: german, lang: 'de' });
    await deService.dispatch('sync.candidates', {});
    await deService.dispatch('sync.import', { selections: [], lang: 'en' });
    expect(german.calls.refreshLangs).toEqual(['de']);
    expect(german.calls.imports.map((call) => call.lang)).toEqual(['en']);
  });

  it('refuses a language the UI has no catalog for', async () => {
    const { dispatch } = await start({ engine: fakeEngine() });
    await expect(dispatch('sync.candidates', { areas: ['mails'], lang: 'fr' })).resolves.toMatchObject({ ok: false });
  });
});

describe('activities.list', () => {
  async function withActivities(engine = fakeEngine()) {
    const started = await start({ engine });
    // A second connection to the service's database, as a CLI run beside the app would have.
    const store = await openCrmStore(path.join(started.dataDir, 'crm.sqlite'));
    try {
      await store.db.insertInto('sync_runs').values({ id: 'run-1', trigger: 'manual', started_at: '2026-11-01T00:00:00.000Z' }).execute();
      await store.db
        .insertInto('activities')
        .values([
          importedMail('2026-11-02T08:00:00.000Z', { id: 'mue-1', sync_run_id: 'run-1' }),
          importedMail('2026-11-03T08:00:00.000Z', { id: 'sch-1', responsible_employee_key: 'SCH' }),
        ])
        .execute();
    } finally {
      await store.close();
    }
    return { ...started, engine };
  }

  it('lists the activities of one run without connecting to Outlook', async () => {
    const { dispatch, engine } = await withActivities();
    const result = await dispatch('activities.list', { runId: 'run-1' });
    expect(result.ok && result.value).toEqual([expect.objectContaining({ id: 'mue-1', employee: 'MUE', employeeName: 'Maria Müller' })]);
    expect(engine.calls.connects).toBe(0);
  });

  it('lists "Imported mails" of the signed-in employee', async () => {
    const { dispatch } = await withActivities();
    const result = await dispatch('activities.list', { quicksearch: 'imported-mails' });
    expect(result.ok && z.array(ActivityRow).parse(result.value).map((row) => row.id)).toEqual(['sch-1']);
  });
});

describe('sync.preview', () => {
  it('hands over remote pictures without their addresses unless the user asked for this mail\'s', async () => {
    const { dispatch } = await start({ engine: fakeEngine() });
    expect(await dispatch('sync.preview', { messageId: 'm-1' })).toEqual({
      ok: true,
      value: { messageId: 'm-1', html: '<p>Hello</p><img width="1" height="1" data-remote-image />', remoteImages: 1 },
    });
    const asked = await dispatch('sync.preview', { messageId: 'm-1', remoteImages: false });
    expect(asked.ok && JSON.stringify(asked.value)).not.toContain('tracker');
    expect(await dispatch('sync.preview', { messageId: 'm-1', remoteImages: true })).toEqual({ ok: true, value: { messageId: 'm-1', html: PREVIEW_HTML, remoteImages: 1 } });
  });
});

describe('activities.get', () => {
  it('gives one activity from the store without connecting to Outlook; null for an unknown id; refuses an empty id', async () => {
    const engine = fakeEngine();
    const { dispatch, dataDir } = await start({ engine });
    const store = await openCrmStore(path.join(dataDir, 'crm.sqlite'));
    try {
      await store.db
        .insertInto('activities')
        .values(importedMail('2026-11-02T08:00:00.000Z', { id: 'mue-1', sender_name: 'Anna Schmidt', sender_address: 'a.schmidt@cursor.de', body_html: PREVIEW_HTML }))
        .execute();
    } finally {
      await store.close();
    }
    const found = await dispatch('activities.get', { id: 'mue-1' });
    expect(found).toMatchObject({ ok: true, value: { id: 'mue-1', employeeName: 'Maria Müller', sender: { name: 'Anna Schmidt', address: 'a.schmidt@cursor.de' } } });
    // The page never gets the pixel's address.
    expect(found).toMatchObject({ ok: true, value: { body: '<p>Hello</p><img width="1" height="1" data-remote-image />' } });
    expect(await dispatch('activities.get', { id: 'nothing-here' })).toEqual({ ok: true, value: null });
    expect(await dispatch('activities.get', { id: '' })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(engine.calls.connects).toBe(0);
  });
});

describe('prefs.*', () => {
  it('hands out the defaults, stores a change in the data folder, and refuses an invalid one as data', async () => {
    const { dispatch, dataDir } = await start({ configured: false });
    expect(await dispatch('prefs.get', {})).toMatchObject({ ok: true, value: { preferences: { areas: { mails: true, tasks: false }, documentsStep: true }, notice: null } });
    const changed = await dispatch('prefs.update', { patch: { documentsStep: false, resultView: 'allImportedMails' } });
    expect(changed).toMatchObject({ ok: true, value: { preferences: { documentsStep: false, resultView: 'allImportedMails' } } });
    const refused = await dispatch('prefs.update', { patch: { syncIntervalMinutes: 0 } });
    expect(refused.ok).toBe(false);
    expect(JSON.parse(readFileSync(path.join(dataDir, 'preferences.json'), 'utf8'))).toMatchObject({ documentsStep: false, syncIntervalMinutes: 15 });
  });
});

describe('sync.cancel', () => {
  it('says that nothing was cancelled when no operation runs', async () => {
    const { dispatch } = await start({ engine: fakeEngine() });
    expect(await dispatch('sync.cancel', {})).toEqual({ ok: true, value: { cancelled: false } });
  });
});

describe('crm.lists', () => {
  it('answers from the store, without connecting to Outlook, and refuses arguments it does not know', async () => {
    const engine = fakeEngine();
    const { dispatch } = await start({ engine });
    const result = await dispatch('crm.lists', {});
    expect(result.ok && result.value).toMatchObject({
      employees: [
        { key: 'SCH', name: 'Jonas Schneider' },
        { key: 'MUE', name: 'Maria Müller' },
      ],
      contactPersons: [{ key: 'CP-1', name: 'Anna Schmidt', businessPartner: 'BP-CURSOR' }],
    });
    expect(engine.calls.connects).toBe(0);
    await expect(dispatch('crm.lists', { partner: 'BP-CURSOR' })).resolves.toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
  });
});

describe('automatic synchronization', () => {
  it('runs on the schedule once switched on in the preferences, and tells the tray what it imported', async () => {
    const engine = fakeEngine();
    const time = handClock();
    const { dispatch, notices } = await start({ engine, clock: time.clock });
    expect(time.live()).toEqual([]); // off by default: no timer at all
    await dispatch('prefs.update', { patch: { automaticSync: true, syncIntervalMinutes: 30 } });
    expect(time.live().map((t) => t.ms)).toEqual([30 * 60_000]);
    time.fire();
    await expect.poll(() => notices).toEqual([{ kind: 'imported', title: '1 activity imported', message: 'Open the imported activities.', runId: 'run-1' }]);
    // The next run is planned again one interval later.
    await expect.poll(() => time.live().length).toBe(1);
  });

  it('a run that found Outlook out of reach makes it look again every minute instead of waiting the interval', async () => {
    const unreachable: SyncSummary = { ...SUMMARY, imported: 0, activityIds: [], errors: [{ code: 'GROUPWARE_UNREACHABLE', message: 'Outlook cannot be reached.' }] };
    const time = handClock();
    const { dispatch } = await start({ engine: fakeEngine({ automatic: unreachable }), clock: time.clock });
    await dispatch('prefs.update', { patch: { automaticSync: true, syncIntervalMinutes: 30 } });
    time.fire();
    await expect.poll(() => time.live().map((t) => t.ms)).toEqual([60_000]);
  });

  it('Sync now runs at once even while automatic synchronization is off; without an account it says why', async () => {
    const { dispatch, notices } = await start({ engine: fakeEngine() });
    expect(await dispatch('sync.now', {})).toEqual({ ok: true, value: SUMMARY });
    expect(notices.map((n) => n.kind)).toEqual(['imported']);
    const { dispatch: unconfigured } = await start({ configured: false });
    expect(await unconfigured('sync.now', {})).toEqual({ ok: false, error: { code: 'SYNC_PAUSED', message: 'No Outlook account is configured.' } });
  });
});
