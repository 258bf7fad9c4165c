import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { deltaRound, startTestSandbox, type TestSandbox } from './test-helpers';

let t: TestSandbox;
let importId: string;
let deltaPath: string;
beforeAll(async () => { t = await startTestSandbox(); });
afterAll(async () => { await t.close(); });
beforeEach(() => {
  t.sb.admin.reset();
  importId = t.sb.admin.folder('inbox', 'Import folder').id;
  deltaPath = `/me/mailFolders/${importId}/messages/delta`;
});

const IMMUTABLE = { Prefer: 'IdType="ImmutableId"' };
const subjects = (items: Array<Record<string, unknown>>) => items.map(i => i.subject);

describe('message delta, first round (graph-subset §2, §12 Paging & delta)', () => {
  it('pages by Prefer: odata.maxpagesize resent on each page, ending in one deltaLink; link form mailfolders(\'id\')', async () => {
    const prefer = { Prefer: 'odata.maxpagesize=5' };
    const first = await t.get(deltaPath, prefer);
    expect(first.headers.get('preference-applied')).toBe('odata.maxpagesize=5');
    expect(first.json['@odata.context']).toBe(`${t.sb.url}/v1.0/$metadata#Collection(message)`);
    const round = await deltaRound(t, deltaPath, prefer);
    expect(round.pages.map(p => p.length)).toEqual([5, 5, 2]);
    expect(round.items).toHaveLength(12);
    expect(new Set(round.items.map(i => i.id)).size).toBe(12);
    expect(round.nextLinks[0]).toMatch(new RegExp(`^${t.sb.url.replace(/\./g, '\\.')}/v1\\.0/me/mailfolders\\('${importId}'\\)/messages/delta\\?\\$skiptoken=`));
    expect(round.deltaLink).toMatch(new RegExp(`/v1\\.0/me/mailfolders\\('${importId}'\\)/messages/delta\\?\\$deltatoken=`));
    const item = round.items[0] ?? {};
    expect(item['@odata.type']).toBe('#microsoft.graph.message');
    expect(item['@odata.etag']).toBe(`W/"${String(item.changeKey)}"`);
    expect(item.subject).toBe('Offer 12'); // receivedDateTime desc
  });

  it('without Prefer pages hold 10; the token does not remember maxpagesize; a full last page is followed by an empty one', async () => {
    const plain = await deltaRound(t, deltaPath);
    expect(plain.pages.map(p => p.length)).toEqual([10, 2]);
    const first = await t.get(deltaPath, { Prefer: 'odata.maxpagesize=2' });
    expect(first.json.value).toHaveLength(2);
    const second = await t.get(first.json['@odata.nextLink'] as string); // Prefer not resent → default 10
    expect(second.json.value).toHaveLength(10);
    const exact = await deltaRound(t, deltaPath, { Prefer: 'odata.maxpagesize=6' });
    expect(exact.pages.map(p => p.length)).toEqual([6, 6, 0]);
  });

  it('caps odata.maxpagesize at the configured server maximum', async () => {
    t.sb.admin.configure({ maxPageSize: 4 });
    try {
      const r = await t.get(deltaPath, { Prefer: 'odata.maxpagesize=50' });
      expect(r.json.value).toHaveLength(4);
      expect(r.headers.get('preference-applied')).toBe('odata.maxpagesize=4');
    } finally {
      t.sb.admin.configure({ maxPageSize: 1000 });
    }
  });

  it('$top caps the round total while pages keep their size (observed, §2)', async () => {
    const round = await deltaRound(t, `${deltaPath}?$top=2`);
    expect(round.pages.map(p => p.length)).toEqual([2, 0]);
  });

  it('$select is baked into the tokens: later pages carry only the selected props', async () => {
    const round = await deltaRound(t, `${deltaPath}?$select=subject,isRead`, { Prefer: 'odata.maxpagesize=5' });
    for (const item of round.items) expect(Object.keys(item).sort()).toEqual(['@odata.etag', '@odata.type', 'id', 'isRead', 'subject']);
    const bad = await t.get(`${deltaPath}?$select=nonsense`);
    expect(bad.status).toBe(400);
  });

  it('$filter only on receivedDateTime ge/gt', async () => {
    const round = await deltaRound(t, `${deltaPath}?$filter=${encodeURIComponent('receivedDateTime ge 2026-11-10T00:00:00Z')}`);
    expect(subjects(round.items).sort()).toEqual(['Offer 10', 'Offer 11', 'Offer 12']);
    const bad = await t.get(`${deltaPath}?$filter=${encodeURIComponent("subject eq 'x'")}`);
    expect(bad.status).toBe(400);
  });
});

describe('message delta, later rounds (§2)', () => {
  it('the deltaLink answers only changes: a new message in full, an update partially', async () => {
    const { deltaLink } = await deltaRound(t, deltaPath);
    const empty = await deltaRound(t, deltaLink);
    expect(empty.items).toEqual([]);
    const target = t.sb.admin.state().messages.find(m => m.subject === 'Offer 03');
    t.sb.admin.updateMessage(target?.id ?? '', { isRead: true });
    t.sb.admin.addMessage(importId, { subject: 'Fresh', from: { emailAddress: { address: 'new@cursor.de' } } });
    const changes = await deltaRound(t, deltaLink);
    expect(changes.items).toHaveLength(2);
    const updated = changes.items.find(i => i.id === target?.id) ?? {};
    expect(updated).toMatchObject({ isRead: true, '@odata.type': '#microsoft.graph.message' });
    expect(updated.subject).toBeUndefined();
    const fresh = changes.items.find(i => i.subject === 'Fresh');
    expect(fresh).toMatchObject({ from: { emailAddress: { address: 'new@cursor.de' } }, isRead: false });
  });

  it('@removed for items moved out or deleted; the moved item is new (with a new id) in the destination', async () => {
    const archiveId = t.sb.admin.folder('inbox', 'Import folder', 'CRM Erledigt [E]').id;
    const src = await deltaRound(t, deltaPath);
    const dst = await deltaRound(t, `/me/mailFolders/${archiveId}/messages/delta`);
    const [a, b] = [src.items[0], src.items[1]].map(i => String(i?.id));
    t.sb.admin.moveMessage(a ?? '', archiveId);
    t.sb.admin.deleteMessage(b ?? '');
    const srcChanges = await deltaRound(t, src.deltaLink);
    expect(srcChanges.items).toEqual([
      { '@odata.type': '#microsoft.graph.message', id: a, '@removed': { reason: 'deleted' } },
      { '@odata.type': '#microsoft.graph.message', id: b, '@removed': { reason: 'deleted' } },
    ]);
    const dstChanges = await deltaRound(t, dst.deltaLink);
    expect(dstChanges.items).toHaveLength(1);
    expect(dstChanges.items[0]?.id).not.toBe(a);
    expect(dstChanges.items[0]?.subject).toBe(src.items[0]?.subject);
    const deleted = await deltaRound(t, `/me/mailFolders/deleteditems/messages/delta`);
    expect(subjects(deleted.items)).toEqual([src.items[1]?.subject]);
  });

  it('with ImmutableId the ids stay across moves; the same deltaLink works with and without the header (§11)', async () => {
    const archiveId = t.sb.admin.folder('archive').id;
    const src = await deltaRound(t, deltaPath, IMMUTABLE);
    const state = t.sb.admin.state().messages;
    const first = state.find(m => m.immutableId === src.items[0]?.id);
    expect(first).toBeDefined();
    t.sb.admin.moveMessage(first?.immutableId ?? '', archiveId);
    const viaImmutable = await deltaRound(t, src.deltaLink, IMMUTABLE);
    expect(viaImmutable.items).toEqual([{ '@odata.type': '#microsoft.graph.message', id: first?.immutableId, '@removed': { reason: 'deleted' } }]);
    const viaRest = await deltaRound(t, src.deltaLink);
    expect(viaRest.items[0]?.id).toBe(first?.id); // the REST id it had in this folder
  });

  it('a deltaLink may be replayed and answers the changes since that token', async () => {
    const { deltaLink } = await deltaRound(t, deltaPath);
    const [m1, m2] = t.sb.admin.state().messages.filter(m => m.parentFolderId === importId);
    t.sb.admin.updateMessage(m1?.id ?? '', { categories: ['CRM'] });
    const once = await deltaRound(t, deltaLink);
    const twice = await deltaRound(t, deltaLink);
    expect(once.items.map(i => i.id)).toEqual([m1?.id]);
    expect(twice.items.map(i => i.id)).toEqual([m1?.id]);
    expect(twice.items[0]).toMatchObject({ categories: ['CRM'] });
    t.sb.admin.updateMessage(m2?.id ?? '', { isRead: true });
    expect((await deltaRound(t, deltaLink)).items.map(i => i.id).sort()).toEqual([m1?.id, m2?.id].sort());
    expect((await deltaRound(t, once.deltaLink)).items.map(i => i.id)).toEqual([m2?.id]);
  });

  it('changeType=created baked into the token limits later rounds to new items', async () => {
    const { deltaLink } = await deltaRound(t, `${deltaPath}?changeType=created`);
    const [m1] = t.sb.admin.state().messages.filter(m => m.parentFolderId === importId);
    t.sb.admin.updateMessage(m1?.id ?? '', { isRead: true });
    t.sb.admin.addMessage(importId, { subject: 'Brand new' });
    expect(subjects((await deltaRound(t, deltaLink)).items)).toEqual(['Brand new']);
  });

  it('expired tokens answer 410 SyncStateNotFound, deltaLinks and nextLinks alike (§2, §10)', async () => {
    const { deltaLink } = await deltaRound(t, deltaPath);
    const page = await t.get(deltaPath, { Prefer: 'odata.maxpagesize=2' });
    await t.call('POST', '/_sandbox/faults', { body: { expireDeltaTokens: true } });
    for (const link of [deltaLink, page.json['@odata.nextLink'] as string]) {
      const r = await t.get(link);
      expect(r.status).toBe(410);
      expect((r.json.error as { code: string }).code).toBe('SyncStateNotFound');
    }
    expect((await t.get(`${deltaPath.replace('/delta', '')}/delta?$deltatoken=made-up`)).status).toBe(410);
  });

  it('a superseded skiptoken answers 410; the latest one may be retried', async () => {
    const prefer = { Prefer: 'odata.maxpagesize=3' };
    const p1 = await t.get(deltaPath, prefer);
    const a = p1.json['@odata.nextLink'] as string;
    const p2 = await t.get(a, prefer);
    const b = p2.json['@odata.nextLink'] as string;
    const p3 = await t.get(b, prefer);
    expect(p3.status).toBe(200);
    const retry = await t.get(b, prefer);
    expect(retry.status).toBe(200);
    expect(retry.json.value).toEqual(p3.json.value);
    const stale = await t.get(a, prefer);
    expect(stale.status).toBe(410);
    expect((stale.json.error as { code: string }).code).toBe('SyncStateNotFound');
  });
});

describe('folder delta (§1.5)', () => {
  it('reports the whole tree flat, then created, renamed and deleted folders', async () => {
    const first = await deltaRound(t, '/me/mailFolders/delta', { Prefer: 'odata.maxpagesize=50' });
    expect(first.items.map(f => f.displayName)).toContain('CRM Erledigt [E]');
    const created = t.sb.admin.createFolder('inbox', 'New one');
    const project = t.sb.admin.folder('inbox', 'Project 01');
    t.sb.admin.renameFolder(project.id, 'Project One');
    t.sb.admin.deleteFolder(t.sb.admin.folder('inbox', 'Project 02').id);
    const next = await deltaRound(t, first.deltaLink);
    expect(next.items).toHaveLength(3);
    expect(next.items.find(f => f.id === created.id)?.displayName).toBe('New one');
    expect(next.items.find(f => f.id === project.id)?.displayName).toBe('Project One');
    expect(next.items.find(f => f['@removed'] !== undefined)).toMatchObject({ '@removed': { reason: 'deleted' } });
  });
});
