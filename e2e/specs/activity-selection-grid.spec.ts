/**
 * The wizard's *Activity selection* grid in browser mode, against the sandbox with the demo mailbox and CRM:
 * a red mandatory field blocks *Next* until it is picked from the CRM's lists (and the pick reaches the
 * import), links picked in place (contact person of the row's partner first, a project) end up on the
 * activity, Shift ticks a range, sort and filter per column, keyboard-only ticking and *Next* with Enter, and
 * the page in German.
 *
 * The import itself never leaves type, status or employee empty (they always have a default), so the test
 * that needs such a red field has the host's `sync.candidates` answer arrive with one status taken away — on
 * the WebSocket, as the renderer receives it; everything else is the real service.
 */
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { openCrmStore } from '../../electron/crm/store';
import type { SyncApp } from './fixtures';
import { expect, test } from './fixtures';

const FROM_ANNA = 'Angebot CRM-Lizenzen – Rückfragen zu Staffelpreisen';
/** From einkauf@lahntal-brauerei.de: matched to Lahntal Brauerei GmbH by its domain, no contact person. */
const ORDER = 'Bestellung Nr. 4711';

async function openStep2(page: Page, { app }: SyncApp, next = 'Next'): Promise<Locator> {
  await page.goto(app.url); // presents the secret once; the session cookie carries on
  await page.goto(`${app.origin}/#/sync`);
  await page.getByRole('button', { name: next }).click();
  const table = page.getByRole('table', { name: /New mails in Outlook|Neue E-Mails in Outlook/ });
  // The first answer reads Outlook (folders, delta, details): allow for a busy machine.
  await expect(table.getByRole('row')).not.toHaveCount(0, { timeout: 45_000 });
  await expect(table.locator('[data-message-id]').first()).toBeVisible();
  return table;
}

/** The rows of the grid as shown, header left out. */
const dataRows = (table: Locator) => table.locator('[role="row"][data-message-id]');
const rowOf = (table: Locator, subject: string) => table.getByRole('row', { name: new RegExp(subject.replace(/[()[\]]/g, '\\$&')) });

/** Takes the status away from the candidate with this subject in every `sync.candidates` answer. */
async function withoutStatus(page: Page, subject: string): Promise<void> {
  await page.routeWebSocket(/\/ws$/, (ws) => {
    const server = ws.connectToServer();
    const candidateCalls = new Set<number>();
    ws.onMessage((message) => {
      const frame = JSON.parse(String(message)) as { t: string; id: number; name: string };
      if (frame.t === 'call' && frame.name === 'sync.candidates') candidateCalls.add(frame.id);
      server.send(message);
    });
    server.onMessage((message) => {
      const frame = JSON.parse(String(message)) as { t: string; id: number; result?: { ok: boolean; value?: { candidates: Array<Record<string, unknown>> } } };
      if (frame.t === 'result' && candidateCalls.has(frame.id) && frame.result?.ok === true && frame.result.value !== undefined) {
        for (const candidate of frame.result.value.candidates) {
          if (candidate.subject === subject) Object.assign(candidate, { status: null, missing: ['status'] });
        }
        ws.send(JSON.stringify(frame));
        return;
      }
      ws.send(message);
    });
  });
}

test('a red status blocks Next until it is picked; links picked in place reach the activity', async ({ page, syncApp }, testInfo) => {
  await withoutStatus(page, FROM_ANNA);
  const table = await openStep2(page, syncApp);
  const importButton = page.getByRole('button', { name: 'Next', exact: true });

  // Two ticked rows block: Anna's mail without status, Thomas Weber's without subject.
  const anna = rowOf(table, FROM_ANNA);
  const redStatus = anna.locator('[data-missing="status"]');
  await expect(redStatus).toHaveAttribute('aria-invalid', 'true');
  await expect(importButton).toBeDisabled();
  await expect(page.getByTestId('import-blocked')).toHaveText('2 ticked mails have an empty mandatory field: fill them in or untick them to import.');

  // "Go to the first" lands on the first red field in the grid's order: Anna's status.
  await page.getByRole('button', { name: 'Go to the first' }).click();
  await expect(redStatus).toBeFocused();
  // Its tooltip (shown on focus too) says what is missing.
  await expect(redStatus).toHaveAccessibleDescription('The status is missing: pick one, or untick the mail.');
  await page.keyboard.press('Enter'); // opens the picker in place
  const statusPicker = page.getByRole('combobox', { name: `Status for the mail “${FROM_ANNA}”` });
  await expect(statusPicker).toBeFocused();
  await page.getByRole('option', { name: 'open' }).click();
  await expect(anna.locator('[data-missing]')).toHaveCount(0);
  await expect(anna.locator('[data-column="status"]')).toHaveText('open');
  await expect(anna.locator('[data-column="status"]')).toBeFocused(); // focus back on the cell
  await expect(page.getByTestId('import-blocked')).toHaveText(/^1 ticked mail has an empty mandatory field/);

  // The next "go to the first" is Thomas Weber's subject.
  await page.getByRole('button', { name: 'Go to the first' }).click();
  const subject = page.getByRole('textbox', { name: 'Subject for the mail from Thomas Weber' });
  await expect(subject).toBeFocused();
  await subject.fill('Lieferavis KW 48');

  // The order from Lahntal's purchasing desk: the contact persons of Lahntal come first, under its name.
  const order = rowOf(table, ORDER);
  await order.locator('[data-column="contactPerson"]').click();
  const contactPicker = page.getByRole('combobox', { name: /^Contact person for the mail/ });
  await expect(contactPicker).toBeFocused();
  const ofLahntal = page.getByRole('group', { name: 'Of Lahntal Brauerei GmbH' });
  await expect(ofLahntal.getByRole('option')).toHaveText([/^Anna Schmidt/, /^Peter Hartmann/]);
  await expect(page.getByRole('group', { name: 'Others' }).getByRole('option').first()).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('contact-picker.png') });
  await contactPicker.fill('hart');
  await ofLahntal.getByRole('option', { name: /Peter Hartmann/ }).click();
  await expect(order.locator('[data-column="contactPerson"] [data-crm-key="CP-1002"]')).toHaveText(/^Peter Hartmann\s*CP-1002$/);
  await expect(order.locator('[data-column="businessPartner"] [data-crm-key="BP-LAHNTAL"]')).toBeVisible();
  await order.locator('[data-column="project"]').click();
  await page.getByRole('group', { name: 'Of Lahntal Brauerei GmbH' }).getByRole('option', { name: /CRM-Einführung 2027/ }).click();
  await expect(order.locator('[data-column="project"] [data-crm-key="P-100"]')).toBeVisible();

  await expect(page.getByTestId('import-blocked')).toBeHidden();
  await expect(importButton).toBeEnabled();
  await importButton.click();
  await page.getByRole('button', { name: 'Import', exact: true }).click(); // the documents step: nothing to set here
  await expect(page.getByTestId('sync-result')).toContainText('17 mails imported as activities.');
  const activities = page.getByRole('table', { name: 'Activities created by this import' });
  await expect(rowOf(activities, FROM_ANNA)).toContainText('open');

  // What the import stored: the picked contact person with its partner, and the project.
  const store = await openCrmStore(path.join(syncApp.dataDir, 'crm.sqlite'));
  try {
    const stored = await store.db
      .selectFrom('activities')
      .select(['status_key', 'contact_person_key', 'business_partner_key', 'main_project_key', 'subject'])
      .where('subject', 'in', [FROM_ANNA, 'Lieferavis KW 48'])
      .orderBy('subject')
      .execute();
    expect(stored).toEqual([
      { subject: FROM_ANNA, status_key: 'O', contact_person_key: 'CP-1001', business_partner_key: 'BP-LAHNTAL', main_project_key: null },
      { subject: 'Lieferavis KW 48', status_key: 'I', contact_person_key: 'CP-1005', business_partner_key: 'BP-WEBER', main_project_key: null },
    ]);
    const ordered = await store.db
      .selectFrom('activities')
      .select(['contact_person_key', 'business_partner_key', 'main_project_key'])
      .where('subject', 'like', `${ORDER}%`)
      .executeTakeFirstOrThrow();
    expect(ordered).toEqual({ contact_person_key: 'CP-1002', business_partner_key: 'BP-LAHNTAL', main_project_key: 'P-100' });
  } finally {
    await store.close();
  }
});

test('Shift ticks a range; the header ticks all and none of the rows shown', async ({ page, syncApp }) => {
  const table = await openStep2(page, syncApp);
  const all = table.getByRole('checkbox', { name: 'Import all mails' });
  await all.click(); // all → none
  await expect(table.getByRole('checkbox', { checked: true })).toHaveCount(0);

  const ticks = dataRows(table).getByRole('checkbox');
  await ticks.nth(1).click();
  await ticks.nth(4).click({ modifiers: ['Shift'] });
  await expect(ticks.nth(0)).not.toBeChecked();
  for (const i of [1, 2, 3, 4]) await expect(ticks.nth(i)).toBeChecked();
  await expect(ticks.nth(5)).not.toBeChecked();
  await expect(page.getByText('4 of 17 mails ticked for import.')).toBeVisible();
  await expect(all).toBeChecked({ indeterminate: true });

  // A range back up unticks: from row 4 (the last one clicked) to row 2.
  await ticks.nth(2).click({ modifiers: ['Shift'] });
  await expect(page.getByText('1 of 17 mails ticked for import.')).toBeVisible();
  await expect(ticks.nth(1)).toBeChecked();

  // With a filter, the header ticks the rows shown only.
  await table.getByRole('textbox', { name: 'Filter Business partner' }).fill('lahntal');
  await expect(dataRows(table)).toHaveCount(3);
  await all.click();
  await expect(page.getByText('4 of 17 mails ticked for import.')).toBeVisible();
});

test('sorts and filters per column', async ({ page, syncApp }) => {
  const table = await openStep2(page, syncApp);
  const subjects = () => dataRows(table).locator('[role="cell"]:nth-child(4)').allTextContents();
  const before = await subjects();
  expect(before).toHaveLength(17);

  const subjectHeader = table.getByRole('columnheader').filter({ has: page.getByRole('button', { name: 'Subject', exact: true }) });
  await subjectHeader.getByRole('button', { name: 'Subject', exact: true }).click();
  await expect(subjectHeader).toHaveAttribute('aria-sort', 'ascending');
  const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });
  const texts = before.filter((s) => s !== '');
  await expect.poll(subjects).toEqual([...[...texts].sort(collator.compare), '']); // the empty subject last
  await subjectHeader.getByRole('button', { name: 'Subject', exact: true }).click();
  await expect(subjectHeader).toHaveAttribute('aria-sort', 'descending');
  await expect.poll(subjects).toEqual([...[...texts].sort(collator.compare).reverse(), '']);

  // Filters: every word typed, name or key; a number or comparison for attachments; "missing" finds the red.
  await table.getByRole('textbox', { name: 'Filter Business partner' }).fill('BP-LAHNTAL');
  await expect(dataRows(table)).toHaveCount(3);
  await expect(page.getByText('3 of 17 mails shown (filtered).')).toBeVisible();
  await table.getByRole('textbox', { name: 'Filter Business partner' }).fill('');
  await table.getByRole('textbox', { name: 'Filter Attachments' }).fill('>0');
  await expect(dataRows(table)).not.toHaveCount(17);
  for (const count of await dataRows(table).locator('[role="cell"]:nth-child(12)').allTextContents()) expect(Number(count)).toBeGreaterThan(0);
  await table.getByRole('textbox', { name: 'Filter Attachments' }).fill('');
  await table.getByRole('textbox', { name: 'Filter Subject' }).fill('missing');
  await expect(dataRows(table)).toHaveCount(1);
  await expect(rowOf(table, 'Thomas Weber')).toBeVisible();
  await table.getByRole('textbox', { name: 'Filter Subject' }).fill('no such mail');
  await expect(page.getByText('No mail matches the filters.')).toBeVisible();
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await expect(dataRows(table)).toHaveCount(17);
});

test('keyboard only: Tab to a row, Space unticks it, Enter goes on and imports', async ({ page, syncApp }) => {
  const table = await openStep2(page, syncApp);
  const importButton = page.getByRole('button', { name: 'Next', exact: true });
  await expect(importButton).toBeDisabled();
  const target = table.getByRole('checkbox', { name: 'Import the mail “(no subject)” from Thomas Weber' });
  // Tab order: header (tick all, then each column's sort and filter), then the rows, left to right.
  await page.keyboard.press('Tab');
  await expect(table.getByRole('checkbox', { name: 'Import all mails' })).toBeFocused();
  for (let presses = 0; presses < 200 && !(await target.evaluate((el) => el === document.activeElement)); presses++) await page.keyboard.press('Tab');
  await expect(target).toBeFocused();
  await page.keyboard.press('Space');
  await expect(target).not.toBeChecked();
  await expect(importButton).toBeEnabled();
  await expect(page.getByText('16 of 17 mails ticked for import.')).toBeVisible();
  await page.keyboard.press('Enter'); // the step's default button: Next
  await expect(page.getByRole('heading', { name: /Edit documents$/ })).toBeFocused();
  await page.keyboard.press('Enter'); // there: Import
  await expect(page.getByTestId('sync-result')).toContainText('16 mails imported as activities.');
  await expect(page.getByTestId('sync-result')).toContainText('1 mail not ticked: it stays in Outlook.');
});

test.describe('in German', () => {
  test.use({ locale: 'de-DE' });

  test('the grid speaks German: columns, filters, pickers, status', async ({ page, syncApp }) => {
    const table = await openStep2(page, syncApp, 'Weiter');
    for (const column of ['Art', 'Status', 'Betreff', 'Absender', 'Ansprechpartner', 'Geschäftspartner', 'Projekt', 'Anfrage', 'Delegiert an', 'Datum', 'Anhänge']) {
      await expect(table.getByRole('button', { name: column, exact: true })).toBeVisible();
      await expect(table.getByRole('textbox', { name: `${column} filtern` })).toBeVisible();
    }
    await expect(rowOf(table, FROM_ANNA).locator('[data-column="type"]')).toHaveText('E-Mail Eingang');
    await expect(rowOf(table, ORDER).locator('[data-column="contactPerson"]')).toHaveText('nicht zugeordnet');
    await expect(page.getByTestId('import-blocked')).toHaveText('1 ausgewählte E-Mail hat ein leeres Pflichtfeld: Füllen Sie es aus oder wählen Sie die E-Mail ab.');
    await page.getByRole('button', { name: 'Zur ersten springen' }).click();
    await expect(page.getByRole('textbox', { name: 'Betreff für die E-Mail von Thomas Weber' })).toBeFocused();

    await rowOf(table, ORDER).locator('[data-column="contactPerson"]').click();
    await expect(page.getByRole('combobox', { name: /^Ansprechpartner für die E-Mail „Bestellung/ })).toBeFocused();
    await expect(page.getByRole('group', { name: 'Von Lahntal Brauerei GmbH' })).toBeVisible();
    await expect(page.getByRole('group', { name: 'Weitere' })).toBeVisible();
    await expect(page.getByRole('option', { name: '(keine Angabe)' })).toBeVisible();
    await page.keyboard.press('Escape');
    await rowOf(table, FROM_ANNA).locator('[data-column="status"]').click();
    await expect(page.getByRole('option')).toHaveText([/^erledigt\s*E$/, /^importiert\s*I$/, /^offen\s*O$/]);
    await page.keyboard.press('Escape');

    await table.getByRole('textbox', { name: 'Geschäftspartner filtern' }).fill('Lahntal');
    await expect(page.getByText('3 von 17 E-Mails angezeigt (gefiltert).')).toBeVisible();
  });
});
