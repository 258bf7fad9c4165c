import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openInMemoryCrmStore, type CrmStore } from '../../crm/store';
import type { DeltaPage, MessageChange } from '../../groupware/mail-provider';
import { commitDeltaPage, forgetFoldersExcept, savedDeltaLink } from './mirror';

// The mirror's own rules, without Outlook: merging partial updates, folder-scoped removals, the sweep after a
// full round, and the deltaLink committed together with the round's last rows.

let store: CrmStore;
beforeEach(async () => {
  store = await openInMemoryCrmStore();
});
afterEach(async () => {
  await store.close();
});

const MAILBOX = 'm@example.com';
const NOW = new Date('2026-11-25T10:00:00Z');
const A = { mailbox: MAILBOX, folderId: 'A' };
const B = { mailbox: MAILBOX, folderId: 'B' };

const full = (id: string, subject = `Subject ${id}`): MessageChange => ({
  kind: 'upsert',
  message: { id, internetMessageId: `<${id}@x>`, subject, from: { name: 'N', address: 'n@x.de' }, sender: null, receivedAt: '2026-11-01T08:00:00Z', hasAttachments: false, changeKey: 'ck1' },
});
const page = (changes: MessageChange[], p: Partial<DeltaPage> = {}): DeltaPage => ({ changes, roundStart: true, fullRound: true, deltaLink: 'https://g/delta?$deltatoken=1', ...p });
const rows = () => store.db.selectFrom('mail_mirror').selectAll().orderBy('message_id').execute();
const commit = (scope: typeof A, p: DeltaPage, roundId = 'r1', beforeDeltaLink?: () => void) =>
  commitDeltaPage(store.db, scope, { page: p, roundId, now: NOW, beforeDeltaLink });

describe('mail mirror', () => {
  it('merges a partial update into the stored row and keeps it complete', async () => {
    await commit(A, page([full('m1')]));
    await commit(A, page([{ kind: 'upsert', message: { id: 'm1', subject: 'Renamed', changeKey: 'ck2' } }], { fullRound: false }));
    expect(await rows()).toEqual([
      expect.objectContaining({ message_id: 'm1', subject: 'Renamed', change_key: 'ck2', internet_message_id: '<m1@x>', from_address: 'n@x.de', received_at: '2026-11-01T08:00:00.000Z', details_complete: 1, attachment_count: 0 }),
    ]);
    // A row first seen through a partial update is not complete: refresh fetches its details.
    await commit(A, page([{ kind: 'upsert', message: { id: 'm2', subject: 'Only this' } }], { fullRound: false }));
    expect((await rows()).find((r) => r.message_id === 'm2')?.details_complete).toBe(0);
  });

  it('a late removal in the old folder does not delete a message that moved to another import folder', async () => {
    await commit(A, page([full('m1')]));
    await commit(B, page([full('m1')], { fullRound: false }));
    await commit(A, page([{ kind: 'removed', id: 'm1' }], { fullRound: false }));
    expect((await rows()).map((r) => [r.message_id, r.folder_id])).toEqual([['m1', 'B']]);
  });

  it('a full round deletes what it did not list, in its folder only', async () => {
    await commit(A, page([full('m1'), full('m2')]));
    await commit(B, page([full('m3')]));
    await commit(A, page([full('m2')], { deltaLink: null }), 'r2');
    await commit(A, page([], { roundStart: false }), 'r2');
    expect((await rows()).map((r) => r.message_id)).toEqual(['m2', 'm3']);
  });

  it('writes the deltaLink in the transaction of the last page: a failure there keeps neither', async () => {
    await commit(A, page([full('m1')], { deltaLink: null }));
    expect(await savedDeltaLink(store.db, A)).toBeNull();
    await expect(commit(A, page([full('m2')], { roundStart: false }), 'r1', () => { throw new Error('crash'); })).rejects.toThrow('crash');
    expect((await rows()).map((r) => r.message_id)).toEqual(['m1']);
    expect(await savedDeltaLink(store.db, A)).toBeNull();
    await commit(A, page([full('m2')], { roundStart: false }));
    expect(await savedDeltaLink(store.db, A)).toBe('https://g/delta?$deltatoken=1');
  });

  it('forgets folders that are no import sources any more, but not imported rows waiting for their move', async () => {
    await commit(A, page([full('m1'), full('m2')]));
    await commit(B, page([full('m3')]));
    await store.db.updateTable('mail_mirror').set({ state: 'imported', activity_id: 'act' }).where('message_id', '=', 'm2').execute();
    await forgetFoldersExcept(store.db, MAILBOX, new Set(['B']));
    expect((await rows()).map((r) => r.message_id)).toEqual(['m2', 'm3']);
    expect(await savedDeltaLink(store.db, A)).toBeNull();
    expect(await savedDeltaLink(store.db, B)).not.toBeNull();
  });
});
