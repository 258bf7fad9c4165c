/**
 * `npm run bench -- --two-way N [--latency-ms L]`: the two-way sync of appointments and tasks through the real
 * Graph provider against the sandbox (in this process: the numbers that matter are request counts). Outlook
 * holds N/2 events and N/2 To Do tasks made there, the CRM N/2 appointed times and N/2 tasks made in it; the
 * first run brings each side the other's, the second has nothing to do. One JSON line:
 * - firstRun: httpRequests (a $batch counted once), graphRequests (its parts counted one by one), wallMs,
 *   imported, pushed;
 * - idleRun: httpRequests, and the requests per channel (the calendar window's delta, the task list's delta,
 *   anything else) — the target: exactly one request per channel, nothing else.
 */
import { seedMinimalCrmData } from '../../electron/crm/test-data';
import { openInMemoryCrmStore } from '../../electron/crm/store';
import { newId } from '../../electron/crm/ids';
import { calendarWindow, runTwoWaySync, type TwoWayOptions } from '../../electron/engine/two-way';
import { connectGraphWith, createGraphItemProvider, staticTokenAuth } from '../../electron/groupware/graph';
import { startSandbox } from '../sandbox';

export interface TwoWayBenchmarkOptions {
  items: number;
  latencyMs: number;
  progress: (line: string) => void;
}

const MAILBOX = 'm.mueller@example.com';
const TOKEN = 'two-way-bench';

export async function runTwoWayBenchmark(opts: TwoWayBenchmarkOptions) {
  const sandbox = await startSandbox({ mailbox: { user: { displayName: 'Maria Müller', mail: MAILBOX, userPrincipalName: MAILBOX }, mailFolders: [{ displayName: 'Inbox', wellKnownName: 'inbox' }] }, token: TOKEN, port: 0 });
  const store = await openInMemoryCrmStore();
  await seedMinimalCrmData(store);
  const { http } = await connectGraphWith({ url: sandbox.url, caPem: sandbox.certPem }, staticTokenAuth(TOKEN));
  try {
    const now = new Date();
    const half = Math.max(1, Math.floor(opts.items / 2));
    const dayAt = (i: number) => new Date(now.getTime() + (1 + (i % 200)) * 86_400_000).toISOString().slice(0, 10);
    opts.progress(`filling Outlook with ${half} events and ${half} tasks, the CRM with ${half} appointed times and ${half} tasks…`);
    for (let i = 0; i < half; i++) {
      sandbox.admin.createEvent({ subject: `Outlook event ${i}`, start: { dateTime: `${dayAt(i)}T09:00:00`, timeZone: 'Europe/Berlin' }, end: { dateTime: `${dayAt(i)}T10:00:00`, timeZone: 'Europe/Berlin' } });
      sandbox.admin.createTask({ title: `Outlook task ${i}` });
    }
    const at = now.toISOString();
    for (let i = 0; i < half; i++) {
      const start = `${dayAt(i)}T13:00:00.000Z`;
      await store.db
        .insertInto('activities')
        .values([
          { id: newId(), type_key: 'APPOINTMENT', status_key: 'O', subject: `CRM appointment ${i}`, date: start, start_at: start, end_at: `${dayAt(i)}T14:00:00.000Z`, responsible_employee_key: 'MUE', origin: 'crm', created_at: at, updated_at: at },
          { id: newId(), type_key: 'TASK', status_key: 'O', subject: `CRM task ${i}`, date: start, due_at: `${dayAt(i)}T00:00:00.000Z`, responsible_employee_key: 'MUE', origin: 'crm', created_at: at, updated_at: at },
        ])
        .execute();
    }
    sandbox.admin.setFaults({ latencyMs: opts.latencyMs });
    const options: TwoWayOptions = {
      db: store.db,
      provider: createGraphItemProvider(http, { owner: MAILBOX, timeZone: 'Europe/Berlin' }),
      mailbox: MAILBOX,
      employee: 'MUE',
      areas: { appointments: true, tasks: true },
      window: calendarWindow(now),
      timeZone: 'Europe/Berlin',
      webClientBaseUrl: null,
      linkLabel: 'Open in CRM',
      runId: null,
    };

    opts.progress('run 1…');
    sandbox.admin.resetRequests();
    let started = performance.now();
    const first = await runTwoWaySync(options);
    const firstWallMs = Math.round(performance.now() - started);
    const firstEntries = sandbox.admin.requests().entries;
    // An HTTP request is one entry; a $batch also logs each of its parts (batchPart), counted as Graph requests.
    const firstHttp = firstEntries.filter((e) => e.batchPart !== true).length;
    const firstGraph = firstEntries.filter((e) => !/\/\$batch$/.test(e.url)).length;

    opts.progress('run 2 (idle)…');
    sandbox.admin.resetRequests();
    started = performance.now();
    const idle = await runTwoWaySync(options);
    const idleWallMs = Math.round(performance.now() - started);
    const entries = sandbox.admin.requests().entries;
    const byChannel = { calendarWindow: 0, taskList: 0, other: 0 };
    for (const entry of entries) {
      const url = decodeURIComponent(entry.url);
      if (/\/calendarView\/delta/.test(url)) byChannel.calendarWindow++;
      else if (/\/todo\/lists\/[^/]+\/tasks\/delta/.test(url)) byChannel.taskList++;
      else byChannel.other++;
    }
    return {
      benchmark: 'two-way',
      items: { outlook: 2 * half, crm: 2 * half },
      latencyMs: opts.latencyMs,
      firstRun: { httpRequests: firstHttp, graphRequests: firstGraph, wallMs: firstWallMs, imported: first.imported, pushed: first.pushed, errors: first.errors.length },
      idleRun: { httpRequests: entries.filter((e) => e.batchPart !== true).length, wallMs: idleWallMs, requestsByChannel: byChannel, imported: idle.imported, pushed: idle.pushed },
      targets: { idleRunOneRequestPerChannel: byChannel.calendarWindow === 1 && byChannel.taskList === 1 && byChannel.other === 0 },
    };
  } finally {
    await http.close();
    await store.close();
    await sandbox.close();
  }
}
