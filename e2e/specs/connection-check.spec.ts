/**
 * File › Check groupware connection…: against the sandbox's demo mailbox, whose Import folder holds two misnamed
 * subfolders. The page says in words what is wrong with each and what to do; after the folder is renamed in
 * Outlook, *Check again* shows it passing. One case in German.
 */
import { expect, test } from './fixtures';

test('the check reports a misnamed folder in words with a name that works; Check again sees it fixed', async ({ page, syncApp }) => {
  await page.goto(syncApp.app.url);
  await page.getByRole('button', { name: 'File' }).click();
  await page.getByRole('menuitem', { name: 'Check groupware connection…' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Check groupware connection' })).toBeVisible();

  const checks = page.getByRole('list', { name: 'The checks' });
  const misnamed = checks.locator('[data-check-id="folder:Import folder/CRM Ohne Status"]');
  await expect(misnamed.getByRole('img', { name: 'Warning' })).toBeVisible();
  await expect(misnamed.locator('[data-part="message"]')).toHaveText(
    'Folder "CRM Ohne Status" is not imported from: the status key in square brackets is missing at the end of its name, e.g. "CRM Ohne Status [O]". The status keys in the CRM are E, I, O.',
  );
  await expect(misnamed.locator('[data-part="fix"]')).toHaveText('What to do: Rename the folder in Outlook, e.g. to "CRM Ohne Status [O]".');
  await expect(page.getByRole('status')).toHaveText('It works, with 2 warnings: see below.');
  await expect(checks.locator('[data-check-id="signIn"]').getByRole('img', { name: 'Passed' })).toBeVisible();
  await expect(checks.locator('[data-check-id="archiveFolder"] [data-part="message"]')).toHaveText(
    '"CARMEN/EVI/TINA activities" is not there yet: it will be created under the Inbox at the first import.',
  );

  // The user renames the folder in Outlook and checks again.
  syncApp.sandbox.admin.renameFolder(syncApp.sandbox.admin.folder('inbox', 'Import folder', 'CRM Ohne Status').id, 'CRM Ohne Status [O]');
  await page.getByRole('button', { name: 'Check again' }).click();
  const renamed = checks.locator('[data-check-id="folder:Import folder/CRM Ohne Status [O]"]');
  await expect(renamed.getByRole('img', { name: 'Passed' })).toBeVisible();
  await expect(renamed.locator('[data-part="message"]')).toHaveText(/^Mails filed here are imported with status O \(.+\)\.$/);
  await expect(page.getByRole('status')).toHaveText('It works, with 1 warning: see below.');
});

test.describe('in German', () => {
  test.use({ locale: 'de-DE' });

  test('the check speaks German: an unknown status key, in words, with what to do', async ({ page, syncApp }) => {
    await page.goto(syncApp.app.url);
    await page.goto(`${syncApp.app.origin}/#/connection-check`);
    await expect(page.getByRole('heading', { level: 1, name: 'Groupware-Verbindung prüfen' })).toBeVisible();
    const unknown = page.getByRole('list', { name: 'Die Prüfungen' }).locator('[data-check-id="folder:Import folder/CRM Unbekannt [X]"]');
    await expect(unknown.getByRole('img', { name: 'Warnung' })).toBeVisible();
    await expect(unknown.locator('[data-part="message"]')).toContainText('„CRM Unbekannt [X]“');
    await expect(unknown.locator('[data-part="fix"]')).toHaveText('Was zu tun ist: Benennen Sie den Ordner in Outlook um, z. B. in „CRM Unbekannt [O]“.');
    await expect(page.getByRole('status')).toHaveText('Es funktioniert, mit 2 Warnungen: siehe unten.');
  });
});
