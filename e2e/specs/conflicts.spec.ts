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

test.describe('in German', () => {
  test.use({ locale: 'de-DE' });

  test('the page speaks German, also when there is nothing to decide', async ({ page, syncApp }) => {
    await page.goto(syncApp.app.url);
    await page.goto(`${syncApp.app.origin}/#/conflicts`);
    await expect(page.getByRole('heading', { level: 1, name: 'Synchronisationskonflikte' })).toBeVisible();
    await expect(page.getByText('Keine Konflikte: CRM und Outlook sind auf demselben Stand.')).toBeVisible();
  });
});
