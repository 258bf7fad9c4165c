import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { anyOf, deltaRound, like, matching, startTestSandbox, testMailbox, type TestSandbox } from './test-helpers';

let t: TestSandbox;
beforeAll(async () => { t = await startTestSandbox(); });
afterAll(async () => { await t.close(); });
beforeEach(() => { t.sb.admin.reset(); });

type Json = Record<string, unknown>;
const code = (r: { json: Json }) => (r.json.error as { code: string } | undefined)?.code;
const tasksList = () => t.sb.admin.todoList('defaultList');
const tasksPath = () => `/me/todo/lists/${tasksList().id}/tasks`;
const create = (body: Json) => t.call('POST', tasksPath(), { body });

describe('To Do lists (graph-subset §6.1)', () => {
  it('a mailbox file without lists has the built-in Tasks (defaultList) and Flagged email lists; POST creates a user list', async () => {
    const r = await t.get('/me/todo/lists');
    expect(r.json.value?.map(l => [l.displayName, l.wellknownListName, l.isOwner, l.isShared])).toEqual([
      ['Tasks', 'defaultList', true, false], ['Flagged email', 'flaggedEmails', true, false],
    ]);
    const created = await t.call('POST', '/me/todo/lists', { body: { displayName: 'CRM' } });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ displayName: 'CRM', wellknownListName: 'none', id: anyOf(String) });
    expect((await t.get(`/me/todo/lists/${String(created.json.id)}`)).json.displayName).toBe('CRM');
    expect((await t.call('PATCH', `/me/todo/lists/${String(created.json.id)}`, { body: { displayName: 'CRM tasks' } })).json.displayName).toBe('CRM tasks');
    // Built-in lists can't be renamed or deleted.
    expect((await t.call('PATCH', `/me/todo/lists/${tasksList().id}`, { body: { displayName: 'Mine' } })).status).toBe(400);
    expect((await t.call('DELETE', `/me/todo/lists/${tasksList().id}`)).status).toBe(400);
    expect((await t.call('DELETE', `/me/todo/lists/${String(created.json.id)}`)).status).toBe(204);
    expect(code(await t.get(`/me/todo/lists/${String(created.json.id)}`))).toBe('ErrorItemNotFound');
  });

  it('lists and tasks from the mailbox file; missing built-ins are added', async () => {
    const own = await startTestSandbox({}, { ...testMailbox(), todoLists: [{ displayName: 'Projects', tasks: [{ title: 'Call back', importance: 'high' }] }] });
    try {
      const lists = (await own.get('/me/todo/lists')).json.value ?? [];
      expect(lists.map(l => l.displayName)).toEqual(['Projects', 'Tasks', 'Flagged email']);
      const tasks = await own.get(`/me/todo/lists/${String(lists[0]?.id)}/tasks`);
      expect(tasks.json.value).toEqual([like({ title: 'Call back', importance: 'high', status: 'notStarted' })]);
    } finally {
      await own.close();
    }
  });
});

describe('To Do tasks (§6.2)', () => {
  it('POST → 201: empty text body, notStarted, normal importance, etag; linkedResources inline with server ids', async () => {
    const r = await create({ title: 'A new task', linkedResources: [{ webUrl: 'crm-companion://activities/ACT-1', applicationName: 'CRM Companion', displayName: 'ACT-1', externalId: 'ACT-1' }] });
    expect(r.status).toBe(201);
    expect(r.json).toMatchObject({
      title: 'A new task', status: 'notStarted', importance: 'normal', isReminderOn: false, categories: [], body: { content: '', contentType: 'text' },
      linkedResources: [{ id: matching(/^[0-9a-f-]{36}$/), webUrl: 'crm-companion://activities/ACT-1', applicationName: 'CRM Companion', externalId: 'ACT-1' }],
    });
    expect(r.json['@odata.etag']).toMatch(/^W\/".+"$/);
    expect(r.json.createdDateTime).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{7}Z$/);
    // GET leaves linkedResources out unless expanded.
    const got = await t.get(`${tasksPath()}/${String(r.json.id)}`);
    expect(got.json.linkedResources).toBeUndefined();
    expect((await t.get(`${tasksPath()}/${String(r.json.id)}?$expand=linkedResources`)).json.linkedResources).toHaveLength(1);
    expect((await create({ title: 'x', nonsense: true })).status).toBe(400);
    expect((await create({ title: 'x', status: 'done' })).status).toBe(400);
  });

  it('dueDateTime is a date: midnight of the day in the zone given, in UTC (the docs\' example); reminder kept to the minute', async () => {
    const r = await create({ title: 'Due', dueDateTime: { dateTime: '2020-07-25T16:00:00', timeZone: 'Eastern Standard Time' },
      isReminderOn: true, reminderDateTime: { dateTime: '2020-07-24T09:30:00', timeZone: 'W. Europe Standard Time' } });
    expect(r.json).toMatchObject({
      dueDateTime: { dateTime: '2020-07-25T04:00:00.0000000', timeZone: 'UTC' },
      isReminderOn: true, reminderDateTime: { dateTime: '2020-07-24T07:30:00.0000000', timeZone: 'UTC' },
    });
    const berlin = await t.get(`${tasksPath()}/${String(r.json.id)}`, { Prefer: 'outlook.timezone="W. Europe Standard Time"' });
    expect(berlin.json.reminderDateTime).toEqual({ dateTime: '2020-07-24T09:30:00.0000000', timeZone: 'W. Europe Standard Time' });
  });

  it('PATCH changes the etag every time; completed sets completedDateTime, reopening clears it; DELETE 204 then 404', async () => {
    const r = await create({ title: 'Offer', categories: ['CRM'] });
    const path = `${tasksPath()}/${String(r.json.id)}`;
    const done = await t.call('PATCH', path, { body: { status: 'completed' } });
    expect(done.json.status).toBe('completed');
    expect(done.json.completedDateTime).toMatchObject({ timeZone: 'UTC', dateTime: matching(/^\d{4}-\d{2}-\d{2}T/) });
    expect(done.json['@odata.etag']).not.toBe(r.json['@odata.etag']);
    const again = await t.call('PATCH', path, { body: { importance: 'high' } });
    expect(again.json['@odata.etag']).not.toBe(done.json['@odata.etag']);
    const reopened = await t.call('PATCH', path, { body: { status: 'inProgress', body: { contentType: 'html', content: '<p>See <a href="crm-companion://activities/1">activity</a></p>' } } });
    expect(reopened.json.completedDateTime).toBeUndefined();
    expect(reopened.json.body).toEqual({ contentType: 'html', content: '<p>See <a href="crm-companion://activities/1">activity</a></p>' });
    expect((await t.call('PATCH', path, { body: { changeKey: 'x' } })).status).toBe(400);
    expect((await t.call('DELETE', path)).status).toBe(204);
    expect([(await t.get(path)).status, code(await t.get(path))]).toEqual([404, 'ErrorItemNotFound']);
    // A task is addressed under its own list only.
    const other = await create({ title: 'Elsewhere' });
    const flagged = t.sb.admin.todoList('flaggedEmails').id;
    expect((await t.get(`/me/todo/lists/${flagged}/tasks/${String(other.json.id)}`)).status).toBe(404);
  });

  it('lists tasks in pages of 10 with $top, $filter on status', async () => {
    for (let i = 0; i < 12; i++) t.sb.admin.createTask({ title: `T${i}`, ...(i % 4 === 0 ? { status: 'completed' } : {}) });
    const first = await t.get(tasksPath());
    expect(first.json.value).toHaveLength(10);
    expect((await t.get(first.json['@odata.nextLink'] as string)).json.value).toHaveLength(2);
    const done = await t.get(`${tasksPath()}?$filter=${encodeURIComponent("status eq 'completed'")}&$select=title,status`);
    expect(done.json.value?.map(x => x.title)).toEqual(['T0', 'T4', 'T8']);
  });

  it('linkedResources as a sub-resource: GET, POST (server id), PATCH, DELETE', async () => {
    const task = await create({ title: 'Linked' });
    const base = `${tasksPath()}/${String(task.json.id)}/linkedResources`;
    const added = await t.call('POST', base, { body: { webUrl: 'https://crm.example/activities/7', applicationName: 'CRM', displayName: 'Activity 7', externalId: '7' } });
    expect(added.status).toBe(201);
    const id = String(added.json.id);
    expect((await t.get(base)).json.value).toEqual([like({ id, externalId: '7' })]);
    expect((await t.call('PATCH', `${base}/${id}`, { body: { displayName: 'Activity seven' } })).json).toMatchObject({ id, displayName: 'Activity seven', externalId: '7' });
    expect((await t.get(`${base}/${id}`)).json.displayName).toBe('Activity seven');
    expect((await t.call('DELETE', `${base}/${id}`)).status).toBe(204);
    expect((await t.get(`${base}/${id}`)).status).toBe(404);
    expect((await t.get(base)).json.value).toEqual([]);
  });
});

describe('task delta per list (§6.3, §12)', () => {
  it('pages by the resent Prefer to a deltaLink; later rounds: created, updated, @removed; a move gives a new id in the other list', async () => {
    for (let i = 0; i < 5; i++) t.sb.admin.createTask({ title: `T${i}` });
    const delta = `${tasksPath()}/delta`;
    const first = await deltaRound(t, delta, { Prefer: 'odata.maxpagesize=2' });
    expect(first.pages.map(p => p.length)).toEqual([2, 2, 1]);
    expect(first.deltaLink).toMatch(new RegExp(`/v1\\.0/me/todo/lists/${tasksList().id.replace(/[=+]/g, '.')}/tasks/delta\\?\\$deltatoken=`));
    const projects = t.sb.admin.createTodoList('Projects');
    const other = await deltaRound(t, `/me/todo/lists/${projects.id}/tasks/delta`);
    expect((await deltaRound(t, first.deltaLink)).items).toEqual([]);
    const [a, b, c] = first.items.map(i => String(i.id));
    t.sb.admin.completeTask(a ?? '');
    t.sb.admin.deleteTask(b ?? '');
    const moved = t.sb.admin.moveTask(c ?? '', projects.id);
    const fresh = t.sb.admin.createTask({ title: 'Fresh' });
    const next = await deltaRound(t, first.deltaLink);
    expect(next.items.filter(i => i['@removed']).map(i => i.id).sort()).toEqual([b, c].sort());
    expect(next.items.find(i => i.id === a)).toMatchObject({ status: 'completed' });
    expect(next.items.find(i => i.id === fresh.id)).toMatchObject({ title: 'Fresh' });
    expect(moved.id).not.toBe(c);
    expect((await deltaRound(t, other.deltaLink)).items).toEqual([like({ id: moved.id, title: 'T2' })]);
    expect((await t.get(`${tasksPath()}/${c ?? ''}`)).status).toBe(404);
  });

  it('$select is baked into the tokens; expired tokens answer 410 SyncStateNotFound', async () => {
    for (let i = 0; i < 3; i++) t.sb.admin.createTask({ title: `T${i}` });
    const round = await deltaRound(t, `${tasksPath()}/delta?$select=title`, { Prefer: 'odata.maxpagesize=2' });
    for (const item of round.items) expect(Object.keys(item).sort()).toEqual(['@odata.etag', 'id', 'title']);
    const page = await t.get(`${tasksPath()}/delta`, { Prefer: 'odata.maxpagesize=1' });
    t.sb.admin.setFaults({ expireDeltaTokens: true });
    for (const link of [round.deltaLink, page.json['@odata.nextLink'] as string]) {
      const r = await t.get(link);
      expect([r.status, code(r)]).toEqual([410, 'SyncStateNotFound']);
    }
    expect((await t.get(`${tasksPath()}/delta?$filter=${encodeURIComponent("status eq 'completed'")}`)).status).toBe(400);
  });

  it('list delta reports created, renamed and deleted lists', async () => {
    const first = await deltaRound(t, '/me/todo/lists/delta');
    expect(first.items.map(l => l.displayName)).toEqual(['Tasks', 'Flagged email']);
    const created = t.sb.admin.createTodoList('CRM');
    const gone = t.sb.admin.createTodoList('Gone');
    const next = await deltaRound(t, first.deltaLink);
    expect(next.items.map(l => l.displayName)).toEqual(['CRM', 'Gone']);
    await t.call('DELETE', `/me/todo/lists/${gone.id}`);
    await t.call('PATCH', `/me/todo/lists/${created.id}`, { body: { displayName: 'CRM tasks' } });
    const last = await deltaRound(t, next.deltaLink);
    expect(last.items).toEqual([
      { '@odata.type': '#microsoft.graph.todoTaskList', id: gone.id, '@removed': { reason: 'deleted' } },
      like({ id: created.id, displayName: 'CRM tasks' }),
    ]);
  });
});
