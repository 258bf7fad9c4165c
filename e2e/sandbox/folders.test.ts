import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestSandbox, type TestSandbox } from './test-helpers';

let t: TestSandbox;
beforeAll(async () => { t = await startTestSandbox(); });
afterAll(async () => { await t.close(); });
beforeEach(() => { t.sb.admin.reset(); });

const names = (r: { json: { value?: Array<Record<string, unknown>> } }) => (r.json.value ?? []).map(f => f.displayName);

describe('auth and errors (graph-subset §10, §12 Throttling & errors)', () => {
  it('401 InvalidAuthenticationToken without or with a wrong bearer, in Graph error shape with request ids', async () => {
    for (const token of [null, 'wrong']) {
      const r = await t.call('GET', '/me', { token, headers: { 'client-request-id': 'abc-123' } });
      expect(r.status).toBe(401);
      expect(r.headers.get('content-type')).toMatch(/^application\/json/);
      expect(r.json.error).toMatchObject({ code: 'InvalidAuthenticationToken', innerError: { 'client-request-id': 'abc-123' } });
      const inner = (r.json.error as { innerError: Record<string, string> }).innerError;
      expect(inner.date).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/);
      expect(inner['request-id']).toBe(r.headers.get('request-id'));
      expect(r.headers.get('client-request-id')).toBe('abc-123');
    }
  });

  it('every reply carries request-id; client-request-id equals it when the client sent none (§0)', async () => {
    const r = await t.get('/me');
    expect(r.headers.get('request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(r.headers.get('client-request-id')).toBe(r.headers.get('request-id'));
    const again = await t.get('/me');
    expect(again.headers.get('request-id')).not.toBe(r.headers.get('request-id'));
  });

  it('404 ErrorItemNotFound for an unknown folder or message id', async () => {
    for (const path of ['/me/mailFolders/AQMkADnope', '/me/messages/AAMkAGnope']) {
      const r = await t.get(path);
      expect(r.status).toBe(404);
      expect((r.json.error as { code: string }).code).toBe('ErrorItemNotFound');
    }
  });
});

describe('/me (§1.1)', () => {
  it('returns the default properties, also under /users/{upn}; $select narrows', async () => {
    const me = await t.get('/me');
    expect(me.status).toBe(200);
    expect(me.headers.get('content-type')).toMatch(/^application\/json/);
    expect(Object.keys(me.json).filter(k => !k.startsWith('@')).sort()).toEqual(['businessPhones', 'displayName', 'givenName', 'id', 'jobTitle', 'mail', 'mobilePhone', 'officeLocation', 'preferredLanguage', 'surname', 'userPrincipalName']);
    expect(me.json).toMatchObject({ mail: 'm.mueller@example.com', businessPhones: [] });
    const byUpn = await t.get('/users/M.Mueller@example.com');
    expect(byUpn.json.id).toBe(me.json.id);
    const sel = await t.get('/me?$select=displayName');
    expect(sel.json).toMatchObject({ id: me.json.id, displayName: 'Maria Müller' });
    expect(sel.json.mail).toBeUndefined();
    expect((await t.get('/users/someone@else.com/mailFolders')).status).toBe(404);
  });
});

describe('mail folders (§1.2–§1.4)', () => {
  it('GET /me/mailFolders lists only the root children, hidden ones only with includeHiddenFolders=true (§1.3)', async () => {
    const r = await t.get('/me/mailFolders?$top=50');
    expect(names(r)).toContain('Inbox');
    expect(names(r)).toContain('Deleted Items');
    expect(names(r)).not.toContain('Import folder');
    expect(names(r)).not.toContain('Hidden top');
    const root = await t.get('/me/mailFolders/msgfolderroot');
    for (const f of r.json.value ?? []) expect(f.parentFolderId).toBe(root.json.id);
    expect(names(await t.get('/me/mailFolders?$top=50&includeHiddenFolders=true'))).toContain('Hidden top');
  });

  it('childFolders: direct children only, pages of 10 with an absolute $skiptoken nextLink, $top (§0, §1.3)', async () => {
    const first = await t.get('/me/mailFolders/inbox/childFolders');
    expect(first.json.value).toHaveLength(10);
    const next = first.json['@odata.nextLink'] as string;
    expect(next).toMatch(new RegExp(`^${t.sb.url}/v1\\.0/.*\\$skiptoken=`));
    const second = await t.get(next);
    expect(second.json['@odata.nextLink']).toBeUndefined();
    const all = [...names(first), ...names(second)];
    expect(all).toHaveLength(12);
    expect(all).toContain('Import folder');
    expect(all).not.toContain('CRM Erledigt [E]');
    expect(all).not.toContain('Secret');
    expect(names(await t.get('/me/mailFolders/inbox/childFolders?includeHiddenFolders=true&$top=20'))).toContain('Secret');
    const top = await t.get('/me/mailFolders/inbox/childFolders?$top=5&$select=displayName');
    expect(top.json.value).toHaveLength(5);
    expect(Object.keys(top.json.value?.[0] ?? {}).sort()).toEqual(['displayName', 'id']);
    expect((await t.get(top.json['@odata.nextLink'] as string)).json.value).toHaveLength(5);
  });

  it('well-known names resolve in paths and equal the listed ids; folder ids are stable (§1.2)', async () => {
    const list = await t.get('/me/mailFolders?$top=50');
    const inbox = (list.json.value ?? []).find(f => f.displayName === 'Inbox');
    const byName = await t.get('/me/mailFolders/Inbox');
    expect(byName.json.id).toBe(inbox?.id);
    expect(byName.json).toMatchObject({ displayName: 'Inbox', childFolderCount: 13, totalItemCount: 3, unreadItemCount: 3, isHidden: false });
    for (const wk of ['archive', 'deleteditems', 'sentitems', 'drafts', 'msgfolderroot']) expect((await t.get(`/me/mailFolders/${wk}`)).status).toBe(200);
    expect((await t.get('/me/mailFolders/inbox')).json.id).toBe(inbox?.id);
  });

  it('$filter=displayName eq and nested childFolders addressing', async () => {
    const f = await t.get(`/me/mailFolders/inbox/childFolders?$filter=${encodeURIComponent("displayName eq 'Import folder'")}`);
    expect(names(f)).toEqual(['Import folder']);
    const importId = f.json.value?.[0]?.id as string;
    const nested = await t.get(`/me/mailFolders/inbox/childFolders/${importId}/childFolders`);
    expect(names(nested)).toEqual(['CRM Erledigt [E]']);
  });

  it('creating a child folder answers 201; a sibling with the same name (any case, hidden too) 409 ErrorFolderExists (§1.4)', async () => {
    const created = await t.call('POST', '/me/mailFolders/inbox/childFolders', { body: { displayName: 'CARMEN/EVI/TINA activities', isHidden: false } });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ displayName: 'CARMEN/EVI/TINA activities', childFolderCount: 0, totalItemCount: 0, isHidden: false });
    expect(created.json.parentFolderId).toBe((await t.get('/me/mailFolders/inbox')).json.id);
    for (const displayName of ['CARMEN/EVI/TINA activities', 'carmen/evi/tina ACTIVITIES', 'Secret']) {
      const dup = await t.call('POST', '/me/mailFolders/inbox/childFolders', { body: { displayName } });
      expect(dup.status).toBe(409);
      expect((dup.json.error as { code: string }).code).toBe('ErrorFolderExists');
    }
    expect((await t.get(`/me/mailFolders/${created.json.id as string}`)).json.displayName).toBe('CARMEN/EVI/TINA activities');
  });
});
