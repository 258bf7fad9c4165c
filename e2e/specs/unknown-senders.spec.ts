/**
 * Unknown senders in the *Activity selection* step (the seed's *Unknown e-mail addresses*), in browser mode
 * against the sandbox with the demo mailbox and CRM: the mark (icon and word) is the button of a menu that
 * shows the address (copyable), assigns it to a contact person, or creates a contact person with it. After a
 * fix the list is read again: every row from the address shows the contact person, the user's ticks and edits
 * stay, and the step says what happened; the CRM has the address at the person, and the import links the mails.
 *
 * Two more mails from Max Mustermann (unknown: a free-mail address no contact person has) and one more from
 * r.patel@sales.contoso.com (unknown: sales.contoso.com is not contoso.com) are filed into Import folder
 * through the sandbox before the step opens.
 */
import path from 'node:path';
import { openCrmStore } from '../../electron/crm/store';
import { dataRows, fileIntoImportFolder, openStep2, rowOf } from './activity-selection-helpers';
import type { SyncApp } from './fixtures';
import { expect, test } from './fixtures';

const MAX = { name: 'Max Mustermann', address: 'max.mustermann1987@gmail.com' };
const FROM_MAX = ['Anfrage: Ihre Software für kleine Betriebe', 'Re: Testversion', 'Frage zur Datensicherung'];
const PATEL = { name: 'Ravi Patel', address: 'r.patel@sales.contoso.com' };
const FROM_PATEL = ['Partner discount request for Q1 2027', 'Volume pricing for 2027'];
/** From einkauf@lahntal-brauerei.de: its partner found by the domain, no contact person. */
const ORDER = 'Bestellung Nr. 4711';

async function storedCommunications(syncApp: SyncApp, address: string) {
  const store = await openCrmStore(path.join(syncApp.dataDir, 'crm.sqlite'));
  try {
    return await store.db
      .selectFrom('communications')
      .innerJoin('contact_persons', 'contact_persons.key', 'communications.contact_person_key')
      .select(['contact_persons.key as key', 'contact_persons.name as name', 'contact_persons.business_partner_key as partner', 'communications.standard as standard'])
      .where('communications.email_lower', '=', address)
      .execute();
  } finally {
    await store.close();
  }
}

test('assigns an unknown address to a contact person: every row from it follows, ticks and edits stay', async ({ page, syncApp }, testInfo) => {
  test.slow(); // reads Outlook twice and imports 18 mails
  fileIntoImportFolder(syncApp, { subject: FROM_MAX[1] ?? '', from: MAX, html: '<p>Gibt es die Testversion auch für Mac?</p>' });
  fileIntoImportFolder(syncApp, { subject: FROM_MAX[2] ?? '', from: MAX, html: '<p>Wo liegen die Daten?</p>' });
  const table = await openStep2(page, syncApp);
  await expect(dataRows(table)).toHaveCount(19);

  // Each of Max's rows is marked unknown, in words and with an icon, on the button of its menu.
  for (const subject of FROM_MAX) {
    const mark = rowOf(table, subject).getByRole('button', { name: `Unknown sender ${MAX.address}: actions` });
    await expect(mark).toHaveText('unknown');
    await expect(mark.locator('svg').first()).toBeVisible();
  }
  // What the user did before the fix: one of Max's mails unticked, a subject typed for Thomas Weber's mail.
  await rowOf(table, FROM_MAX[2] ?? '').getByRole('checkbox').click();
  await page.getByRole('textbox', { name: 'Subject for the mail from Thomas Weber' }).fill('Lieferavis KW 48');
  await expect(page.getByText('18 of 19 mails ticked for import.')).toBeVisible();

  const menuButton = rowOf(table, FROM_MAX[0] ?? '').getByRole('button', { name: `Unknown sender ${MAX.address}: actions` });
  await menuButton.focus();

  // Assign to contact person…, with the keyboard: the menu opens on Enter, the picker filters as one types.
  await page.keyboard.press('Enter');
  await page.getByRole('menuitem', { name: 'Assign to contact person…' }).press('Enter');
  const assignDialog = page.getByRole('dialog', { name: 'Assign the address to a contact person' });
  await expect(assignDialog).toContainText(`${MAX.address} becomes one of the contact person’s e-mail addresses`);
  // Pressing Assign without a pick says what is missing.
  await assignDialog.getByRole('button', { name: 'Assign' }).click();
  await expect(assignDialog.getByText('Pick a contact person.')).toBeVisible();
  const picker = assignDialog.getByRole('combobox', { name: 'Contact person' });
  await picker.pressSequentially('hartmann');
  await expect(page.getByRole('option')).toHaveCount(1);
  await expect(page.getByRole('option', { name: /Peter Hartmann/ })).toContainText('Lahntal Brauerei GmbH · CP-1002');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter'); // picks; must not import (the wizard's default button)
  await expect(picker).toHaveValue('Peter Hartmann');
  await page.screenshot({ path: testInfo.outputPath('assign-dialog.png') });
  await assignDialog.getByRole('button', { name: 'Assign' }).click();
  await expect(assignDialog).toBeHidden();

  // Said in words; every row from the address shows Peter Hartmann and his partner; the mark is gone.
  const notice = page.getByTestId('address-fix');
  await expect(notice).toContainText(`Peter Hartmann now has the address ${MAX.address}.`);
  await expect(notice).toContainText('3 mails in this list are now linked to Peter Hartmann.');
  await expect(notice).toBeFocused(); // the menu button went with the mark: focus lands on what happened
  await page.screenshot({ path: testInfo.outputPath('assigned.png') });
  for (const subject of FROM_MAX) {
    const row = rowOf(table, subject);
    await expect(row.locator('[data-column="contactPerson"] [data-crm-key="CP-1002"]')).toHaveText(/^Peter Hartmann\s*CP-1002$/);
    await expect(row.locator('[data-column="businessPartner"] [data-crm-key="BP-LAHNTAL"]')).toBeVisible();
    await expect(row.locator('[data-sender-menu]')).toHaveCount(0);
  }
  // Ticks and edits as the user left them.
  await expect(rowOf(table, FROM_MAX[2] ?? '').getByRole('checkbox')).not.toBeChecked();
  await expect(rowOf(table, FROM_MAX[0] ?? '').getByRole('checkbox')).toBeChecked();
  await expect(page.getByRole('textbox', { name: 'Subject for the mail from Thomas Weber' })).toHaveValue('Lieferavis KW 48');
  await expect(page.getByText('18 of 19 mails ticked for import.')).toBeVisible();
  await expect(dataRows(table)).toHaveCount(19);

  // The CRM has the address at Peter Hartmann (not as his standard address: he has one).
  expect(await storedCommunications(syncApp, MAX.address)).toEqual([{ key: 'CP-1002', name: 'Peter Hartmann', partner: 'BP-LAHNTAL', standard: 0 }]);

  // And the import links the ticked mails from the address to him.
  await page.getByRole('button', { name: 'Next', exact: true }).click();
  await page.getByRole('button', { name: 'Import', exact: true }).click(); // the documents step: nothing to set here
  await expect(page.getByTestId('sync-result')).toContainText('18 mails imported as activities.');
  const store = await openCrmStore(path.join(syncApp.dataDir, 'crm.sqlite'));
  try {
    const fromMax = await store.db
      .selectFrom('activities')
      .select(['subject', 'contact_person_key', 'business_partner_key'])
      .where('sender_address', '=', MAX.address)
      .orderBy('subject')
      .execute();
    expect(fromMax).toEqual(
      [FROM_MAX[0], FROM_MAX[1]].sort().map((subject) => ({ subject, contact_person_key: 'CP-1002', business_partner_key: 'BP-LAHNTAL' })),
    );
  } finally {
    await store.close();
  }
});

test('creates a contact person from an unknown sender; the partner is suggested where the domain tells', async ({ page, syncApp }, testInfo) => {
  fileIntoImportFolder(syncApp, { subject: FROM_PATEL[1] ?? '', from: PATEL, html: '<p>Could you send the volume price list?</p>' });
  const table = await openStep2(page, syncApp);

  // A sender whose partner the domain found has the menu too, behind an icon: the partner is suggested.
  await rowOf(table, ORDER).getByRole('button', { name: 'Sender einkauf@lahntal-brauerei.de without contact person: actions' }).click();
  await page.getByRole('menuitem', { name: 'Create contact person…' }).click();
  let dialog = page.getByRole('dialog', { name: 'Create a contact person' });
  await expect(dialog.getByRole('combobox', { name: 'Business partner' })).toHaveValue('Lahntal Brauerei GmbH');
  await expect(dialog.getByText('Suggested from the address’s domain.')).toBeVisible();
  await expect(dialog.getByRole('textbox', { name: 'Name' })).toHaveValue('Einkauf Lahntal Brauerei');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  expect(await storedCommunications(syncApp, 'einkauf@lahntal-brauerei.de')).toEqual([]);

  await rowOf(table, FROM_PATEL[0] ?? '').getByRole('button', { name: `Unknown sender ${PATEL.address}: actions` }).click();
  await expect(page.getByRole('menuitem')).toHaveCount(3);
  await page.screenshot({ path: testInfo.outputPath('sender-menu.png') });
  await page.keyboard.press('Escape');

  // An unknown sender: no partner to suggest (sales.contoso.com is not contoso.com), so the user picks one.
  await rowOf(table, FROM_PATEL[0] ?? '').getByRole('button', { name: `Unknown sender ${PATEL.address}: actions` }).click();
  await page.getByRole('menuitem', { name: 'Create contact person…' }).click();
  dialog = page.getByRole('dialog', { name: 'Create a contact person' });
  await expect(dialog).toContainText(`${PATEL.address} becomes the new contact person’s standard address.`);
  const partner = dialog.getByRole('combobox', { name: 'Business partner' });
  await expect(dialog.getByText('The address does not tell which business partner it belongs to: pick one.')).toBeVisible();
  await expect(partner).toHaveValue('');
  const name = dialog.getByRole('textbox', { name: 'Name' });
  await expect(name).toHaveValue(PATEL.name);
  // Without a name and a partner it is refused in words, and nothing is created.
  await name.fill('  ');
  await dialog.getByRole('button', { name: 'Create' }).click();
  await expect(dialog.getByText('Type the contact person’s name.')).toBeVisible();
  await expect(dialog.getByText('Pick a business partner.')).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('create-refused.png') });
  await name.fill('Ravi Patel');
  await partner.pressSequentially('contoso');
  await page.getByRole('option', { name: /Contoso Ltd\./ }).click();
  await expect(partner).toHaveValue('Contoso Ltd.');
  await name.press('Enter'); // Enter in the dialog creates; it does not import
  await expect(dialog).toBeHidden();

  const notice = page.getByTestId('address-fix');
  await expect(notice).toContainText(`Ravi Patel was created for Contoso Ltd. with the address ${PATEL.address}.`);
  await expect(notice).toContainText('2 mails in this list are now linked to Ravi Patel.');
  const created = await storedCommunications(syncApp, PATEL.address);
  expect(created).toHaveLength(1);
  const key = created[0]?.key ?? '';
  expect(key).toMatch(/^CP-/);
  expect(created[0]).toEqual({ key, name: 'Ravi Patel', partner: 'BP-CONTOSO', standard: 1 });
  for (const subject of FROM_PATEL) {
    const row = rowOf(table, subject);
    await expect(row.locator(`[data-column="contactPerson"] [data-crm-key="${key}"]`)).toHaveText(new RegExp(`^Ravi Patel\\s*${key}$`));
    await expect(row.locator('[data-column="businessPartner"] [data-crm-key="BP-CONTOSO"]')).toBeVisible();
  }
  // The new person is in the pickers now: the CRM's lists were read again.
  await rowOf(table, 'Service portal: kick-off agenda').locator('[data-column="contactPerson"]').click();
  await expect(page.getByRole('group', { name: 'Of Contoso Ltd.' }).getByRole('option', { name: /Ravi Patel/ })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('heading', { name: 'Step 2 of 5: Activity selection' })).toBeVisible();
});

test.describe('in German', () => {
  test.use({ locale: 'de-DE' });

  test('the sender menu and its dialogs speak German; the address is shown and copied', async ({ page, context, syncApp }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const table = await openStep2(page, syncApp, 'Weiter');
    const mark = rowOf(table, FROM_MAX[0] ?? '').getByRole('button', { name: `Unbekannter Absender ${MAX.address}: Aktionen` });
    await expect(mark).toHaveText('unbekannt');
    // Adresse anzeigen: the full address, selected, copyable; closing hands focus back to the menu button.
    await mark.click();
    await page.getByRole('menuitem', { name: 'Adresse anzeigen' }).click();
    const addressDialog = page.getByRole('dialog', { name: 'Adresse des Absenders' });
    const address = addressDialog.getByRole('textbox', { name: 'Adresse von Max Mustermann' });
    await expect(address).toHaveValue(MAX.address);
    await expect(address).toBeFocused();
    await addressDialog.getByRole('button', { name: 'Kopieren' }).click();
    await expect(addressDialog.getByRole('status')).toHaveText('Kopiert.');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(MAX.address);
    await addressDialog.getByRole('button', { name: 'Schließen' }).click();
    await expect(addressDialog).toBeHidden();
    await expect(mark).toBeFocused();

    await mark.click();
    await expect(page.getByRole('menuitem')).toHaveText(['Adresse anzeigen', 'Einem Ansprechpartner zuordnen…', 'Ansprechpartner anlegen…']);
    await page.getByRole('menuitem', { name: 'Einem Ansprechpartner zuordnen…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Adresse einem Ansprechpartner zuordnen' });
    await dialog.getByRole('combobox', { name: 'Ansprechpartner' }).pressSequentially('krüger');
    await page.getByRole('option', { name: /Sabine Krüger/ }).click();
    await dialog.getByRole('button', { name: 'Zuordnen' }).click();
    const notice = page.getByTestId('address-fix');
    await expect(notice).toContainText(`Sabine Krüger hat jetzt die Adresse ${MAX.address}.`);
    await expect(notice).toContainText('1 E-Mail in dieser Liste gehört jetzt zu Sabine Krüger.');
    // The menu's row is the one in focus, so the preview shows its mail.
    await expect(page.getByRole('region', { name: 'E-Mail-Vorschau' }).locator('iframe')).toHaveAttribute('title', `Die E-Mail „${FROM_MAX[0]}“`);
  });
});
