/**
 * Helpers for the wizard specs: open the wizard in browser mode, call the host's contract as another window
 * would (e.g. `prefs.update` before the wizard opens, `activities.list` to see what was stored), put more mails
 * into the sandbox's Import folder, and read Outlook's side from the sandbox.
 */
import type { Page } from '@playwright/test';
import type WebSocket from 'ws';
import type { Contract } from '../../shared/contract';
import type { ApiOf } from '../../shared/ipc/contract-kit';
import type { SyncApp } from './fixtures';
import { connectWs, login, opened } from './host-client';

export const ARCHIVE = 'CARMEN/EVI/TINA activities';
/** The demo's valid import folders, by path below the mailbox root. */
export const IMPORT_FOLDERS = ['Inbox/Import folder', 'Inbox/Import folder/CRM Erledigt [E]', 'Inbox/Import folder/CRM Offen [O]'];
/** The demo's one mail without a subject (it blocks *Next* until it gets one or is unticked). */
export const NO_SUBJECT = 'Import the mail “(no subject)” from Thomas Weber';
export const CONTRACT_MAIL = 'Signed contract – partner licences';
export const CONTRACT_PDF = 'Partner licence agreement (signed).pdf';
export const AGENDA_MAIL = 'Service portal: kick-off agenda';
export const AGENDA_TXT = 'Kick-off agenda.txt';

export async function openWizard(page: Page, { app }: SyncApp): Promise<void> {
  await page.goto(app.url); // presents the secret once; the session cookie carries on
  await page.goto(`${app.origin}/#/sync`);
}

type Call = keyof Contract['calls'];
type Answer<C extends Call> = Awaited<ReturnType<ApiOf<Contract>['call'][C]>>;

/** One contract call over a WebSocket of its own, logged in as a browser would be; resolves to the result. */
export async function callHost<C extends Call>({ app }: SyncApp, name: C, req: unknown): Promise<Answer<C>> {
  const { cookie } = await login(app.url);
  const socket: WebSocket = connectWs(app.origin, { cookie, origin: app.origin });
  await opened(socket);
  try {
    return await new Promise<Answer<C>>((resolve) => {
      socket.on('message', (data: Buffer) => {
        const frame = JSON.parse(data.toString('utf8')) as { t: string; id?: number; result?: unknown };
        if (frame.t === 'result' && frame.id === 1) resolve(frame.result as Answer<C>);
      });
      socket.send(JSON.stringify({ t: 'call', id: 1, name, req }));
    });
  } finally {
    socket.close();
  }
}

/** Like callHost, for calls that must work: the value, or the test fails with the server's error. */
export async function valueOf<C extends Call>(app: SyncApp, name: C, req: unknown) {
  const result = await callHost(app, name, req);
  if (!result.ok) throw new Error(`${name} failed: ${result.error.code} ${result.error.message}`);
  return result.value;
}

/** `count` more mails in Import folder ("Bulk 001" …), so an import takes several chunks of 20. */
export function addBulkMails({ sandbox }: SyncApp, count: number): string[] {
  const folder = sandbox.admin.folder('inbox', 'Import folder');
  const subjects: string[] = [];
  for (let i = 1; i <= count; i++) {
    const subject = `Bulk ${String(i).padStart(3, '0')}`;
    sandbox.admin.addMessage(folder.id, { subject, from: { emailAddress: { name: 'Bulk sender', address: `bulk${i}@example.org` } } });
    subjects.push(subject);
  }
  return subjects;
}

/** Subjects of the mails in an Outlook folder, by its path below the mailbox root, sorted. */
export function subjectsIn({ sandbox }: SyncApp, folderPath: string): string[] {
  const state = sandbox.admin.state();
  const folder = state.folders.find((f) => f.path.join('/') === folderPath);
  if (folder === undefined) return [];
  return state.messages
    .filter((m) => m.parentFolderId === folder.id)
    .map((m) => (typeof m.subject === 'string' ? m.subject : ''))
    .sort();
}

export function subjectsInImportFolders(app: SyncApp): string[] {
  return IMPORT_FOLDERS.flatMap((folder) => subjectsIn(app, folder)).sort();
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
