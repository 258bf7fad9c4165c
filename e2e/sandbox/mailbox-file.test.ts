import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseMailbox, parseMailboxText, MailboxFileError } from './mailbox-file';
import { startTestSandbox, type TestSandbox } from './test-helpers';

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
