/**
 * File › Synchronization conflicts…: a To Do task changed both in the CRM and in Outlook shows with both versions;
 * keeping the CRM's writes it to Outlook at once (checked through the sandbox) and the conflict is gone.
 */
import path from 'node:path';
import { openCrmStore } from '../../electron/crm/store';
import { expect, test } from './fixtures';
import { valueOf } from './wizard-helpers';

const TASK = 'Wartungsvertrag Hessen Maschinenbau prüfen';

test('a conflict shows both versions; keeping the CRM’s writes it to Outlook and clears the list', async ({ page, syncApp }) => {
  await valueOf(syncApp, 'prefs.update', { patch: { areas: { mails: true, tasks: true, appointments: false } } });
  expect((await valueOf(syncApp, 'sync.now', {})).errors).toEqual([]);
  const task = syncApp.sandbox.admin.todoList('defaultList').tasks.find((t) => t.title === TASK);
  expect(task).toBeDefined();
  syncApp.sandbox.admin.updateTask(task?.id ?? '', { title: `${TASK} (Outlook)` });
  const store = await openCrmStore(path.join(syncApp.dataDir, 'crm.sqlite'));
  try {
    await store.db.updateTable('activities').set({ subject: `${TASK} (CRM)` }).where('subject', '=', TASK).execute();
  } finally {
    await store.close();
  }
  expect((await valueOf(syncApp, 'sync.now', {})).conflicts).toBe(1);

  await page.goto(syncApp.app.url);
  await page.getByRole('button', { name: 'File' }).click();
  await page.getByRole('menuitem', { name: 'Synchronization conflicts…' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Synchronization conflicts' })).toBeVisible();
  const versions = page.getByRole('table', { name: `The two versions of “${TASK} (CRM)”` });
  const subjectRow = versions.locator('[data-field="subject"]');
  await expect(subjectRow.locator('[data-side="crm"]')).toHaveText(`${TASK} (CRM)`);
  await expect(subjectRow.locator('[data-side="outlook"]')).toHaveText(`${TASK} (Outlook)`);
  await expect(subjectRow.getByRole('cell').first()).toHaveText('Subject');

  await page.getByRole('button', { name: 'Keep the CRM’s version' }).click();
  await expect(page.getByRole('status')).toHaveText(`“${TASK} (CRM)”: your choice is in the CRM and in Outlook.`);
  await expect(page.getByText('No conflicts: the CRM and Outlook are in step.')).toBeVisible();
  expect(syncApp.sandbox.admin.task(task?.id ?? '')?.title).toBe(`${TASK} (CRM)`);
  expect(await valueOf(syncApp, 'conflicts.list', {})).toEqual([]);
});

test('an appointment settled field by field: the times go together; Outlook’s subject and the CRM’s place, on both sides', async ({ page, syncApp }) => {
  const admin = syncApp.sandbox.admin;
  const day = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
  const made = admin.createEvent({ subject: 'Workshop', location: { displayName: 'Room 1' }, start: { dateTime: `${day}T09:00:00`, timeZone: 'UTC' }, end: { dateTime: `${day}T11:00:00`, timeZone: 'UTC' } });
  await valueOf(syncApp, 'prefs.update', { patch: { areas: { mails: false, tasks: false, appointments: true } } });
  expect((await valueOf(syncApp, 'sync.now', {})).errors).toEqual([]);
  admin.updateEvent(made.id, { subject: 'Workshop (Outlook)', location: { displayName: 'Room 2' }, start: { dateTime: `${day}T10:00:00`, timeZone: 'UTC' }, end: { dateTime: `${day}T12:00:00`, timeZone: 'UTC' } });
  const store = await openCrmStore(path.join(syncApp.dataDir, 'crm.sqlite'));
  try {
    await store.db.updateTable('activities').set({ subject: 'Workshop (CRM)', location: 'Room 3' }).where('subject', '=', 'Workshop').execute();
  } finally {
    await store.close();
  }
  expect((await valueOf(syncApp, 'sync.now', {})).conflicts).toBe(1);

  await page.goto(syncApp.app.url);
  await page.goto(`${syncApp.app.origin}/#/conflicts`);
  const keepChosen = page.getByRole('button', { name: 'Keep the values chosen' });
  await expect(keepChosen).toBeDisabled();
  await expect(page.getByText('Choose a side for 4 more fields.', { exact: false })).toBeVisible();
  await page.getByRole('radiogroup', { name: 'Keep for Subject' }).getByRole('radio', { name: 'Outlook' }).check();
  await page.getByRole('radiogroup', { name: 'Keep for Location' }).getByRole('radio', { name: 'CRM' }).check();
  // The start's choice is the end's too: they go together.
  await page.getByRole('radiogroup', { name: 'Keep for Start' }).getByRole('radio', { name: 'Outlook' }).check();
  await expect(page.getByRole('radiogroup', { name: 'Keep for End' }).getByRole('radio', { name: 'Outlook' })).toBeChecked();
  await keepChosen.click();
  await expect(page.getByRole('status')).toHaveText('“Workshop (CRM)”: your choice is in the CRM and in Outlook.');

  expect(admin.event(made.id)).toMatchObject({ subject: 'Workshop (Outlook)', location: { displayName: 'Room 3' } });
  const [activity] = (await valueOf(syncApp, 'activities.list', { limit: 100 })).filter((a) => a.subject.startsWith('Workshop'));
  expect(activity).toMatchObject({ subject: 'Workshop (Outlook)', location: 'Room 3', start: `${day}T10:00:00.000Z` });
  expect(await valueOf(syncApp, 'sync.now', {})).toMatchObject({ imported: 0, pushed: 0, conflicts: 0 });
});

test.describe('in German', () => {
  test.use({ locale: 'de-DE' });

  test('the page speaks German, also when there is nothing to decide', async ({ page, syncApp }) => {
    await page.goto(syncApp.app.url);
    await page.goto(`${syncApp.app.origin}/#/conflicts`);
    await expect(page.getByRole('heading', { level: 1, name: 'Synchronisationskonflikte' })).toBeVisible();
    await expect(page.getByText('Keine Konflikte: CRM und Outlook sind auf demselben Stand.')).toBeVisible();
  });
});
