import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseMailbox, parseMailboxText, MailboxFileError, type MailboxFile } from './mailbox-file';
import { like, startTestSandbox, type TestSandbox } from './test-helpers';

const fail = (fn: () => unknown): string => {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(MailboxFileError);
    return (e as Error).message;
  }
  throw new Error('expected a MailboxFileError');
};

describe('mailbox file validation (mailbox-format.md)', () => {
  it('bad JSON names the line and column', () => {
    const msg = fail(() => parseMailboxText('{\n  "mailFolders": [\n    { "displayName": "Inbox", }\n  ]\n}', 'box.json'));
    expect(msg).toMatch(/^box\.json is not valid JSON at line 3, column 31: /);
  });

  it('a schema failure names the JSON path', () => {
    const msg = fail(() => parseMailbox({ mailFolders: [{ displayName: 'Inbox', messages: [{ subject: 'a' }, { receivedDateTime: 'yesterday' }] }] }, 'box.json'));
    expect(msg).toContain('box.json does not match the mailbox format');
    expect(msg).toContain('at $.mailFolders[0].messages[1].receivedDateTime');
    const name = fail(() => parseMailbox({ mailFolders: [{ displayName: 'Inbox', childFolders: [{ displayname: 'x' }] }] }));
    expect(name).toContain('at $.mailFolders[0].childFolders[0].displayName');
  });

  it('duplicate ids, well-known names and sibling names are refused with both places', () => {
    expect(fail(() => parseMailbox({ mailFolders: [{ displayName: 'A', id: 'X' }, { displayName: 'B', id: 'X' }] })))
      .toContain('$.mailFolders[1].id repeats X already used at $.mailFolders[0].id');
    expect(fail(() => parseMailbox({ mailFolders: [{ displayName: 'A' }, { displayName: 'a' }] }))).toContain('$.mailFolders[1].displayName');
  });
});

describe('events and To Do lists in the mailbox file (mailbox-format.md, graph-subset §5, §6)', () => {
  it('schema failures and repeated ids name the JSON path', () => {
    const start = { dateTime: '2026-12-01T09:00:00', timeZone: 'Europe/Berlin' };
    expect(fail(() => parseMailbox({ events: [{ subject: 'x', start }] }))).toContain('at $.events[0].end');
    expect(fail(() => parseMailbox({ todoLists: [{ tasks: [] }] }))).toContain('at $.todoLists[0].displayName');
    expect(fail(() => parseMailbox({ todoLists: [{ displayName: 'L', tasks: [{ title: 't', status: 'done' }] }] }))).toContain('at $.todoLists[0].tasks[0].status');
    expect(fail(() => parseMailbox({ events: [{ id: 'E', start, end: start }], todoLists: [{ displayName: 'L', tasks: [{ id: 'E' }] }] })))
      .toContain('$.todoLists[0].tasks[0].id repeats E already used at $.events[0].id');
  });

  it('what Graph would refuse (an unknown zone, a bad all-day event) stops the start with the place in the file', async () => {
    const bad = { events: [{ subject: 'ok', start: { dateTime: '2026-12-01T09:00:00', timeZone: 'UTC' }, end: { dateTime: '2026-12-01T10:00:00', timeZone: 'UTC' } },
      { subject: 'x', start: { dateTime: '2026-12-01T09:00:00', timeZone: 'Mars/Olympus' }, end: { dateTime: '2026-12-01T10:00:00', timeZone: 'UTC' } }] };
    await expect(startTestSandbox({}, bad)).rejects.toThrow(/\$\.events\[1\] is not accepted: .*Mars\/Olympus/);
    await expect(startTestSandbox({}, bad)).rejects.toBeInstanceOf(MailboxFileError);
  });

  it('the demo mailbox loads: its events in Berlin time, its tasks with due dates; file ids, organizers and answers kept', async () => {
    const demo = await startTestSandbox({}, JSON.parse(await readFile(new URL('../fixtures/demo-mailbox.json', import.meta.url), 'utf8')) as MailboxFile);
    try {
      const state = demo.sb.admin.state();
      expect(state.events.map(e => [e.subject, (e.start as { dateTime: string }).dateTime])).toContainEqual(['Angebot Lahntal Brauerei nachfassen', '2026-11-26T13:00:00.0000000']);
      const tasks = demo.sb.admin.todoList('defaultList').tasks;
      expect(tasks.find(x => x.isReminderOn === true)?.dueDateTime).toEqual({ dateTime: '2026-11-23T23:00:00.0000000', timeZone: 'UTC' });
    } finally {
      await demo.close();
    }
    const given = await startTestSandbox({}, { events: [{ id: 'AAMkEvent=', subject: 'Theirs', organizer: { emailAddress: { address: 'boss@example.com' } },
      attendees: [{ emailAddress: { address: 'x@example.com' }, status: { response: 'accepted' } }],
      start: { dateTime: '2026-12-01T09:00:00', timeZone: 'UTC' }, end: { dateTime: '2026-12-01T10:00:00', timeZone: 'UTC' } }] });
    try {
      const e = await given.get('/me/events/AAMkEvent=');
      expect(e.json).toMatchObject({ id: 'AAMkEvent=', isOrganizer: false, organizer: { emailAddress: { address: 'boss@example.com' } }, responseStatus: { response: 'none' },
        attendees: [like({ status: like({ response: 'accepted' }) })] });
    } finally {
      await given.close();
    }
  });
});

describe('mailbox file defaults (mailbox-format.md)', () => {
  let t: TestSandbox;
  const loaded = new Date();
  beforeAll(async () => {
    t = await startTestSandbox({}, {
      mailFolders: [{
        displayName: 'Inbox',
        messages: [
          { id: 'AAMkGivenId=', subject: 'Given id', xCustom: [1, 2], attachments: [{ name: 'a.txt', contentBytes: Buffer.from('hello').toString('base64') }] },
          { subject: 'No dates' },
        ],
      }],
    });
  });
  afterAll(async () => { await t.close(); });

  it('assigns missing ids, keeps given ones, derives size/hasAttachments, defaults dates and internetMessageId, keeps unknown props', async () => {
    const inbox = await t.get('/me/mailFolders/inbox');
    expect(inbox.json.displayName).toBe('Inbox'); // "Inbox" at the top is the inbox even without wellKnownName
    const list = await t.get('/me/mailFolders/inbox/messages');
    const given = list.json.value?.find(m => m.subject === 'Given id') ?? {};
    const other = list.json.value?.find(m => m.subject === 'No dates') ?? {};
    expect(given.id).toBe('AAMkGivenId=');
    expect(given.xCustom).toEqual([1, 2]);
    expect(given.hasAttachments).toBe(true);
    expect(String(other.id)).toMatch(/^AAMkAG[\w=-]+$/);
    expect(Math.abs(Date.parse(String(other.receivedDateTime)) - loaded.getTime())).toBeLessThan(60_000);
    expect(other.sentDateTime).toBe(other.receivedDateTime);
    expect(other.internetMessageId).not.toBe(given.internetMessageId);
    const att = await t.get('/me/messages/AAMkGivenId=/attachments');
    expect(att.json.value?.[0]).toMatchObject({ '@odata.type': '#microsoft.graph.fileAttachment', size: 5, isInline: false });
    expect((await t.get('/me/mailFolders/deleteditems')).status).toBe(200); // standard folders exist in every mailbox
  });
});
