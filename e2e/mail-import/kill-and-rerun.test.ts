/**
 * Kill the process, run again: zero duplicates, zero lost (DESIGN §3, §4). mail-import.test.ts throws at five
 * named points inside one process; here the real CLI (`crm-companion sync`, a node process of its own, as users
 * run it) gets SIGKILL, so nothing after the cut runs — no catch, no finally, only SQLite's own recovery.
 *
 * The moment of the kill is not a clock's: the sandbox (in this process) logs every Graph operation, and the
 * test kills as soon as the log shows the phase under way. A small time per operation (Outlook's own, holding
 * one of the mailbox's 4 slots) makes each phase last several hundred milliseconds, and each trigger leaves
 * most of its phase still to do, so a slow machine moves the cut within the phase, never out of it. What the
 * store holds at the cut is checked too: it proves the phase. The engine overlaps its phases (stamps and moves
 * of a committed chunk go out while the next chunks are fetched), and the phases below follow that.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import { z } from 'zod';
import { ActivityRow } from '../../shared/crm/activity-row';
import { openCrmStore } from '../../electron/crm/store';
import { seedMinimalCrmData } from '../../electron/crm/test-data';
import { ARCHIVE_FOLDER_NAME, CRM_ACTIVITY_ID_PROPERTY } from '../../electron/groupware/graph';
import type { LogEntry } from '../sandbox';
import { mail, PDF_BYTES, startHarness, TOKEN, type Harness } from './harness';

const bin = path.join(import.meta.dirname, '..', '..', 'electron', 'cli', 'bin.mjs');
const IMPORT = ['Import folder'];
const DONE = ['Import folder', 'CRM Erledigt [E]'];
const MAILS = 90;
/** Per Graph operation. Fetch, stamp and move are 90 batch parts each, chained, 4 chains at once: ~0.7 s each. */
const OPERATION_MS = 30;

let h: Harness;
let dir: string;
let certFile: string;
beforeAll(async () => {
  h = await startHarness();
  // Delta pages of 10 mails: the refresh of Import folder (60 mails) takes several round trips to cut into.
  h.sb.admin.configure({ maxPageSize: 10 });
  dir = mkdtempSync(path.join(tmpdir(), 'crm-kill-'));
  certFile = path.join(dir, 'sandbox-cert.pem');
  writeFileSync(certFile, h.sb.certPem);
});
afterAll(async () => {
  await h.close();
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => h.sb.admin.reset());
// A failed test leaves no CLI behind.
const children = new Set<ChildProcess>();
afterEach(() => {
  for (const child of children) child.kill('SIGKILL');
  children.clear();
});

/** 60 mails in Import folder, 30 in `CRM Erledigt [E]`, every fifth with a PDF; by Message-ID the status each must get. */
function fillMailbox(): { status: Map<string, string>; withPdf: Set<string> } {
  const status = new Map<string, string>();
  const withPdf = new Set<string>();
  for (let i = 0; i < MAILS; i++) {
    const id = `<kill-${i}@cursor.de>`;
    const done = i % 3 === 2;
    const pdf = i % 5 === 0;
    const attachments = pdf ? [{ name: `offer-${i}.pdf`, contentType: 'application/pdf', contentBytes: PDF_BYTES.toString('base64') }] : [];
    h.add(done ? DONE : IMPORT, mail({ internetMessageId: id, attachments }));
    status.set(id, done ? 'E' : 'I');
    if (pdf) withPdf.add(id);
  }
  return { status, withPdf };
}

let dbCount = 0;
async function database(): Promise<string> {
  const file = path.join(dir, `crm-${++dbCount}.sqlite`);
  const store = await openCrmStore(file);
  await seedMinimalCrmData(store);
  await store.close();
  return file;
}

interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** The CLI as a child process (bin.mjs, as sync.test.ts runs it), with a handle to kill it. */
function cli(...args: string[]): { exited: Promise<Exit>; kill: () => void } {
  const env = { ...process.env, CRM_COMPANION_DEBUG: '', LANG: 'C', LC_ALL: '', LC_MESSAGES: '' };
  const child = spawn(process.execPath, [bin, ...args], { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<Exit>((resolve) => {
    child.on('close', (code, signal) => {
      children.delete(child);
      resolve({ code, signal, stdout, stderr });
    });
  });
  return { exited, kill: () => child.kill('SIGKILL') };
}

const sync = (db: string) => cli('sync', '--db', db, '--graph-url', h.sb.url, '--token', TOKEN, '--ca', certFile, '--json');

/** Graph operations the sandbox has answered since the log was last cleared (its 5000-entry window is plenty). */
const logged = (test: (e: LogEntry, url: string) => boolean) => h.sb.admin.requests().entries.filter((e) => test(e, decodeURIComponent(e.url))).length;
const deltaNextPages = () => logged((e, url) => url.includes('/messages/delta') && url.includes('$skiptoken'));
const stamps = () => logged((e, url) => e.batchPart && e.method === 'PATCH' && /\/messages\/[^/?]+$/.test(url));
const isMove = (e: LogEntry) => e.batchPart && e.method === 'POST' && decodeURIComponent(e.url).endsWith('/move');
const moves = () => logged((e) => isMove(e));
/** Delta requests after the last move: the catch-up round that reads the moves' removals. */
const deltaAfterMoves = () => {
  const entries = h.sb.admin.requests().entries;
  const lastMove = entries.findLastIndex(isMove);
  return lastMove < 0 ? 0 : entries.slice(lastMove + 1).filter((e) => e.url.includes('/messages/delta')).length;
};

/** Polls (every 5 ms, in the sandbox's own event loop) until `ready`; fails if the child ends first. */
async function killWhen(run: ReturnType<typeof cli>, ready: () => boolean, what: string): Promise<Exit> {
  let ended: Exit | undefined;
  void run.exited.then((exit) => (ended = exit));
  // Only a guard against a hang: on a busy CI the CLI alone may take 10 s and more to start.
  const deadline = Date.now() + 90_000;
  while (!ready()) {
    if (ended !== undefined) throw new Error(`sync ended (code ${String(ended.code)}) before ${what}: ${ended.stderr}`);
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  run.kill();
  return run.exited;
}

/** What the killed run left: activities, and outbox rows (stamps, moves) still to send. */
async function storeAtKill(db: string): Promise<{ activities: number; pending: number }> {
  const store = await openCrmStore(db, { migrate: false });
  try {
    const activities = await store.db.selectFrom('activities').select(({ fn }) => fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const pending = await store.db.selectFrom('outbox').select(({ fn }) => fn.countAll<number>().as('n')).where('status', '=', 'pending').executeTakeFirstOrThrow();
    return { activities: Number(activities.n), pending: Number(pending.n) };
  } finally {
    await store.close();
  }
}

/** Mails in the archive folder (which the first move creates). */
function archived(): number {
  const { folders, messages } = h.sb.admin.state();
  const archive = folders.find((f) => f.path.join('/') === `Inbox/${ARCHIVE_FOLDER_NAME}`);
  return messages.filter((m) => m.parentFolderId === archive?.id).length;
}

interface Phase {
  name: string;
  ready: () => boolean;
  /** What the store and Outlook must show right after the kill, proving where it hit. */
  atKill: (s: { activities: number; pending: number; archived: number }) => void;
}

// Each trigger leaves more than half of its phase to do.
const PHASES: Phase[] = [
  {
    name: 'during the delta refresh',
    ready: () => deltaNextPages() >= 2,
    atKill: (s) => expect(s).toEqual({ activities: 0, pending: 0, archived: 0 }),
  },
  {
    // The first chunk (20 mails) is committed and its stamps and moves start; chunks 4 and 5 are still to fetch.
    name: 'after the first chunk is imported, while the next ones are fetched',
    ready: () => stamps() + moves() >= 1,
    atKill: (s) => {
      expect(s.activities).toBeGreaterThanOrEqual(20);
      expect(s.activities).toBeLessThan(MAILS);
      expect(s.pending).toBeGreaterThan(0);
      expect(s.archived).toBeLessThan(MAILS);
    },
  },
  {
    // Half the mails in the archive folder, the rest of the stamps and moves (and their records) to come.
    name: 'while stamps and moves go out',
    ready: () => moves() >= MAILS / 2,
    atKill: (s) => {
      expect(s.pending).toBeGreaterThan(0);
      expect(s.archived).toBeGreaterThanOrEqual(MAILS / 2);
      expect(s.archived).toBeLessThan(MAILS);
    },
  },
  {
    // Everything sent and recorded; the delta round that reads the moves' removals is under way.
    name: 'during the catch-up delta round after the moves',
    ready: () => moves() >= MAILS && deltaAfterMoves() >= 2,
    atKill: (s) => expect(s).toEqual({ activities: MAILS, pending: 0, archived: MAILS }),
  },
];

it.each(PHASES)('SIGKILL $name, then run again: every mail is one activity and sits in the archive folder', async (phase) => {
  const { status, withPdf } = fillMailbox();
  const db = await database();
  h.sb.admin.setFaults({ operationMs: OPERATION_MS });

  const killed = await killWhen(sync(db), phase.ready, phase.name);
  expect(killed.signal).toBe('SIGKILL');
  phase.atKill({ ...(await storeAtKill(db)), archived: archived() });

  // Run again — without the operation time, nothing to wait for now — until a run completes.
  h.sb.admin.resetFaults();
  let rerun: Exit | undefined;
  for (let attempt = 0; attempt < 3 && rerun?.code !== 0; attempt++) rerun = await sync(db).exited;
  expect(rerun?.code, rerun?.stderr).toBe(0);
  expect(JSON.parse(rerun?.stdout.trim().split('\n').at(-1) ?? '')).toMatchObject({ errors: [] });

  // The CRM: one activity per mail — none twice, none missing — with its folder's status and its attachment.
  const listed = await cli('activities', '--db', db, '--json').exited;
  expect(listed.code, listed.stderr).toBe(0);
  const rows = z.array(ActivityRow).parse(JSON.parse(listed.stdout));
  const ids = rows.map((row) => row.internetMessageId ?? '');
  expect(new Set(ids).size).toBe(rows.length);
  expect([...ids].sort()).toEqual([...status.keys()].sort());
  for (const row of rows) {
    const id = row.internetMessageId ?? '';
    expect(row.status).toBe(status.get(id));
    expect(row.documents).toHaveLength(withPdf.has(id) ? 1 : 0);
  }

  // Outlook: every mail moved to the archive folder, stamped with its activity; the import folders are empty.
  const { messages, folders } = h.sb.admin.state();
  const archiveId = h.folderId(ARCHIVE_FOLDER_NAME);
  const importFolderIds = new Set(folders.filter((f) => f.path[0] === 'Inbox' && f.path[1] === 'Import folder').map((f) => f.id));
  expect(messages.filter((m) => importFolderIds.has(m.parentFolderId)).map((m) => m.internetMessageId)).toEqual([]);
  expect(messages.filter((m) => m.parentFolderId === archiveId).length).toBe(MAILS);
  for (const row of rows) {
    const message = messages.find((m) => m.immutableId === row.groupwareId);
    expect(message?.parentFolderId).toBe(archiveId);
    expect(message?.internetMessageId).toBe(row.internetMessageId);
    const stamp = message?.singleValueExtendedProperties.find((p) => p.id.toLowerCase() === CRM_ACTIVITY_ID_PROPERTY.toLowerCase());
    expect(stamp?.value).toBe(row.id);
  }
}, 180_000);
