import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { deltaRequestsByFolder, engine, mail, MAILBOX, PDF_BYTES, seededStore, startHarness, type Harness } from '../../../e2e/mail-import/harness';
import type { CrmStore } from '../../crm/store';
import { ARCHIVE_FOLDER_NAME } from '../../groupware/graph';
import type { MailProvider } from '../../groupware/mail-provider';
import { SimulatedCrash, type CrashPoint, type MailImportDeps } from './index';

// The mail import end to end against the Graph sandbox: what lands in the CRM, what happens in Outlook, and the
// guarantees of DESIGN §3/§4 — imported once, ever; never lost; crash at any step and run again.

let h: Harness;
const stores: CrmStore[] = [];
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await Promise.all(stores.map((s) => s.close()));
  await h.close();
});
beforeEach(() => {
  h.sb.admin.reset();
});

const IMPORT = ['Import folder'];
const DONE = ['Import folder', 'CRM Erledigt [E]'];
const NESTED = ['Import folder', 'CRM Erledigt [E]', 'CRM Nested [O]'];
const DEEP = ['Import folder', 'Misc', 'CRM Deep [E]'];
const MISC = ['Import folder', 'Misc'];
const UNKNOWN = ['Import folder', 'CRM Unknown [X]'];
const VALID_FOLDERS = [IMPORT, DONE, NESTED, DEEP];

async function setup(options: { deltaPageSize?: number; store?: CrmStore } & Partial<MailImportDeps> = {}) {
  const store = options.store ?? (await seededStore());
  if (options.store === undefined) stores.push(store);
  const { provider } = await h.connect(options.deltaPageSize === undefined ? {} : { deltaPageSize: options.deltaPageSize });
  const { deltaPageSize: _size, store: _store, ...extra } = options;
  return { store, provider, sync: engine(store, provider, extra) };
}

/** The warnings about mails: the base mailbox's two misnamed folders are reported on every run. */
const mailWarnings = (summary: { warnings: Array<{ code: string; message: string }> }) => summary.warnings.filter((w) => !['NOT_CRM_PREFIX', 'UNKNOWN_STATUS'].includes(w.code));
const activities = (store: CrmStore) => store.db.selectFrom('activities').selectAll().orderBy('date').execute();
const archiveId = () => h.sb.admin.folder('inbox', ARCHIVE_FOLDER_NAME).id;
const inImportFolders = () => VALID_FOLDERS.flatMap((path) => h.messagesIn(...path));

describe('first import, end to end', () => {
  it('imports the mails of Import folder and valid CRM folders (nested too) and leaves the others untouched', async () => {
    const a = h.add(IMPORT, mail({
      subject: ' Offer for licences ',
      receivedDateTime: '2026-11-03T09:15:00Z',
      body: {
        contentType: 'html',
        content: '<script>alert(1)</script><p onclick="steal()" style="color: red; background: url(https://t.example/x)">Hello <a href="javascript:steal()">click</a> <a href="https://cursor.de">site</a> <img src="https://tracker.example/p.png" onerror="x()"></p>',
      },
      attachments: [{ name: 'offer.pdf', contentType: 'application/pdf', contentBytes: PDF_BYTES.toString('base64') }],
    }));
    const b = h.add(DONE, mail({ receivedDateTime: '2026-11-04T09:00:00Z', from: { emailAddress: { name: 'Sales', address: 'sales@cursor.de' } } }));
    const c = h.add(NESTED, mail({ receivedDateTime: '2026-11-05T09:00:00Z', from: { emailAddress: { name: 'Stranger', address: 'someone@gmail.com' } } }));
    const d = h.add(DEEP, mail({ receivedDateTime: '2026-11-06T09:00:00Z' }));
    const e = h.add(MISC, mail());
    const f = h.add(UNKNOWN, mail());
    const { store, provider, sync } = await setup();

    const list = await sync.refresh();
    expect(list.folders.map((x) => [x.path, x.status, x.problem?.code ?? null])).toEqual([
      ['Import folder', null, null],
      ['Import folder/CRM Erledigt [E]', 'E', null],
      ['Import folder/CRM Erledigt [E]/CRM Nested [O]', 'O', null],
      ['Import folder/Misc', null, 'NOT_CRM_PREFIX'],
      ['Import folder/Misc/CRM Deep [E]', 'E', null],
      ['Import folder/CRM Unknown [X]', null, 'UNKNOWN_STATUS'],
    ]);
    // Each skipped folder is a warning in words that names the folder.
    expect(list.warnings.map((w) => w.code).sort()).toEqual(['NOT_CRM_PREFIX', 'UNKNOWN_STATUS']);
    expect(list.warnings.find((w) => w.code === 'UNKNOWN_STATUS')?.message).toContain('CRM Unknown [X]');
    expect(list.warnings.find((w) => w.code === 'NOT_CRM_PREFIX')?.message).toContain('Misc');
    expect(list.candidates.map((x) => [x.messageId, x.status, x.senderMatch, x.contactPerson, x.businessPartner, x.missing])).toEqual([
      [a.immutableId, 'I', 'contactPerson', 'CP-1', 'BP-CURSOR', []],
      [b.immutableId, 'E', 'businessPartnerDomain', null, 'BP-CURSOR', []],
      [c.immutableId, 'O', 'unknown', null, null, []],
      [d.immutableId, 'E', 'contactPerson', 'CP-1', 'BP-CURSOR', []],
    ]);
    expect(list.candidates[0]).toMatchObject({ subject: ' Offer for licences ', attachmentCount: 1, type: 'MAILIN', employee: 'MUE', folderPath: 'Import folder', receivedAt: '2026-11-03T09:15:00.000Z' });
    // The names users know for the keys; an unknown sender has none.
    expect(list.candidates.map((x) => [x.employeeName, x.contactPersonName, x.businessPartnerName])).toEqual([
      ['Maria Müller', 'Anna Schmidt', 'CURSOR Software AG'],
      ['Maria Müller', null, 'CURSOR Software AG'],
      ['Maria Müller', null, null],
      ['Maria Müller', 'Anna Schmidt', 'CURSOR Software AG'],
    ]);

    const progress: string[] = [];
    const summary = await sync.runAutomatic({ onProgress: (p) => progress.push(`${p.phase} ${p.done}/${p.total}`) });
    expect(summary).toMatchObject({ imported: 4, pending: 0, moved: 4, errors: [] });
    expect(summary.activityIds).toHaveLength(4);
    expect(progress).toEqual(['started 0/4', 'item 1/4', 'item 2/4', 'item 3/4', 'item 4/4', 'finished 4/4']);

    const rows = await activities(store);
    expect(rows.map((r) => [r.groupware_item_id, r.status_key])).toEqual([[a.immutableId, 'I'], [b.immutableId, 'E'], [c.immutableId, 'O'], [d.immutableId, 'E']]);
    // The sender stays on the activity (lower case): an unknown address can be shown and fixed later.
    expect(rows.find((r) => r.groupware_item_id === c.immutableId)).toMatchObject({ sender_name: 'Stranger', sender_address: 'someone@gmail.com' });
    const first = rows[0];
    expect(first).toMatchObject({
      type_key: 'MAILIN', subject: 'Offer for licences', date: '2026-11-03T09:15:00.000Z', responsible_employee_key: 'MUE',
      contact_person_key: 'CP-1', business_partner_key: 'BP-CURSOR', origin: 'groupware', groupware_provider: 'graph',
      groupware_mailbox: MAILBOX, groupware_kind: 'message', internet_message_id: a.internetMessageId,
      groupware_source_folder_id: h.folderId(...IMPORT), groupware_parent_folder_id: archiveId(), sync_run_id: summary.runId,
    });
    expect(first?.imported_at).toMatch(/^\d{4}-\d\d-\d\dT.*Z$/);
    // Sanitized: no script, no handlers, no javascript: URL, no CSS that loads; remote image kept as it is.
    const body = first?.body_html ?? '';
    expect(body).not.toMatch(/script|onclick|onerror|javascript:|url\(/i);
    expect(body).toContain('<img src="https://tracker.example/p.png" />');
    expect(body).toContain('href="https://cursor.de"');
    expect(body).toContain('color:red');
    const documents = await store.db.selectFrom('documents').selectAll().where('activity_id', '=', first?.id ?? '').execute();
    expect(documents.map((x) => [x.name, x.content_type, x.size, Buffer.from(x.content).equals(PDF_BYTES)])).toEqual([['offer.pdf', 'application/pdf', PDF_BYTES.length, true]]);

    // Outlook: stamped (readable via $expand), in the archive folder; the import folders are empty.
    expect(await provider.readActivityStamp(a.immutableId)).toBe(first?.id);
    expect(h.messagesIn(ARCHIVE_FOLDER_NAME).map((m) => m.immutableId).sort()).toEqual([a, b, c, d].map((m) => m.immutableId).sort());
    expect(inImportFolders()).toEqual([]);
    expect(h.messagesIn(...MISC).map((m) => m.immutableId)).toEqual([e.immutableId]);
    expect(h.messagesIn(...UNKNOWN).map((m) => m.immutableId)).toEqual([f.immutableId]);
    expect(h.sb.admin.message(f.immutableId)?.singleValueExtendedProperties).toEqual([]);

    // The journal.
    const run = await store.db.selectFrom('sync_runs').selectAll().where('id', '=', summary.runId).executeTakeFirstOrThrow();
    expect(run).toMatchObject({ trigger: 'automatic' });
    expect(run.finished_at).not.toBeNull();
    expect(JSON.parse(run.counts_json)).toMatchObject({ imported: 4, moved: 4, pending: 0 });
    expect((JSON.parse(run.warnings_json) as Array<{ code: string }>).map((w) => w.code).sort()).toEqual(['NOT_CRM_PREFIX', 'UNKNOWN_STATUS']);
  });

  it('a second run imports nothing and asks each valid folder for its delta exactly once', async () => {
    h.add(IMPORT);
    h.add(IMPORT);
    h.add(IMPORT);
    h.add(DONE);
    // Pages of one: the first run's moves out of Import folder are three removals, three pages of its delta —
    // read by the first run itself, after its moves, not left for the second.
    const { store, sync } = await setup({ deltaPageSize: 1 });
    expect((await sync.runAutomatic()).imported).toBe(4);
    h.sb.admin.resetRequests();
    const again = await sync.runAutomatic();
    expect(again).toMatchObject({ imported: 0, moved: 0, pending: 0, errors: [] });
    const deltas = deltaRequestsByFolder(h.sb);
    expect(new Map(VALID_FOLDERS.map((p) => [h.folderId(...p), deltas.get(h.folderId(...p))]))).toEqual(new Map(VALID_FOLDERS.map((p) => [h.folderId(...p), 1])));
    expect([...deltas.values()].reduce((x, y) => x + y, 0)).toBe(VALID_FOLDERS.length);
    expect(await activities(store)).toHaveLength(4);
    // A new engine on the same store (a new process) finds nothing either.
    const fresh = await setup({ store });
    expect(await fresh.sync.runAutomatic()).toMatchObject({ imported: 0, moved: 0 });
  });

  it('writes its sentences in the language each call asks for, else in its own', async () => {
    const m = h.add(IMPORT, mail({ subject: '' }));
    const { sync } = await setup(); // created without a language: English
    const unknownStatus = (list: { warnings: Array<{ code: string; message: string }> }) => list.warnings.find((w) => w.code === 'UNKNOWN_STATUS')?.message;
    const german = await sync.refresh({ lang: 'de' });
    expect(unknownStatus(german)).toMatch(/^Aus dem Ordner „CRM Unknown \[X\]“ wird nicht importiert: /);
    expect(german.folders.find((f) => f.problem?.code === 'NOT_CRM_PREFIX')?.problem?.message).toContain('wird nicht importiert');
    expect(unknownStatus(await sync.refresh())).toMatch(/^Folder "CRM Unknown \[X\]" is not imported from: /);
    // The run's summary too: the mail without a subject stays pending, said in German.
    const summary = await sync.importSelected([{ messageId: m.immutableId }], { lang: 'de' });
    expect(summary).toMatchObject({ imported: 0, pending: 1 });
    expect(mailWarnings(summary).map((w) => w.message)).toEqual([expect.stringContaining('bleibt in Outlook und wird nicht importiert: Betreff fehlt')]);
    const automatic = await sync.runAutomatic({ lang: 'de' });
    expect(automatic.warnings.find((w) => w.code === 'UNKNOWN_STATUS')?.message).toContain('wird nicht importiert');
    expect(mailWarnings(await sync.runAutomatic()).map((w) => w.message)).toEqual([expect.stringContaining('was not imported: its subject is missing')]);
  });

  it('without an Import folder there is nothing to do, and the warning says so; a near miss is named', async () => {
    const { sync } = await setup();
    h.sb.admin.renameFolder(h.folderId(...IMPORT), 'import Folder');
    const list = await sync.refresh();
    expect(list.candidates).toEqual([]);
    expect(list.warnings.map((w) => w.code)).toEqual(['IMPORT_FOLDER_NAME_CASE']);
    expect(list.warnings[0]?.message).toContain('import Folder');
    h.sb.admin.deleteFolder(h.folderId('import Folder'));
    const summary = await sync.runAutomatic();
    expect(summary).toMatchObject({ imported: 0, errors: [] });
    expect(summary.warnings.map((w) => w.code)).toEqual(['IMPORT_FOLDER_MISSING']);
  });
});

describe('one mail, one activity', () => {
  it('the same Message-ID in two import folders: one candidate, one activity, both copies archived and stamped', async () => {
    const id = '<same-mail@cursor.de>';
    const one = h.add(IMPORT, mail({ internetMessageId: id, receivedDateTime: '2026-11-02T08:00:00Z' }));
    const two = h.add(DONE, mail({ internetMessageId: id, receivedDateTime: '2026-11-02T08:00:00Z' }));
    const { store, provider, sync } = await setup();
    expect((await sync.refresh()).candidates.map((c) => c.messageId)).toEqual([one.immutableId]);
    const summary = await sync.runAutomatic();
    expect(summary).toMatchObject({ imported: 1, moved: 2, errors: [] });
    const [activity, ...more] = await activities(store);
    expect(more).toEqual([]);
    expect(activity?.internet_message_id).toBe(id);
    expect(h.messagesIn(ARCHIVE_FOLDER_NAME)).toHaveLength(2);
    expect(await provider.readActivityStamp(two.immutableId)).toBe(activity?.id);

    // A third copy arriving later (or the user moving an archived one back) is moved, not imported.
    const three = h.add(NESTED, mail({ internetMessageId: id }));
    expect(await sync.runAutomatic()).toMatchObject({ imported: 0, moved: 1 });
    expect(h.sb.admin.message(three.immutableId)?.parentFolderId).toBe(archiveId());
    h.sb.admin.moveMessage(one.immutableId, h.folderId(...DONE));
    expect(await sync.runAutomatic()).toMatchObject({ imported: 0, moved: 1 });
    expect(await activities(store)).toHaveLength(1);
  });

  it.each<CrashPoint>(['afterInsert', 'afterStamp', 'afterMove', 'beforeOutboxDone', 'midDeltaPage'])(
    'a crash %s loses nothing and duplicates nothing once a new engine runs again',
    async (point) => {
      const mails = [h.add(IMPORT), h.add(IMPORT), h.add(IMPORT), h.add(DONE), h.add(NESTED)];
      const store = await seededStore();
      stores.push(store);
      const crashing = await setup({ store, deltaPageSize: 2, crashAt: point });
      await expect(crashing.sync.runAutomatic()).rejects.toBeInstanceOf(SimulatedCrash);

      // At the moment of the crash every mail is either an activity or still in an import folder, never both twice.
      const atCrash = await activities(store);
      expect(new Set(atCrash.map((a) => a.internet_message_id)).size).toBe(atCrash.length);
      const waiting = new Set(inImportFolders().map((m) => m.immutableId));
      for (const m of mails) expect(waiting.has(m.immutableId) || atCrash.some((a) => a.groupware_item_id === m.immutableId)).toBe(true);

      const recovering = await setup({ store, deltaPageSize: 2 });
      const summary = await recovering.sync.runAutomatic();
      expect(summary.errors).toEqual([]);
      await expectAllImportedOnce(store, recovering.provider, mails.map((m) => m.immutableId));
      expect(await recovering.sync.runAutomatic()).toMatchObject({ imported: 0, moved: 0, pending: 0 });
    },
  );

  it('an expired delta token means a full resync that creates no duplicate, also over an unfinished import', async () => {
    const [a, b] = [h.add(IMPORT), h.add(DONE)];
    const store = await seededStore();
    stores.push(store);
    const first = await setup({ store, crashAt: 'afterInsert' });
    await expect(first.sync.runAutomatic()).rejects.toBeInstanceOf(SimulatedCrash);
    const c = h.add(IMPORT);
    h.sb.admin.expireDeltaTokens();
    h.sb.admin.resetRequests();
    const again = await setup({ store });
    const summary = await again.sync.runAutomatic();
    expect(summary.errors).toEqual([]);
    expect(h.sb.admin.requests().byStatus[410]).toBeGreaterThanOrEqual(1);
    await expectAllImportedOnce(store, again.provider, [a, b, c].map((m) => m.immutableId));
  });
});

async function expectAllImportedOnce(store: CrmStore, provider: MailProvider, messageIds: string[]) {
  const rows = await activities(store);
  expect(rows.map((r) => r.groupware_item_id).sort()).toEqual([...messageIds].sort());
  expect(new Set(rows.map((r) => r.internet_message_id)).size).toBe(rows.length);
  for (const row of rows) {
    expect(h.sb.admin.message(row.groupware_item_id ?? '')?.parentFolderId).toBe(archiveId());
    expect(row.groupware_parent_folder_id).toBe(archiveId());
    expect(await provider.readActivityStamp(row.groupware_item_id ?? '')).toBe(row.id);
  }
  expect(inImportFolders()).toEqual([]);
  expect(await store.db.selectFrom('outbox').select('id').where('status', '!=', 'done').execute()).toEqual([]);
  expect(await store.db.selectFrom('mail_mirror').select('message_id').execute()).toEqual([]);
}

describe('Outlook misbehaving', () => {
  it('waits out 429 on a plain request and on a part inside the import batch', async () => {
    const mails = [h.add(IMPORT), h.add(IMPORT), h.add(DONE)];
    const { store, sync } = await setup();
    h.sb.admin.setFaults({ status: 429, count: 1, retryAfter: 0.3 });
    const list = await sync.refresh();
    expect(list.candidates).toHaveLength(3);
    // The next Graph operation is a part of the $batch that fetches the mails: throttled inside a 200 batch.
    h.sb.admin.resetRequests();
    h.sb.admin.setFaults({ status: 429, count: 1, retryAfter: 0.3 });
    const started = Date.now();
    const summary = await sync.importSelected(list.candidates.map((c) => ({ messageId: c.messageId })));
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
    expect(summary).toMatchObject({ imported: 3, moved: 3, errors: [] });
    expect(h.sb.admin.requests().throttled).toBe(1);
    expect((await activities(store)).map((a) => a.groupware_item_id).sort()).toEqual(mails.map((m) => m.immutableId).sort());
  });

  it('a mail removed by the user between refresh and import is skipped with a warning, the others imported', async () => {
    const [gone, trashed, kept] = [h.add(IMPORT), h.add(IMPORT), h.add(DONE)];
    const { store, sync } = await setup();
    const list = await sync.refresh();
    h.sb.admin.deleteMessage(gone.immutableId, { permanent: true });
    h.sb.admin.deleteMessage(trashed.immutableId); // to Deleted Items: still there, but out of the import folders
    const summary = await sync.importSelected(list.candidates.map((c) => ({ messageId: c.messageId })));
    expect(summary).toMatchObject({ imported: 1, moved: 1, errors: [] });
    expect(mailWarnings(summary).map((w) => w.code).sort()).toEqual(['MAIL_GONE', 'MAIL_MOVED_OUT']);
    expect(summary.warnings.find((w) => w.code === 'MAIL_GONE')?.message).toMatch(/no longer in Outlook/);
    expect((await activities(store)).map((a) => a.groupware_item_id)).toEqual([kept.immutableId]);
    expect(h.sb.admin.message(trashed.immutableId)?.parentFolderId).toBe(h.sb.admin.folder('deleteditems').id);
  });

  it('an answer lost on the wire after Outlook applied the stamps is re-sent next run without harm', async () => {
    const mails = [h.add(IMPORT), h.add(DONE)];
    const { store, provider } = await setup();
    await provider.ensureArchiveFolder(); // found now, so that the stamp batch is the only exchange on the wire
    // The stamp batch is applied, then its connection dies; the move batch (which goes out beside it) is held
    // back until then, so that the dropped answer is the stamps' and nothing else's.
    let stamped: Promise<unknown> = Promise.resolve();
    const sequenced: MailProvider = {
      ...provider,
      stampMessages: (requests, options) => {
        h.sb.admin.setFaults({ dropResponse: 1 });
        const result = provider.stampMessages(requests, options);
        stamped = result.catch(() => undefined);
        return result;
      },
      moveMessages: async (requests, options) => {
        await stamped;
        return provider.moveMessages(requests, options);
      },
    };
    const summary = await engine(store, sequenced).runAutomatic();
    expect(summary).toMatchObject({ imported: 2, moved: 2 });
    expect(summary.errors.map((e) => e.code)).toEqual(['GROUPWARE_UNREACHABLE']);
    // Applied in Outlook, not known here: both stamps stay pending (their moves went through).
    const pending = await store.db.selectFrom('outbox').select('operation').where('status', '=', 'pending').execute();
    expect(pending.map((row) => row.operation)).toEqual(['stamp-mail', 'stamp-mail']);
    const again = await engine(store, provider).runAutomatic();
    expect(again).toMatchObject({ imported: 0, moved: 0, errors: [] });
    expect(await store.db.selectFrom('outbox').select('operation').where('status', '=', 'pending').execute()).toEqual([]);
    await expectAllImportedOnce(store, provider, mails.map((m) => m.immutableId));
  });

  it('a cancelled run stops, says so, and leaves everything as it was', async () => {
    h.add(IMPORT);
    const { store, sync } = await setup();
    const controller = new AbortController();
    controller.abort();
    const summary = await sync.runAutomatic({ signal: controller.signal });
    expect(summary.errors.map((e) => e.code)).toEqual(['SYNC_CANCELLED']);
    expect(await activities(store)).toEqual([]);
    expect(await sync.runAutomatic()).toMatchObject({ imported: 1, moved: 1, errors: [] });
  });

  it('cancelled mid-import: the mails in hand are imported and moved, the rest stays in Outlook, and it says so', async () => {
    const mails = Array.from({ length: 60 }, () => h.add(IMPORT));
    const { store, sync } = await setup();
    const candidates = (await sync.refresh()).candidates;
    const controller = new AbortController();
    // Outlook answers slowly enough that the later chunks are still on their way when the user cancels.
    h.sb.admin.setFaults({ operationMs: 15 });
    const summary = await sync.importSelected(candidates.map((c) => ({ messageId: c.messageId })), {
      signal: controller.signal,
      onProgress: (p) => { if (p.phase === 'item' && p.done === 20) controller.abort(); },
    });
    h.sb.admin.resetFaults();
    expect(summary.errors).toEqual([]);
    expect(summary.imported).toBeGreaterThanOrEqual(20);
    expect(summary.imported).toBeLessThan(60);
    expect(summary.imported + summary.pending).toBe(60);
    expect(summary.moved).toBe(summary.imported);
    // One sentence about the cancel, none per mail left behind.
    expect(mailWarnings(summary).map((w) => w.code)).toEqual(['SYNC_CANCELLED']);
    expect(mailWarnings(summary)[0]?.message).toBe(`The synchronization was cancelled: ${summary.imported} mails are imported, ${summary.pending} stay in Outlook for the next run.`);
    expect(inImportFolders()).toHaveLength(summary.pending);
    expect(await activities(store)).toHaveLength(summary.imported);
    // The next run takes the rest.
    expect(await sync.runAutomatic()).toMatchObject({ imported: summary.pending, errors: [] });
    await expectAllImportedOnce(store, (await setup({ store })).provider, mails.map((m) => m.immutableId));
  });

  it('cancelled while later chunks are still on their way: the same as between chunks, with the sentence, not an error', async () => {
    // Five chunks of 20: the first three are fetched at once, the fourth only once the first is imported — the
    // cancel lands while the import waits for it, and its fetch gives up.
    const mails = Array.from({ length: 100 }, () => h.add(IMPORT));
    const { store, sync } = await setup();
    const candidates = (await sync.refresh()).candidates;
    const controller = new AbortController();
    h.sb.admin.setFaults({ operationMs: 30 });
    const summary = await sync.importSelected(candidates.map((c) => ({ messageId: c.messageId })), {
      signal: controller.signal,
      // As the wizard's Cancel does: a moment later (a round trip), while the import waits for a chunk.
      onProgress: (p) => { if (p.phase === 'item' && p.done === 20) setTimeout(() => controller.abort(), 150); },
    });
    h.sb.admin.resetFaults();
    expect(summary.errors).toEqual([]);
    expect(summary.imported).toBeGreaterThanOrEqual(20);
    expect(summary.imported).toBeLessThan(100);
    expect(summary.imported + summary.pending).toBe(100);
    expect(summary.moved).toBe(summary.imported);
    expect(mailWarnings(summary).map((w) => w.code)).toEqual(['SYNC_CANCELLED']);
    expect(mailWarnings(summary)[0]?.message).toBe(`The synchronization was cancelled: ${summary.imported} mails are imported, ${summary.pending} stay in Outlook for the next run.`);
    expect(inImportFolders()).toHaveLength(summary.pending);
    expect(await activities(store)).toHaveLength(summary.imported);
    expect(await sync.runAutomatic()).toMatchObject({ imported: summary.pending, errors: [] });
    await expectAllImportedOnce(store, (await setup({ store })).provider, mails.map((m) => m.immutableId));
  });

  it('Outlook lost mid-import: the summary says so and counts what was imported; the next run takes the rest', async () => {
    // Five chunks of 20: the first three are fetched at once, the last two only after the first is imported.
    const mails = Array.from({ length: 100 }, () => h.add(IMPORT));
    const { store, sync } = await setup();
    const candidates = (await sync.refresh()).candidates;
    h.sb.admin.setFaults({ operationMs: 15 });
    const summary = await sync.importSelected(candidates.map((c) => ({ messageId: c.messageId })), {
      // From the first committed chunk on, every answer is lost on the wire.
      onProgress: (p) => { if (p.phase === 'item' && p.done === 20) h.sb.admin.setFaults({ dropResponse: 1_000_000 }); },
    });
    h.sb.admin.resetFaults();
    expect(summary.errors.map((e) => e.code)).toContain('GROUPWARE_UNREACHABLE');
    expect(summary.imported).toBeGreaterThanOrEqual(20);
    expect(summary.imported).toBeLessThanOrEqual(60);
    expect(summary.imported + summary.pending).toBe(100);
    expect(summary.activityIds).toHaveLength(summary.imported);
    expect(await activities(store)).toHaveLength(summary.imported);
    // The next run moves what was imported (from the outbox) and imports the rest, each mail once.
    expect(await sync.runAutomatic()).toMatchObject({ imported: summary.pending, errors: [] });
    await expectAllImportedOnce(store, (await setup({ store })).provider, mails.map((m) => m.immutableId));
  });

  it('a refused sign-in ends the run with GROUPWARE_AUTH in the summary and the journal; refresh throws it', async () => {
    h.add(IMPORT);
    const { store, sync } = await setup();
    h.sb.admin.setFaults({ status: 403, count: 1 });
    const summary = await sync.runAutomatic();
    expect(summary.errors.map((e) => e.code)).toEqual(['GROUPWARE_AUTH']);
    const run = await store.db.selectFrom('sync_runs').select('errors_json').where('id', '=', summary.runId).executeTakeFirstOrThrow();
    expect(run.errors_json).toContain('GROUPWARE_AUTH');
    h.sb.admin.setFaults({ status: 403, count: 1 });
    await expect(sync.refresh()).rejects.toMatchObject({ code: 'GROUPWARE_AUTH' });
    expect(await activities(store)).toEqual([]);
  });
});

describe('preview (the wizard\'s side pane)', () => {
  it('shows a candidate sanitized, counts its remote images, and refuses a mail that is no candidate', async () => {
    const m = h.add(IMPORT, mail({ body: { contentType: 'html', content: '<p onclick="x()">Hi<script>alert(1)</script> <img src="https://tracker.example/p.png"><img src="cid:logo"></p>' } }));
    const { sync } = await setup();
    await sync.refresh();
    const preview = await sync.preview(m.immutableId);
    expect(preview.html).toBe('<p>Hi <img src="https://tracker.example/p.png" /><img src="cid:logo" /></p>');
    expect(preview.remoteImages).toBe(1);
    await sync.importSelected([{ messageId: m.immutableId }]);
    await expect(sync.preview(m.immutableId)).rejects.toMatchObject({ code: 'NOT_A_CANDIDATE' });
  });
});

describe('documents (wizard step Edit documents)', () => {
  it('lists a candidate\'s attachments, and stores the category and keyword the user gave each one', async () => {
    const m = h.add(IMPORT, mail({
      attachments: [
        { name: 'offer.pdf', contentType: 'application/pdf', contentBytes: PDF_BYTES.toString('base64') },
        { name: 'terms.txt', contentType: 'text/plain', contentBytes: Buffer.from('terms').toString('base64') },
        { name: 'logo.png', contentType: 'image/png', contentBytes: Buffer.from('png').toString('base64'), isInline: true },
      ],
    }));
    const { store, sync } = await setup();
    const [candidate] = (await sync.refresh()).candidates;
    // The inline image is part of the body's look, not a document.
    expect(candidate?.attachments.map((a) => [a.name, a.size, a.contentType])).toEqual([
      ['offer.pdf', PDF_BYTES.length, 'application/pdf'],
      ['terms.txt', 5, 'text/plain'],
    ]);
    const [offer, terms] = candidate?.attachments ?? [];
    const summary = await sync.importSelected([{
      messageId: m.immutableId,
      documents: [{ attachmentId: offer?.id ?? '', category: 'OFFER', keyword: 'LICENCE' }, { attachmentId: terms?.id ?? '', category: null, keyword: 'LICENCE' }],
    }]);
    expect(summary).toMatchObject({ imported: 1, errors: [] });
    const documents = await store.db.selectFrom('documents').select(['name', 'category_key', 'keyword_key']).orderBy('name').execute();
    expect(documents).toEqual([
      { name: 'offer.pdf', category_key: 'OFFER', keyword_key: 'LICENCE' },
      { name: 'terms.txt', category_key: null, keyword_key: 'LICENCE' },
    ]);
  });

  it('a category the CRM does not know keeps the mail pending, with a sentence naming it', async () => {
    const m = h.add(IMPORT, mail({ attachments: [{ name: 'offer.pdf', contentType: 'application/pdf', contentBytes: PDF_BYTES.toString('base64') }] }));
    const { store, sync } = await setup();
    const [candidate] = (await sync.refresh()).candidates;
    const summary = await sync.importSelected([{ messageId: m.immutableId, documents: [{ attachmentId: candidate?.attachments[0]?.id ?? '', category: 'NOPE', keyword: null }] }]);
    expect(summary).toMatchObject({ imported: 0, pending: 1 });
    expect(mailWarnings(summary).find((w) => w.code === 'UNKNOWN_KEY')?.message).toContain('NOPE');
    expect(await activities(store)).toEqual([]);
    expect(h.messagesIn(...IMPORT).map((x) => x.immutableId)).toEqual([m.immutableId]);
  });
});

describe('allocations', () => {
  it('refuses a contact person, project or inquiry of another business partner, and imports a fitting one', async () => {
    const [a, b, c] = [h.add(IMPORT), h.add(IMPORT), h.add(IMPORT)]; // from a.schmidt@cursor.de: CP-1 of BP-CURSOR
    const { store, sync } = await setup();
    await store.db.insertInto('business_partners').values({ key: 'BP-OTHER', name: 'Other GmbH' }).execute();
    await store.db.insertInto('projects').values([{ key: 'P-OTHER', name: 'Elsewhere', business_partner_key: 'BP-OTHER' }, { key: 'P-CUR', name: 'Rollout', business_partner_key: 'BP-CURSOR' }]).execute();
    await sync.refresh();
    const summary = await sync.importSelected([
      { messageId: a.immutableId, overrides: { project: 'P-OTHER' } },
      { messageId: b.immutableId, overrides: { businessPartner: 'BP-OTHER' } },
      { messageId: c.immutableId, overrides: { project: 'P-CUR' } },
    ]);
    expect(summary).toMatchObject({ imported: 1, pending: 2 });
    expect(mailWarnings(summary).map((w) => w.message)).toEqual([
      expect.stringMatching(/was not imported: the project "P-OTHER" belongs to the business partner "BP-OTHER", the activity to "BP-CURSOR"\.$/),
      expect.stringMatching(/was not imported: the contact person "CP-1" belongs to the business partner "BP-CURSOR", the activity to "BP-OTHER"\.$/),
    ]);
    expect((await activities(store)).map((x) => [x.groupware_item_id, x.main_project_key])).toEqual([[c.immutableId, 'P-CUR']]);
  });
});

describe('pending mails', () => {
  it('an empty subject keeps a mail pending in automatic mode; the wizard imports it with the subject the user typed', async () => {
    const blank = h.add(IMPORT, mail({ subject: '' }));
    h.add(IMPORT);
    const { store, sync } = await setup();
    const summary = await sync.runAutomatic();
    expect(summary).toMatchObject({ imported: 1, pending: 1, moved: 1 });
    expect(mailWarnings(summary).map((w) => w.code)).toEqual(['MANDATORY_FIELD_MISSING']);
    expect(mailWarnings(summary)[0]?.message).toMatch(/^The mail without subject from a\.schmidt@cursor\.de stays in Outlook .*its subject is missing/);
    expect(h.sb.admin.message(blank.immutableId)?.parentFolderId).toBe(h.folderId(...IMPORT));

    const list = await sync.refresh();
    expect(list.candidates.map((c) => [c.messageId, c.missing])).toEqual([[blank.immutableId, ['subject']]]);
    const refused = await sync.importSelected([{ messageId: blank.immutableId }]);
    expect(refused).toMatchObject({ imported: 0, pending: 1 });
    const wizard = await sync.importSelected([{ messageId: blank.immutableId, overrides: { subject: 'Phone call notes', status: 'O', contactPerson: null } }]);
    expect(wizard).toMatchObject({ imported: 1, pending: 0, moved: 1, errors: [] });
    const row = (await activities(store)).find((a) => a.groupware_item_id === blank.immutableId);
    expect(row).toMatchObject({ subject: 'Phone call notes', status_key: 'O', contact_person_key: null, business_partner_key: 'BP-CURSOR' });
    const run = await store.db.selectFrom('sync_runs').select('trigger').where('id', '=', wizard.runId).executeTakeFirstOrThrow();
    expect(run.trigger).toBe('manual');
  });

  it('a pending mail fixed in Outlook (a partial delta update) is imported on the next run with the new value', async () => {
    const blank = h.add(IMPORT, mail({ subject: '   ' }));
    const { store, sync } = await setup();
    expect(await sync.runAutomatic()).toMatchObject({ imported: 0, pending: 1 });
    h.sb.admin.updateMessage(blank.immutableId, { subject: 'Fixed in Outlook' });
    expect(await sync.runAutomatic()).toMatchObject({ imported: 1, pending: 0, moved: 1 });
    expect((await activities(store)).map((a) => a.subject)).toEqual(['Fixed in Outlook']);
  });

  it('a mail the user moved to another import folder after the refresh gets that folder\'s status', async () => {
    const m = h.add(IMPORT);
    const { store, sync } = await setup();
    const [candidate] = (await sync.refresh()).candidates;
    expect(candidate?.status).toBe('I');
    h.sb.admin.moveMessage(m.immutableId, h.folderId(...DONE));
    expect(await sync.importSelected([{ messageId: m.immutableId }])).toMatchObject({ imported: 1, moved: 1 });
    expect((await activities(store))[0]).toMatchObject({ status_key: 'E', groupware_source_folder_id: h.folderId(...DONE) });
  });

  it('attachments over the size limit keep the mail pending with a warning and nothing half-imported', async () => {
    const big = h.add(IMPORT, mail({ attachments: [{ name: 'scan.pdf', contentType: 'application/pdf', contentBytes: Buffer.alloc(3000, 7).toString('base64') }] }));
    const small = h.add(IMPORT, mail({ attachments: [{ name: 'note.txt', contentType: 'text/plain', contentBytes: Buffer.from('hi').toString('base64') }] }));
    const { store, sync } = await setup({ maxAttachmentBytes: 1000 });
    const summary = await sync.runAutomatic();
    expect(summary).toMatchObject({ imported: 1, pending: 1, moved: 1, errors: [] });
    expect(mailWarnings(summary).map((w) => w.code)).toEqual(['MAIL_TOO_LARGE']);
    expect(mailWarnings(summary)[0]?.message).toMatch(/stays in Outlook: its attachments take 2\.9 KB together, more than the 1000 bytes allowed/);
    expect((await activities(store)).map((a) => a.groupware_item_id)).toEqual([small.immutableId]);
    expect(await store.db.selectFrom('documents').select('name').execute()).toEqual([{ name: 'note.txt' }]);
    expect(h.sb.admin.message(big.immutableId)?.parentFolderId).toBe(h.folderId(...IMPORT));
  });

  it('a wizard selection naming a key the CRM does not have stays pending; one that is no candidate is reported', async () => {
    const m = h.add(IMPORT);
    const { store, sync } = await setup({ lang: 'de' });
    await sync.refresh();
    const summary = await sync.importSelected([{ messageId: m.immutableId, overrides: { status: 'ZZ' } }, { messageId: 'AAMk-unknown' }]);
    expect(summary).toMatchObject({ imported: 0, pending: 1 });
    expect(mailWarnings(summary).map((w) => w.code).sort()).toEqual(['NOT_A_CANDIDATE', 'UNKNOWN_KEY']);
    expect(summary.warnings.find((w) => w.code === 'UNKNOWN_KEY')?.message).toMatch(/Status „ZZ“ gibt es im CRM nicht/);
    expect(await activities(store)).toEqual([]);
  });
});
