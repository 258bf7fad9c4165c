/**
 * The activities window after an import, in browser mode against the sandbox with the demo mailbox and CRM:
 * *Not assigned imported mails* with its count; an unknown address assigned to a contact person (the count
 * drops by every mail from it, the others from it are linked), a contact person created from another; an
 * imported mail's type and allocations changed and saved; *Synchronization as task* makes the To Do task in
 * Outlook and greys out its menu entry.
 */
import type { Locator, Page } from '@playwright/test';
import { fileIntoImportFolder } from './activity-selection-helpers';
import { expect, test } from './fixtures';
import { valueOf } from './wizard-helpers';

const MAX = { name: 'Max Mustermann', address: 'max.mustermann1987@gmail.com' };
const FROM_MAX = ['Anfrage: Ihre Software für kleine Betriebe', 'Re: Testversion', 'Frage zur Datensicherung'];
const PATEL = { name: 'Ravi Patel', address: 'r.patel@sales.contoso.com' };

const notAssignedTab = (page: Page) => page.getByRole('tab', { name: /^Not assigned imported mails/ });
const rowOf = (page: Page, subject: string): Locator => page.locator('[role="row"][data-activity-id]').filter({ has: page.getByRole('link', { name: subject, exact: true }) });

async function countIn(tab: Locator): Promise<number> {
  const text = (await tab.textContent()) ?? '';
  return Number(/\((\d+)\)/.exec(text)?.[1] ?? NaN);
}

test('after an import: unknown senders fixed from the list, an imported mail completed, sent to Outlook as a task', async ({ page, syncApp }) => {
  test.slow(); // an import, two fixes, a save and a push to the sandbox
  fileIntoImportFolder(syncApp, { subject: FROM_MAX[1] ?? '', from: MAX, html: '<p>Gibt es die Testversion auch für Mac?</p>' });
  fileIntoImportFolder(syncApp, { subject: FROM_MAX[2] ?? '', from: MAX, html: '<p>Wo liegen die Daten?</p>' });
  const summary = await valueOf(syncApp, 'sync.now', {});
  expect(summary.imported).toBeGreaterThan(3);

  await page.goto(syncApp.app.url);
  await page.goto(`${syncApp.app.origin}/#/`);
  await page.getByRole('button', { name: 'File' }).click();
  await page.getByRole('menuitem', { name: 'Activities' }).click();
  await expect(notAssignedTab(page)).toHaveAttribute('aria-selected', 'true');
  await expect(notAssignedTab(page)).toHaveText(/\(\d+\)/);
  const before = await countIn(notAssignedTab(page));
  for (const subject of FROM_MAX) await expect(rowOf(page, subject)).toBeVisible();

  // Assign Max's address to Peter Hartmann: all three of his mails leave the list.
  await rowOf(page, FROM_MAX[0] ?? '').getByRole('button', { name: `Unknown sender ${MAX.address}: actions` }).click();
  await page.getByRole('menuitem', { name: 'Assign to contact person…' }).click();
  const assign = page.getByRole('dialog', { name: 'Assign the address to a contact person' });
  await assign.getByRole('combobox', { name: 'Contact person' }).pressSequentially('hartmann');
  await page.getByRole('option', { name: /Peter Hartmann/ }).click();
  await assign.getByRole('button', { name: 'Assign' }).click();
  await expect(page.getByTestId('address-fixed')).toContainText(`${MAX.address} now belongs to Peter Hartmann: 3 activities from it are linked.`);
  await expect(notAssignedTab(page)).toHaveText(`Not assigned imported mails (${before - 3})`);
  for (const subject of FROM_MAX) await expect(rowOf(page, subject)).toHaveCount(0);

  // Create a contact person from Ravi Patel's address (no partner from sales.contoso.com: picked by hand).
  await rowOf(page, 'Partner discount request for Q1 2027').getByRole('button', { name: `Unknown sender ${PATEL.address}: actions` }).click();
  await page.getByRole('menuitem', { name: 'Create contact person…' }).click();
  const create = page.getByRole('dialog', { name: 'Create a contact person' });
  await expect(create.getByRole('textbox', { name: 'Name' })).toHaveValue(PATEL.name);
  await create.getByRole('combobox', { name: 'Business partner' }).pressSequentially('contoso');
  await page.getByRole('option', { name: /Contoso Ltd\./ }).click();
  await create.getByRole('button', { name: 'Create' }).click();
  await expect(page.getByTestId('address-fixed')).toContainText(`${PATEL.address} now belongs to Ravi Patel`);
  await expect(notAssignedTab(page)).toHaveText(`Not assigned imported mails (${before - 4})`);

  // The others from Max are linked: all imported mails, searched by sender.
  await page.getByRole('tab', { name: /^All imported mails/ }).click();
  await page.getByRole('searchbox', { name: 'Search subject and sender' }).fill('mustermann');
  for (const subject of FROM_MAX) await expect(rowOf(page, subject).locator('[data-column="contactPerson"]')).toHaveText('Peter Hartmann');
  await expect(page.locator('[role="row"][data-activity-id]')).toHaveCount(3);

  // Complete one: type, project (of Lahntal, Peter Hartmann's partner), saved.
  await rowOf(page, FROM_MAX[1] ?? '').getByRole('link').click();
  const form = page.getByTestId('activity-form');
  await form.getByRole('combobox', { name: 'Type' }).click();
  await page.getByRole('option', { name: 'Phone call' }).click();
  await form.getByRole('combobox', { name: 'Main project' }).pressSequentially('CRM-Einf');
  await page.getByRole('option', { name: /CRM-Einführung 2027/ }).click();
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByTestId('save-result')).toHaveText('Saved.');
  const id = (await page.getByTestId('activity-id').textContent())?.replace(/^Activity /, '') ?? '';
  expect(await valueOf(syncApp, 'activities.get', { id })).toMatchObject({ type: 'PHONE', project: 'P-100', contactPerson: 'CP-1002', businessPartner: 'BP-LAHNTAL' });

  // Synchronization as task: the To Do task appears in Outlook, and the entry greys out.
  await page.getByRole('button', { name: 'Synchronization' }).click();
  await page.getByRole('menuitem', { name: 'Synchronization as task' }).click();
  await expect(page.getByTestId('sync-result')).toHaveText('The activity is a task in Microsoft To Do now.');
  expect(syncApp.sandbox.admin.todoList('defaultList').tasks.map((task) => task.title)).toContain(FROM_MAX[1]);
  await expect(page.getByTestId('groupware-kind')).toHaveText('In Microsoft To Do as a task.');
  await page.getByRole('button', { name: 'Synchronization' }).click();
  await expect(page.getByRole('menuitem', { name: 'Synchronization as task' })).toHaveAttribute('aria-disabled', 'true');
  await expect(page.getByRole('menuitem', { name: 'Synchronization as date' })).toHaveAttribute('aria-disabled', 'true');
});

test.describe('in German', () => {
  test.use({ locale: 'de-DE' });
  test('the tray link opens the import’s activities', async ({ page, syncApp }) => {
  const summary = await valueOf(syncApp, 'sync.now', {});
  await page.goto(syncApp.app.url);
  await page.goto(`${syncApp.app.origin}/#/activities?run=${encodeURIComponent(summary.runId)}`);
  await expect(page.getByRole('tab', { name: `Dieser Import (${summary.imported})` })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('tab', { name: /^Nicht zugeordnete importierte E-Mails \(\d+\)/ })).toBeVisible();
});
});
