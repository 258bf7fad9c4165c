import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { deltaRound, startTestSandbox, CRM_PROP, PDF, type TestSandbox } from './test-helpers';

let t: TestSandbox;
let importId: string;
beforeAll(async () => { t = await startTestSandbox(); });
afterAll(async () => { await t.close(); });
beforeEach(() => {
  t.sb.admin.reset();
  importId = t.sb.admin.folder('inbox', 'Import folder').id;
});

const IMMUTABLE = { Prefer: 'IdType="ImmutableId"' };
const bySubject = (s: string) => {
  const m = t.sb.admin.state().messages.find(x => x.subject === s);
  if (!m) throw new Error(`no message ${s}`);
  return m;
};
const code = (r: { json: Record<string, unknown> }) => (r.json.error as { code: string } | undefined)?.code;

describe('get a message (graph-subset §3.1, §3.2, §12 Identity & shapes)', () => {
  it('HTML body wrapped in <html>, bodyPreview as text, etag = W/"changeKey", also under its folder path', async () => {
    const m = bySubject('Offer 01');
    const r = await t.get(`/me/messages/${m.id}`);
    expect(r.status).toBe(200);
    expect(r.json['@odata.context']).toMatch(/\$metadata#users\('.+'\)\/messages\/\$entity$/);
    expect(r.json['@odata.etag']).toBe(`W/"${m.changeKey}"`);
    expect(r.json).toMatchObject({ id: m.id, changeKey: m.changeKey, parentFolderId: importId, subject: 'Offer 01', isRead: false, isDraft: false, hasAttachments: false });
    expect((r.json.body as { content: string }).content).toMatch(/^<html>[\s\S]*<p>Hello <b>Maria<\/b>, offer number 1 &amp; terms\.<\/p>[\s\S]*<\/html>$/);
    expect(r.json.bodyPreview).toBe('Hello Maria, offer number 1 & terms.');
    expect(r.json.internetMessageId).toMatch(/^<.+@example\.com>$/);
    expect((await t.get(`/me/mailFolders/${importId}/messages/${m.id}`)).status).toBe(200);
    expect(code(await t.get(`/me/mailFolders/inbox/messages/${m.id}`))).toBe('ErrorItemNotFound');
  });

  it('Prefer outlook.body-content-type="text" converts the body and answers Preference-Applied', async () => {
    const m = bySubject('Offer 01');
    const r = await t.get(`/me/messages/${m.id}`, { Prefer: 'outlook.body-content-type="text"' });
    expect(r.headers.get('preference-applied')).toBe('outlook.body-content-type="text"');
    expect(r.json.body).toEqual({ contentType: 'text', content: 'Hello Maria, offer number 1 & terms.' });
    const textBody = await t.get(`/me/messages/${bySubject('With files').id}`);
    expect((textBody.json.body as { content: string }).content).toContain('See attached.<br>');
  });

  it('$select narrows; unknown properties from the mailbox file are kept and returned', async () => {
    const m = bySubject('Draft');
    const r = await t.get(`/me/messages/${m.id}?$select=subject,customTag`);
    const { '@odata.context': context, ...rest } = r.json;
    expect(context).toContain('messages(subject,customTag)/$entity');
    expect(rest).toEqual({ '@odata.etag': `W/"${m.changeKey}"`, id: m.id, subject: 'Draft', customTag: { kept: true } });
    expect((await t.get(`/me/messages/${m.id}`)).json.customTag).toEqual({ kept: true });
    expect((await t.get(`/me/messages/${m.id}?$select=bogus`)).status).toBe(400);
  });

  it('lists a folder\'s messages in pages of 10 with $filter on an extended property (§4.3)', async () => {
    const first = await t.get(`/me/mailFolders/${importId}/messages?$select=subject`);
    expect(first.json.value).toHaveLength(10);
    const second = await t.get(first.json['@odata.nextLink'] as string);
    expect(second.json.value).toHaveLength(2);
    const target = bySubject('Offer 07');
    t.sb.admin.updateMessage(target.id, { singleValueExtendedProperties: [{ id: CRM_PROP, value: 'ACT-7' }] });
    const filter = `singleValueExtendedProperties/Any(ep: ep/id eq '${CRM_PROP}' and ep/value eq 'act-7')`;
    const found = await t.get(`/me/messages?$filter=${encodeURIComponent(filter)}`);
    expect(found.json.value?.map(v => v.id)).toEqual([target.id]);
    const wrongCase = filter.replace('Name CrmActivityId', 'Name crmactivityid');
    expect((await t.get(`/me/messages?$filter=${encodeURIComponent(wrongCase)}`)).json.value).toEqual([]);
  });
});

describe('move (§4.1, §11)', () => {
  it('without ImmutableId: 201, a new id in the destination, the old id 404; the immutable id still finds it', async () => {
    const m = bySubject('Offer 02');
    const r = await t.call('POST', `/me/messages/${m.id}/move`, { body: { destinationId: 'archive' } });
    expect(r.status).toBe(201);
    expect(r.json.id).not.toBe(m.id);
    expect(r.json.parentFolderId).toBe(t.sb.admin.folder('archive').id);
    const old = await t.get(`/me/messages/${m.id}`);
    expect(old.status).toBe(404);
    expect(code(old)).toBe('ErrorItemNotFound');
    expect((await t.get(`/me/messages/${r.json.id as string}`)).json.subject).toBe('Offer 02');
    const byImmutable = await t.get(`/me/messages/${m.immutableId}`, IMMUTABLE);
    expect(byImmutable.json).toMatchObject({ id: m.immutableId, subject: 'Offer 02' });
  });

  it('with Prefer IdType="ImmutableId": the id is kept; destinationId may be an id', async () => {
    const m = bySubject('Offer 03');
    const dest = t.sb.admin.folder('inbox', 'Import folder', 'CRM Erledigt [E]').id;
    const r = await t.call('POST', `/me/mailFolders/${importId}/messages/${m.immutableId}/move`, { body: { destinationId: dest }, headers: IMMUTABLE });
    expect(r.status).toBe(201);
    expect(r.json).toMatchObject({ id: m.immutableId, parentFolderId: dest });
    expect((await t.get(`/me/messages/${m.immutableId}`)).status).toBe(200);
    expect((await t.get(`/me/messages/${m.id}`)).status).toBe(404);
    expect((await t.call('POST', `/me/messages/${m.immutableId}/move`, { body: { destinationId: 'nowhere' } })).status).toBe(404);
  });
});

describe('PATCH (§4.2)', () => {
  it('writes categories/flag/isRead (flag dates as UTC with 7 digits, §0), bumps changeKey and etag, and shows as an update in the folder delta', async () => {
    const m = bySubject('Offer 04');
    const { deltaLink } = await deltaRound(t, `/me/mailFolders/${importId}/messages/delta`);
    const r = await t.call('PATCH', `/me/messages/${m.id}`, { body: { categories: ['CRM'], isRead: true, flag: { flagStatus: 'flagged' }, importance: 'high' } });
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ categories: ['CRM'], isRead: true, flag: { flagStatus: 'flagged' }, importance: 'high' });
    expect(r.json.changeKey).not.toBe(m.changeKey);
    expect(r.json['@odata.etag']).toBe(`W/"${String(r.json.changeKey)}"`);
    const flagged = await t.call('PATCH', `/me/messages/${m.id}`, { body: { flag: { flagStatus: 'flagged',
      startDateTime: { dateTime: '2026-12-01T09:00:00', timeZone: 'Europe/Berlin' }, dueDateTime: { dateTime: '2026-12-02T09:00:00', timeZone: 'UTC' } } } });
    expect(flagged.json.flag).toEqual({ flagStatus: 'flagged', startDateTime: { dateTime: '2026-12-01T08:00:00.0000000', timeZone: 'UTC' }, dueDateTime: { dateTime: '2026-12-02T09:00:00.0000000', timeZone: 'UTC' } });
    const again = await t.call('PATCH', `/me/messages/${m.id}`, { body: { isRead: false } });
    expect(again.json.changeKey).not.toBe(r.json.changeKey);
    const changes = await deltaRound(t, deltaLink);
    expect(changes.items).toHaveLength(1);
    expect(changes.items[0]).toMatchObject({ id: m.id, isRead: false, categories: ['CRM'] });
  });

  it('body/subject only on drafts: 400 ErrorInvalidRequest otherwise; due date without start 400; unknown props 400', async () => {
    const received = bySubject('Offer 05');
    for (const body of [{ subject: 'New' }, { body: { contentType: 'text', content: 'x' } }]) {
      const r = await t.call('PATCH', `/me/messages/${received.id}`, { body });
      expect(r.status).toBe(400);
      expect(code(r)).toBe('ErrorInvalidRequest');
    }
    expect(bySubject('Offer 05').changeKey).toBe(received.changeKey);
    const draft = await t.call('PATCH', `/me/messages/${bySubject('Draft').id}`, { body: { subject: 'Draft v2' } });
    expect(draft.json.subject).toBe('Draft v2');
    const due = { flag: { flagStatus: 'flagged', dueDateTime: { dateTime: '2026-12-01T00:00:00', timeZone: 'UTC' } } };
    expect((await t.call('PATCH', `/me/messages/${received.id}`, { body: due })).status).toBe(400);
    expect((await t.call('PATCH', `/me/messages/${received.id}`, { body: { parentFolderId: 'x' } })).status).toBe(400);
  });

  it('extended property: written by PATCH, absent from the response, read back only through $expand with $filter (§4.3)', async () => {
    const m = bySubject('Offer 06');
    const r = await t.call('PATCH', `/me/messages/${m.id}`, { body: { singleValueExtendedProperties: [{ id: CRM_PROP, value: 'ACT-123' }] } });
    expect(r.status).toBe(200);
    expect(r.json.singleValueExtendedProperties).toBeUndefined();
    expect((await t.get(`/me/messages/${m.id}`)).json.singleValueExtendedProperties).toBeUndefined();
    const expand = `singleValueExtendedProperties($filter=id eq '${CRM_PROP}')`;
    const encoded = await t.get(`/me/messages/${m.id}?$expand=${encodeURIComponent(expand)}`);
    expect(encoded.json.singleValueExtendedProperties).toEqual([{ id: CRM_PROP, value: 'ACT-123' }]);
    const raw = await t.get(`/me/messages/${m.id}?$expand=${expand}`); // fetch escapes only spaces and quotes
    expect(raw.json.singleValueExtendedProperties).toEqual([{ id: CRM_PROP, value: 'ACT-123' }]);
    const other = await t.get(`/me/messages/${bySubject('Offer 08').id}?$expand=${encodeURIComponent(expand)}`);
    expect(other.json.singleValueExtendedProperties).toBeUndefined();
    expect((await t.get(`/me/messages/${m.id}?$expand=singleValueExtendedProperties`)).status).toBe(400);
    expect(t.sb.admin.message(m.id)?.singleValueExtendedProperties).toEqual([{ id: CRM_PROP, value: 'ACT-123' }]);
  });
});

describe('attachments (§3.3)', () => {
  it('hasAttachments is false when only inline attachments exist', async () => {
    expect((await t.get(`/me/messages/${bySubject('With files').id}`)).json.hasAttachments).toBe(true);
    expect((await t.get(`/me/messages/${bySubject('Inline only').id}`)).json.hasAttachments).toBe(false);
  });

  it('list, get with contentBytes, $value as raw bytes, 405 for a reference attachment; $expand=attachments', async () => {
    const m = bySubject('With files');
    const list = await t.get(`/me/messages/${m.id}/attachments`);
    expect(list.json.value).toHaveLength(2);
    const file = list.json.value?.find(a => a.name === 'offer.pdf') ?? {};
    expect(file).toMatchObject({ '@odata.type': '#microsoft.graph.fileAttachment', contentType: 'application/pdf', isInline: false, size: Buffer.from(PDF, 'base64').length, contentBytes: PDF });
    const one = await t.get(`/me/messages/${m.id}/attachments/${String(file.id)}`);
    expect(one.json).toMatchObject({ id: file.id, contentBytes: PDF });
    const value = await t.get(`/me/messages/${m.id}/attachments/${String(file.id)}/$value`);
    expect(value.headers.get('content-type')).toBe('application/pdf');
    expect(value.text).toBe(Buffer.from(PDF, 'base64').toString());
    const ref = list.json.value?.find(a => a.name === 'link.docx');
    expect((await t.get(`/me/messages/${m.id}/attachments/${String(ref?.id)}/$value`)).status).toBe(405);
    const expanded = await t.get(`/me/messages/${m.id}?$expand=attachments`);
    expect((expanded.json.attachments as unknown[]).length).toBe(2);
  });

  it('GET /messages/{id}/$value gives the MIME source as text/plain (§3.2)', async () => {
    const r = await t.get(`/me/messages/${bySubject('With files').id}/$value`);
    expect(r.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(r.text).toMatch(/^From: .*\r\nTo: .*[\s\S]*Subject: With files\r\n[\s\S]*multipart\/mixed[\s\S]*offer\.pdf/);
  });
});

describe('delete (§12)', () => {
  it('DELETE answers 204 and moves the message to Deleted Items', async () => {
    const m = bySubject('Offer 09');
    const r = await t.call('DELETE', `/me/messages/${m.id}`);
    expect(r.status).toBe(204);
    expect(r.text).toBe('');
    expect(t.sb.admin.message(m.immutableId)?.parentFolderId).toBe(t.sb.admin.folder('deleteditems').id);
  });

  it('an empty body with Content-Type: application/json is no body; a broken JSON body is 400', async () => {
    const m = bySubject('Offer 10');
    expect((await t.call('DELETE', `/me/messages/${m.id}`, { headers: { 'Content-Type': 'application/json' } })).status).toBe(204);
    const broken = await t.call('PATCH', `/me/messages/${bySubject('Offer 11').id}`, { body: '{', headers: { 'Content-Type': 'application/json' } });
    expect(broken.status).toBe(400);
    expect(code(broken)).toBe('BadRequest');
  });
});
