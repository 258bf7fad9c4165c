/**
 * The *Activity synchronization* wizard end to end in browser mode: the real service, engine and Graph
 * provider against the sandbox with the demo mailbox. Area selection → activity selection (folder warnings,
 * ticks, the red empty subject that blocks *Next*) → edit documents → import → the result page; then Outlook's
 * side, read from the sandbox: what was imported moved to the archive folder, what was unticked stayed.
 */
import type { Page } from '@playwright/test';
import type { SyncApp } from './fixtures';
import { expect, test } from './fixtures';

const ARCHIVE = 'CARMEN/EVI/TINA activities';
const UNTICKED = 'Invoice query INV-2026-1187';
const TYPED_SUBJECT = 'Lieferavis KW 48 (Weber Logistik)';
/** From Anna Schmidt (CP-1001) of Lahntal Brauerei GmbH (BP-LAHNTAL), delegated to Maria Müller (MUE): demo-crm.json. */
const FROM_ANNA = 'Angebot CRM-Lizenzen – Rückfragen zu Staffelpreisen';
/** From an address no contact or partner has. */
const FROM_STRANGER = 'Anfrage: Ihre Software für kleine Betriebe';

async function openWizard(page: Page, { app }: SyncApp): Promise<void> {
  await page.goto(app.url); // presents the secret once; the session cookie carries on
  await page.goto(`${app.origin}/#/sync`);
}

/** The focused step heading draws no focus ring (it is no control); the screen reader still starts there. */
async function expectQuietFocus(page: Page, heading: string): Promise<void> {
  const focused = page.getByRole('heading', { name: heading });
  await expect(focused).toBeFocused();
  // Polled, and read only while focused: the step may still re-render its frame (loading → list).
  await expect
    .poll(() => focused.evaluate((element) => (element === document.activeElement ? getComputedStyle(element).outlineStyle : 'not focused')))
    .toBe('none');
}

/** Subjects of the mails in an Outlook folder, by its path below the mailbox root. */
function subjectsIn({ sandbox }: SyncApp, folderPath: string): string[] {
  const state = sandbox.admin.state();
  const folder = state.folders.find((f) => f.path.join('/') === folderPath);
  if (folder === undefined) return [];
  return state.messages
    .filter((m) => m.parentFolderId === folder.id)
    .map((m) => (typeof m.subject === 'string' ? m.subject : ''))
    .sort();
}

test('imports the ticked mails, with a typed subject, and leaves the unticked one in Outlook', async ({ page, syncApp }, testInfo) => {
  const importFolderBefore = subjectsIn(syncApp, 'Inbox/Import folder');
  expect(importFolderBefore).toContain(UNTICKED);
  await openWizard(page, syncApp);

  // Step 1: mails chosen by default; tasks and appointed times can be added for this run.
  await expectQuietFocus(page, 'Step 1 of 5: Area selection');
  const mails = page.getByRole('checkbox', { name: 'Mails' });
  await expect(mails).toBeChecked();
  for (const other of ['Tasks', 'Appointed times']) {
    await expect(page.getByRole('checkbox', { name: other })).not.toBeChecked();
    await expect(page.getByRole('checkbox', { name: other })).toBeEnabled();
  }
  await expect(page.getByText('Not ticked in your preferences: tick it to include it this time.')).toHaveCount(2);
  // Keyboard: Tab reaches the checkbox, Space toggles it, Enter is *Next*.
  await page.keyboard.press('Tab');
  await expect(mails).toBeFocused();
  // A control reached with the keyboard still shows where focus is: Fluent's focus outline around the checkbox.
  await expect
    .poll(() => mails.evaluate((input) => getComputedStyle(input.closest('.fui-Checkbox') ?? input, '::after').borderTopStyle))
    .toBe('solid');
  await page.keyboard.press('Space');
  await expect(mails).not.toBeChecked();
  await expect(page.getByRole('button', { name: 'Next' })).toBeDisabled();
  await page.keyboard.press('Space');
  await expect(mails).toBeChecked();
  await page.keyboard.press('Enter');

  // Step 2: the folders whose names break the grammar are warnings with the server's sentence.
  await expectQuietFocus(page, 'Step 2 of 5: Activity selection');
  const table = page.getByRole('table', { name: 'New mails in Outlook' });
  await expect(table).toBeVisible();
  for (const folder of ['CRM Ohne Status', 'CRM Unbekannt [X]']) {
    const warning = page.locator(`[data-folder="${folder}"]`);
    await expect(warning).toBeVisible();
    await expect(warning.getByText(`Import folder/${folder}`, { exact: true })).toBeVisible(); // where it is
    await expect(warning).toContainText(`"${folder}" is not imported`); // the server's sentence: what is wrong
  }
  const rows = table.getByRole('row');
  await expect(rows).toHaveCount(1 + 17); // header + Import folder (12) + CRM Erledigt [E] (3) + CRM Offen [O] (2)
  await expect(table.getByRole('checkbox', { checked: true })).toHaveCount(1 + 17); // all ticked, and so the header
  await expect(table.getByRole('row', { name: new RegExp(FROM_STRANGER) }).getByText('unknown')).toBeVisible();
  // Names, not keys: the partner and the delegated-to employee as users know them, the key below.
  const fromAnna = table.getByRole('row', { name: new RegExp(FROM_ANNA) });
  await expect(fromAnna).toContainText('Incoming e-mail');
  await expect(fromAnna).toContainText('imported');
  await expect(fromAnna.locator('[data-crm-key="BP-LAHNTAL"]')).toHaveText(/^Lahntal Brauerei GmbH\s*BP-LAHNTAL$/);
  await expect(fromAnna.locator('[data-crm-key="MUE"]')).toHaveText(/^Maria Müller\s*MUE$/);
  await expect(table.getByText('Lahntal Brauerei GmbH', { exact: true })).toHaveCount(3);
  await expect(table.getByRole('row', { name: new RegExp(FROM_STRANGER) }).locator('[data-crm-key^="BP-"]')).toHaveCount(0);
  await page.screenshot({ path: testInfo.outputPath('wizard-step-2.png'), fullPage: true });

  // The mail without a subject is red and blocks *Next*.
  const importButton = page.getByRole('button', { name: 'Next', exact: true });
  const subjectInput = page.getByRole('textbox', { name: 'Subject for the mail from Thomas Weber' });
  await expect(subjectInput).toHaveAttribute('aria-invalid', 'true');
  await expect(importButton).toBeDisabled();
  await expect(page.getByText('1 ticked mail has an empty mandatory field')).toBeVisible();

  // Untick one mail (Space on its checkbox); the header shows "some".
  const untick = table.getByRole('checkbox', { name: `Import the mail “${UNTICKED}” from Charlotte Evans` });
  await untick.focus();
  await page.keyboard.press('Space');
  await expect(untick).not.toBeChecked();
  await expect(table.getByRole('checkbox', { name: 'Import all mails' })).toBeChecked({ indeterminate: true });
  await expect(page.getByText('16 of 17 mails ticked for import.')).toBeVisible();

  // Typing a subject clears the red and frees *Next*.
  await subjectInput.fill(TYPED_SUBJECT);
  await expect(subjectInput).toHaveAttribute('aria-invalid', 'false');
  await expect(page.getByText('1 ticked mail has an empty mandatory field')).toBeHidden();
  await expect(importButton).toBeEnabled();
  // Enter is the step's default button: here *Next*, to the documents; there Enter is *Import*.
  await subjectInput.press('Enter');
  await expectQuietFocus(page, 'Step 3 of 5: Edit documents');
  await page.keyboard.press('Enter');

  // The last step: the summary in words and the activities of this import.
  await expectQuietFocus(page, 'Step 5 of 5: Import completed');
  const result = page.getByTestId('sync-result');
  await expect(result).toContainText('16 mails imported as activities.');
  await expect(result).toContainText('0 ticked mails not imported');
  await expect(result).toContainText('1 mail not ticked: it stays in Outlook.');
  const activities = page.getByRole('table', { name: 'Activities created by this import' });
  await expect(activities.getByRole('row')).toHaveCount(1 + 16);
  await expect(activities.getByRole('row', { name: new RegExp(TYPED_SUBJECT.replace(/[()]/g, '\\$&')) })).toBeVisible();
  const callBack = activities.getByRole('row', { name: /Rückruf wegen Rahmenvertrag/ });
  await expect(callBack).toContainText('Incoming e-mail');
  await expect(callBack).toContainText('open');
  // Names, not keys, with the key below each.
  await expect(callBack.locator('[data-crm-key="CP-1002"]')).toHaveText(/^Peter Hartmann\s*CP-1002$/);
  await expect(callBack.locator('[data-crm-key="BP-LAHNTAL"]')).toHaveText(/^Lahntal Brauerei GmbH\s*BP-LAHNTAL$/);
  await expect(callBack.locator('[data-crm-key="MUE"]')).toHaveText(/^Maria Müller\s*MUE$/);
  await expect(activities.getByRole('row', { name: new RegExp(FROM_ANNA) })).toContainText('Anna Schmidt');
  await expect(activities.getByRole('row', { name: new RegExp(FROM_STRANGER) })).toContainText('not assigned');
  await expect(activities.getByText('Lahntal Brauerei GmbH', { exact: true })).toHaveCount(3);
  await expect(activities).not.toContainText(UNTICKED);
  await page.screenshot({ path: testInfo.outputPath('wizard-step-3.png'), fullPage: true });

  // Outlook: the unticked mail is still in Import folder, the imported ones are in the archive folder.
  expect(subjectsIn(syncApp, 'Inbox/Import folder')).toEqual([UNTICKED]);
  const archived = subjectsIn(syncApp, `Inbox/${ARCHIVE}`);
  expect(archived).toHaveLength(16);
  expect(archived).not.toContain(UNTICKED);
  // Received mail cannot be edited in Graph: the typed subject lives in the CRM only.
  expect(archived).toContain('');
});

test('unticking the mail without a subject frees Next as well', async ({ page, syncApp }) => {
  await openWizard(page, syncApp);
  await page.getByRole('button', { name: 'Next' }).click();
  const table = page.getByRole('table', { name: 'New mails in Outlook' });
  await expect(table).toBeVisible();
  const importButton = page.getByRole('button', { name: 'Next', exact: true });
  await expect(importButton).toBeDisabled();
  await table.getByRole('checkbox', { name: 'Import the mail “(no subject)” from Thomas Weber' }).click();
  await expect(importButton).toBeEnabled();
  // The header ticks none, then all again (and the red row blocks again).
  const all = table.getByRole('checkbox', { name: 'Import all mails' });
  await all.click();
  await expect(all).toBeChecked();
  await expect(importButton).toBeDisabled();
  await all.click();
  await expect(table.getByRole('checkbox', { checked: true })).toHaveCount(0);
  await expect(page.getByText('Tick at least one mail to import.')).toBeVisible();
  await expect(importButton).toBeDisabled();
});

test.describe('in German', () => {
  test.use({ locale: 'de-DE' });

  test('step 1 speaks German', async ({ page, syncApp }) => {
    await openWizard(page, syncApp);
    await expect(page.getByRole('heading', { name: 'Schritt 1 von 5: Bereichsauswahl' })).toBeVisible();
    await expect(page.getByRole('checkbox', { name: 'E-Mails' })).toBeChecked();
    await expect(page.getByRole('checkbox', { name: 'Aufgaben' })).toHaveAccessibleDescription(/^Aufgaben und Wiedervorlagen in Ihrer Microsoft-To-Do-Aufgabenliste/);
    await expect(page.getByRole('checkbox', { name: 'Termine' })).toHaveAccessibleDescription(/^Termine und Besprechungen in Ihrem Outlook-Kalender/);
    await expect(page.getByText('In Ihren Einstellungen nicht ausgewählt: Wählen Sie es aus, um es diesmal einzubeziehen.')).toHaveCount(2);
    await expect(page.getByRole('button', { name: 'Weiter' })).toBeEnabled();
  });

  test('the server answers in German too: folder warnings; labels and names in a German page', async ({ page, syncApp }) => {
    await openWizard(page, syncApp);
    await page.getByRole('button', { name: 'Weiter' }).click();
    await expectQuietFocus(page, 'Schritt 2 von 5: Aktivitätenauswahl');
    // The sentences come from the server, in the language the page asked for.
    for (const folder of ['CRM Ohne Status', 'CRM Unbekannt [X]']) {
      const warning = page.locator(`[data-folder="${folder}"]`);
      await expect(warning).toContainText(`Aus dem Ordner „${folder}“ wird nicht importiert`);
      await expect(warning).not.toContainText('is not imported');
    }
    const table = page.getByRole('table', { name: 'Neue E-Mails in Outlook' });
    const fromAnna = table.getByRole('row', { name: new RegExp(FROM_ANNA) });
    await expect(fromAnna).toContainText('E-Mail Eingang');
    await expect(fromAnna.locator('[data-crm-key="BP-LAHNTAL"]')).toHaveText(/^Lahntal Brauerei GmbH\s*BP-LAHNTAL$/);
    await expect(fromAnna.locator('[data-crm-key="MUE"]')).toHaveText(/^Maria Müller\s*MUE$/);
    await expect(table.getByRole('row', { name: new RegExp(FROM_STRANGER) }).getByText('unbekannt', { exact: true })).toBeVisible();

    // Import only Anna's mail; the result page names her, in a German page.
    await table.getByRole('checkbox', { name: 'Alle E-Mails importieren' }).click(); // all → none
    await table.getByRole('checkbox', { name: new RegExp(FROM_ANNA) }).click();
    await page.getByRole('button', { name: 'Weiter', exact: true }).click();
    await expectQuietFocus(page, 'Schritt 3 von 5: Dokumente bearbeiten');
    await page.getByRole('button', { name: 'Importieren', exact: true }).click();
    await expectQuietFocus(page, 'Schritt 5 von 5: Import abgeschlossen');
    const result = page.getByTestId('sync-result');
    await expect(result).toContainText('1 E-Mail als Aktivität importiert.');
    const activities = page.getByRole('table', { name: 'Von diesem Import angelegte Aktivitäten' });
    await expect(activities.getByRole('row')).toHaveCount(1 + 1);
    await expect(activities.getByRole('row', { name: new RegExp(FROM_ANNA) })).toContainText('Anna Schmidt');
    await expect(activities.getByRole('row', { name: new RegExp(FROM_ANNA) })).toContainText('importiert');
  });
});
