/**
 * The wizard's pages for tasks and appointed times (issue 5, item 6): Outlook's new and changed items, one page per
 * area; the ticked ones come into the CRM and get their link in Outlook (checked through the sandbox), the
 * unticked ones stay as they are and are listed again on the next run. Without mails there is no documents step.
 */
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { escapeRegExp, openWizard, valueOf } from './wizard-helpers';

const VISIT = 'Besuch in Marburg';
const LATER = 'Später entscheiden';
/** The demo's To Do tasks: one with a reminder (a follow-up), one without (a task). */
const FOLLOW_UP = 'Wartungsvertrag Hessen Maschinenbau prüfen';
const INVOICE = 'Korrigierte Rechnung INV-2026-1187 an Northwind senden';
/** The demo's meeting (it has an attendee). */
const MEETING = 'Vorführung Buchungsplattform (Alpine Ski House)';

/**
 * The invoice task's due day as the user sees it: To Do keeps a due date as midnight where it was set (here
 * Berlin) and Graph hands it over in UTC, so the day is the one in the zone the app runs in.
 */
function dueDay(locale: string): string {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: zone }).format(new Date('2026-11-19T23:00:00Z'));
}

const rowOf = (table: Locator, subject: string) => table.getByRole('row', { name: new RegExp(escapeRegExp(subject)) });
const heading = (page: Page, name: string) => page.getByRole('heading', { name, exact: true });

test('tasks and appointed times: a page each, the ticked come in and are linked in Outlook, the unticked stay for next time', async ({ page, syncApp }) => {
  const admin = syncApp.sandbox.admin;
  await valueOf(syncApp, 'prefs.update', { patch: { areas: { mails: false, tasks: true, appointments: true } } });
  const day = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
  admin.createEvent({ subject: VISIT, start: { dateTime: `${day}T09:00:00`, timeZone: 'Europe/Berlin' }, end: { dateTime: `${day}T10:30:00`, timeZone: 'Europe/Berlin' } });
  admin.createTask({ title: LATER });

  await openWizard(page, syncApp);
  // No mails, no documents to categorize: four steps.
  await expect(page.getByTestId('wizard-steps').locator('li')).toHaveText(['1Area selection', '2Activity selection', '3Import', '4Import completed']);
  await expect(page.getByRole('checkbox', { name: 'Tasks' })).toBeChecked();
  await expect(page.getByRole('checkbox', { name: 'Appointed times' })).toBeChecked();
  await page.getByRole('button', { name: 'Next' }).click();

  // The tasks' page: type as it will be in the CRM, due date, all ticked to start with.
  await expect(heading(page, 'Step 2 of 4: Activity selection – Tasks (1 of 2)')).toBeFocused();
  const tasks = page.getByRole('table', { name: 'New and changed tasks in Outlook' });
  await expect(rowOf(tasks, FOLLOW_UP)).toContainText('Follow-up');
  await expect(rowOf(tasks, INVOICE)).toContainText('Task');
  await expect(rowOf(tasks, INVOICE)).toContainText(`due ${dueDay('en-US')}`);
  await expect(rowOf(tasks, LATER)).toContainText('new');
  await expect(page.getByText('3 of 3 tasks ticked for import.')).toBeVisible();
  await tasks.getByRole('checkbox', { name: new RegExp(`^Import “${escapeRegExp(LATER)}”`) }).click();
  await expect(page.getByText('2 of 3 tasks ticked for import.')).toBeVisible();
  await expect(page.getByText('Unticked items stay in Outlook as they are.', { exact: false })).toBeVisible();
  await page.getByRole('button', { name: 'Next', exact: true }).click();

  // The appointed times' page: an appointment without attendees, the demo's meeting with one.
  await expect(heading(page, 'Step 2 of 4: Activity selection – Appointed times (2 of 2)')).toBeFocused();
  const events = page.getByRole('table', { name: 'New and changed appointed times in Outlook' });
  await expect(rowOf(events, VISIT)).toContainText('Appointed time');
  await expect(rowOf(events, MEETING)).toContainText('Meeting');
  const eventCount = await events.locator('tbody tr').count();

  // Back keeps the tasks' ticks; Enter is Next.
  await page.getByRole('button', { name: 'Back' }).click();
  await expect(heading(page, 'Step 2 of 4: Activity selection – Tasks (1 of 2)')).toBeFocused();
  await expect(page.getByText('2 of 3 tasks ticked for import.')).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(heading(page, 'Step 2 of 4: Activity selection – Appointed times (2 of 2)')).toBeFocused();
  await page.getByRole('button', { name: 'Next', exact: true }).click();

  await expect(heading(page, 'Step 4 of 4: Import completed')).toBeFocused();
  const result = page.getByTestId('sync-result');
  await expect(result).toContainText(`${2 + eventCount} tasks and appointed times taken from Outlook (new or changed).`);
  await expect(result).toContainText('1 item from Outlook not ticked: it stays as it is and is listed again next time.');
  await expect(result).not.toContainText('mail');
  const made = page.getByRole('table', { name: 'Activities created by this import' });
  await expect(made.getByRole('link', { name: VISIT })).toBeVisible();
  await expect(made.getByRole('link', { name: FOLLOW_UP })).toBeVisible();
  await expect(made.getByRole('link', { name: LATER })).toHaveCount(0);

  // Outlook: the ticked items carry their link, the unticked one is as it was.
  const todo = admin.todoList('defaultList').tasks;
  expect(todo.find((task) => task.title === FOLLOW_UP)?.linkedResources).toHaveLength(1);
  expect(todo.find((task) => task.title === LATER)?.linkedResources).toHaveLength(0);
  const visit = admin.state().events.find((event) => event.subject === VISIT);
  expect(JSON.stringify(visit?.body)).toContain('/activities/');

  // Next time only the unticked task is listed; the calendar has nothing new.
  await page.getByRole('button', { name: 'Synchronize again' }).click();
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(heading(page, 'Step 2 of 4: Activity selection – Tasks (1 of 2)')).toBeFocused();
  await expect(page.getByText('1 of 1 tasks ticked for import.')).toBeVisible();
  await expect(rowOf(tasks, LATER)).toBeVisible();
  await page.getByRole('button', { name: 'Next', exact: true }).click();
  await expect(page.getByText('There are no new or changed appointed times in Outlook.')).toBeVisible();
});

test.describe('in German', () => {
  test.use({ locale: 'de-DE' });

  test('the tasks page speaks German: heading, columns, type and due date', async ({ page, syncApp }) => {
    await valueOf(syncApp, 'prefs.update', { patch: { areas: { mails: true, tasks: true, appointments: false } } });
    await openWizard(page, syncApp);
    await page.getByRole('button', { name: 'Weiter' }).click();
    await expect(heading(page, 'Schritt 2 von 5: Aktivitätenauswahl – E-Mails (1 von 2)')).toBeFocused();
    // No mail this time (the tasks follow, so that is fine): the step says they stay in Outlook.
    await page.getByRole('table', { name: 'Neue E-Mails in Outlook' }).getByRole('checkbox', { name: 'Alle E-Mails importieren' }).click();
    await expect(page.getByText('Keine E-Mail ausgewählt: Sie bleiben alle in Outlook.')).toBeVisible();
    await page.getByRole('button', { name: 'Weiter', exact: true }).click();
    await expect(heading(page, 'Schritt 2 von 5: Aktivitätenauswahl – Aufgaben (2 von 2)')).toBeFocused();
    const tasks = page.getByRole('table', { name: 'Neue und geänderte Aufgaben in Outlook' });
    await expect(tasks.getByRole('columnheader')).toHaveText(['Import', 'Art', 'Betreff', 'Datum', 'Ansprechpartner', 'In Outlook']);
    await expect(rowOf(tasks, FOLLOW_UP)).toContainText('Wiedervorlage');
    await expect(rowOf(tasks, INVOICE)).toContainText(`fällig ${dueDay('de-DE')}`);
  });
});
