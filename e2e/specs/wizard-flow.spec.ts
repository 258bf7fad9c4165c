/**
 * The wizard's whole course in browser mode (issue 4), against the sandbox with the demo mailbox and CRM: areas
 * from the preferences, the *Edit documents* step (category and keyword reach the stored documents) and its
 * absence when the admin setting is off, the import with progress and *Cancel* (what is imported stays and is
 * moved, the rest stays in Outlook), a connection lost mid-way, the result as the preferences say with each row
 * opening its read-only activity page, Esc and leaving, keyboard only, and the German page.
 */
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import {
  AGENDA_MAIL,
  AGENDA_TXT,
  ARCHIVE,
  CONTRACT_MAIL,
  CONTRACT_PDF,
  NO_SUBJECT,
  addBulkMails,
  escapeRegExp,
  openWizard,
  subjectsIn,
  subjectsInImportFolders,
  valueOf,
} from './wizard-helpers';

const TRACKER = 'tracker.example.net';

/** Step 2 with the grid filled; unticks the mail without a subject so that *Next* is free. */
async function toActivitySelection(page: Page, next = 'Next', untick = NO_SUBJECT) {
  await page.getByRole('button', { name: next, exact: true }).click();
  const table = page.getByRole('table', { name: /New mails in Outlook|Neue E-Mails in Outlook/ });
  await expect(table.locator('[data-message-id]').first()).toBeVisible();
  await table.getByRole('checkbox', { name: untick }).click();
  return table;
}

/** The subjects listed in the result's table, sorted. */
async function listedSubjects(page: Page, tableName: string): Promise<string[]> {
  const rows = page.getByRole('table', { name: tableName }).locator('[data-activity-id]');
  return (await rows.locator('a').allInnerTexts()).sort();
}


/** An attachment's bytes as the demo mailbox file gives them to the sandbox. */
function fixtureAttachment(name: string): Buffer {
  type Folder = { messages?: Array<{ attachments?: Array<{ name: string; contentBytes?: string }> }>; childFolders?: Folder[] };
  const mailbox = JSON.parse(readFileSync(path.join(import.meta.dirname, '..', 'fixtures', 'demo-mailbox.json'), 'utf8')) as { mailFolders: Folder[] };
  const all = (folders: Folder[]): Array<{ name: string; contentBytes?: string }> =>
    folders.flatMap((f) => [...(f.messages ?? []).flatMap((m) => m.attachments ?? []), ...all(f.childFolders ?? [])]);
  const found = all(mailbox.mailFolders).find((a) => a.name === name);
  if (found?.contentBytes === undefined) throw new Error(`no attachment ${name} in the demo mailbox`);
  return Buffer.from(found.contentBytes, 'base64');
}

test('documents get a category and a keyword and are stored with them; a result row opens the activity', async ({ page, syncApp }) => {
  // A mail with a tracking pixel: its activity page must not load it.
  const importFolder = syncApp.sandbox.admin.folder('inbox', 'Import folder');
  syncApp.sandbox.admin.addMessage(importFolder.id, {
    subject: 'Newsletter with a pixel',
    from: { emailAddress: { name: 'News', address: 'news@newsletter.example.net' } },
    body: { contentType: 'html', content: `<p>Hello from the newsletter</p><img src="https://${TRACKER}/pixel.gif" width="1" height="1">` },
  });
  const remoteRequests: string[] = [];
  page.on('request', (request) => {
    if (new URL(request.url()).hostname === TRACKER) remoteRequests.push(request.url());
  });

  await openWizard(page, syncApp);
  const steps = page.getByTestId('wizard-steps');
  await expect(steps.locator('li')).toHaveText(['1Area selection', '2Activity selection', '3Edit documents', '4Import', '5Import completed']);
  await expect(steps.locator('[aria-current="step"]')).toHaveText('1Area selection');
  await toActivitySelection(page);
  await expect(page.getByText('17 of 18 mails ticked for import.')).toBeVisible();
  await page.getByRole('button', { name: 'Next', exact: true }).click();

  // Edit documents: the attachments of the ticked mails, grouped by mail with subject and sender.
  await expect(page.getByRole('heading', { name: 'Step 3 of 5: Edit documents' })).toBeFocused();
  await expect(page.getByText('2 attachments in the mails to import.')).toBeVisible();
  const contract = page.locator('section[data-message-id]', { has: page.getByRole('heading', { name: CONTRACT_MAIL }) });
  await expect(contract).toContainText('From Emma Wilson <ewilson@fabrikam.com>');
  const contractCategory = page.getByRole('combobox', { name: `Category for “${CONTRACT_PDF}”` });
  // The CRM's categories in the UI language, "(none)" first.
  await expect(contractCategory.locator('option')).toHaveText(['(none)', 'Contract', 'Correspondence', 'Invoice', 'Minutes', 'Offer', 'Purchase order']);
  await contractCategory.selectOption({ label: 'Contract' });
  await page.getByRole('combobox', { name: `Keyword for “${CONTRACT_PDF}”` }).selectOption({ label: 'Licence' });
  await page.getByRole('combobox', { name: `Keyword for “${AGENDA_TXT}”` }).selectOption({ label: 'Support' });

  // Back to the activity selection and forward again: the ticks and the choices are still there.
  await page.getByRole('button', { name: 'Back' }).click();
  await expect(page.getByRole('heading', { name: 'Step 2 of 5: Activity selection' })).toBeFocused();
  await expect(page.getByText('17 of 18 mails ticked for import.')).toBeVisible();
  await expect(page.getByRole('checkbox', { name: NO_SUBJECT })).not.toBeChecked();
  await expect(page.getByRole('row', { name: new RegExp(escapeRegExp(CONTRACT_MAIL)) })).toBeVisible();
  await page.getByRole('button', { name: 'Next', exact: true }).click();
  await expect(contractCategory).toHaveValue('CONTRACT');
  await page.getByRole('button', { name: 'Import', exact: true }).click();

  await expect(page.getByRole('heading', { name: 'Step 5 of 5: Import completed' })).toBeFocused();
  await expect(page.getByTestId('sync-result')).toContainText('17 mails imported as activities.');

  // What was stored: category and keyword on their documents, nothing on the others.
  const stored = await valueOf(syncApp, 'activities.list', { quicksearch: 'all-imported-mails', limit: 100 });
  expect(stored.find((a) => a.subject === CONTRACT_MAIL)?.documents).toEqual([{ name: CONTRACT_PDF, category: 'CONTRACT', keyword: 'LICENCE' }]);
  expect(stored.find((a) => a.subject === AGENDA_MAIL)?.documents).toEqual([{ name: AGENDA_TXT, category: null, keyword: 'SUPPORT' }]);

  // A row opens its activity: subject, type, status, date, sender, links, documents in words, the body framed.
  const activities = page.getByRole('table', { name: 'Activities created by this import' });
  await activities.getByRole('link', { name: CONTRACT_MAIL }).click();
  await expect(page.getByRole('heading', { level: 1, name: CONTRACT_MAIL })).toBeVisible();
  // The activity's page (the activities window's, editable): the values the import gave it.
  const form = page.getByTestId('activity-form');
  await expect(form.getByRole('textbox', { name: 'Subject' })).toHaveValue(CONTRACT_MAIL);
  await expect(form.getByRole('combobox', { name: 'Type' })).toHaveText('Incoming e-mail');
  await expect(form.getByRole('combobox', { name: 'Status' })).toHaveText('imported');
  await expect(page.locator('[data-field="sender"]')).toContainText('Emma Wilson <ewilson@fabrikam.com>');
  await expect(form.getByRole('combobox', { name: 'Activity with' })).toHaveValue('Emma Wilson');
  await expect(form.getByRole('combobox', { name: 'Business partner' })).toHaveValue('Fabrikam, Inc.');
  expect(await valueOf(syncApp, 'activities.list', { quicksearch: 'all-imported-mails', limit: 100 })).toContainEqual(
    expect.objectContaining({ subject: CONTRACT_MAIL, date: '2026-11-06T16:45:19.000Z', contactPerson: 'CP-1010', businessPartner: 'BP-FABRIKAM' }),
  );
  const documents = page.getByRole('table', { name: 'Documents of this activity' });
  await expect(documents.locator(`[data-document="${CONTRACT_PDF}"] [data-column="category"]`)).toHaveText('Contract');
  await expect(documents.locator(`[data-document="${CONTRACT_PDF}"] [data-column="keyword"]`)).toHaveText('Licence');
  // Save a copy: the attachment as Outlook had it, downloaded (never shown in the app's page).
  const [download] = await Promise.all([page.waitForEvent('download'), documents.getByRole('button', { name: `Save a copy of “${CONTRACT_PDF}”` }).click()]);
  expect(download.suggestedFilename()).toBe(CONTRACT_PDF);
  expect((await readFile(await download.path())).equals(fixtureAttachment(CONTRACT_PDF))).toBe(true);
  const frame = page.locator('iframe[title^="Text of the activity"]');
  await expect(frame).toHaveAttribute('sandbox', '');
  await expect(frame).toHaveAttribute('srcdoc', /<meta http-equiv="Content-Security-Policy" content="default-src 'none';/);
  await expect(page.frameLocator('iframe[title^="Text of the activity"]').getByText('attached is the countersigned partner licence agreement')).toBeVisible();

  // Back: the result page again, as it was.
  await page.getByRole('button', { name: 'Back' }).click();
  await expect(page.getByRole('heading', { name: 'Step 5 of 5: Import completed' })).toBeVisible();
  await expect(page.getByTestId('sync-result')).toContainText('17 mails imported as activities.');

  // The newsletter's page: its text shows, its pixel is never fetched.
  await activities.locator('[data-activity-id]', { hasText: 'Newsletter with a pixel' }).locator('td').first().click(); // the row, not the link
  const newsletter = page.frameLocator('iframe[title^="Text of the activity"]');
  await expect(newsletter.getByText('Hello from the newsletter')).toBeVisible();
  await expect(newsletter.locator('img[data-remote-image]')).toHaveCount(1); // there, without its address
  await expect(newsletter.locator('img')).toHaveJSProperty('naturalWidth', 0);
  expect(remoteRequests).toEqual([]);
});

test('with the documents step switched off by the admin: not shown, not counted, no category or keyword stored', async ({ page, syncApp }) => {
  await valueOf(syncApp, 'prefs.update', { patch: { documentsStep: false } });
  await openWizard(page, syncApp);
  await expect(page.getByRole('heading', { name: 'Step 1 of 4: Area selection' })).toBeVisible();
  await expect(page.getByTestId('wizard-steps').locator('li')).toHaveText(['1Area selection', '2Activity selection', '3Import', '4Import completed']);
  await toActivitySelection(page);
  await expect(page.getByRole('heading', { name: 'Step 2 of 4: Activity selection' })).toBeVisible();
  await page.getByRole('button', { name: 'Next', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Step 4 of 4: Import completed' })).toBeFocused();
  await expect(page.getByTestId('sync-result')).toContainText('16 mails imported as activities.');
  await expect(page.getByText('Edit documents')).toHaveCount(0);
  const stored = await valueOf(syncApp, 'activities.list', { quicksearch: 'all-imported-mails', limit: 100 });
  const documents = stored.flatMap((a) => a.documents);
  expect(documents.map((d) => d.name).sort()).toEqual([AGENDA_TXT, CONTRACT_PDF]);
  expect(documents.every((d) => d.category === null && d.keyword === null)).toBe(true);
});

test('areas and result view as the preferences say: mails off can be ticked for this run, a page per area; summary only, then all imported mails', async ({ page, syncApp }) => {
  await valueOf(syncApp, 'prefs.update', { patch: { areas: { mails: false, tasks: true, appointments: false }, resultView: 'summaryOnly' } });
  await openWizard(page, syncApp);
  const mails = page.getByRole('checkbox', { name: 'Mails' });
  await expect(mails).not.toBeChecked();
  await expect(mails).toHaveAccessibleDescription(/Not ticked in your preferences: tick it to include it this time\./);
  const tasks = page.getByRole('checkbox', { name: 'Tasks' });
  await expect(tasks).toBeChecked();
  await expect(tasks).toHaveAccessibleDescription(/^Tasks and follow-ups in your Microsoft To Do task list/);
  await expect(page.getByRole('checkbox', { name: 'Appointed times' })).not.toBeChecked();
  await mails.uncheck();
  await tasks.uncheck();
  await expect(page.getByRole('button', { name: 'Next' })).toBeDisabled();
  await expect(page.getByText('Choose at least one area to continue.')).toBeVisible();
  await mails.check();
  await tasks.check();

  // A page per area: the mails, then the tasks.
  const table = page.getByRole('table', { name: 'New mails in Outlook' });
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page.getByRole('heading', { name: 'Step 2 of 5: Activity selection – Mails (1 of 2)' })).toBeFocused();
  await table.getByRole('checkbox', { name: 'Import all mails' }).click(); // all → none
  await table.getByRole('checkbox', { name: new RegExp(escapeRegExp(CONTRACT_MAIL)) }).click();
  await page.getByRole('button', { name: 'Next', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Step 2 of 5: Activity selection – Tasks (2 of 2)' })).toBeFocused();
  const taskTable = page.getByRole('table', { name: 'New and changed tasks in Outlook' });
  const outlookTasks = syncApp.sandbox.admin.todoList('defaultList').tasks.length;
  await expect(page.getByText(`${outlookTasks} of ${outlookTasks} tasks ticked for import.`)).toBeVisible();
  await taskTable.getByRole('checkbox', { name: 'Import all tasks' }).click(); // all → none
  await page.getByRole('button', { name: 'Next', exact: true }).click();
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByTestId('sync-result')).toContainText('1 mail imported as an activity.');
  await expect(page.getByTestId('sync-result')).toContainText('0 tasks and appointed times taken from Outlook (new or changed).');
  await expect(page.getByTestId('sync-result')).toContainText(`${outlookTasks} items from Outlook not ticked: they stay as they are and are listed again next time.`);
  expect(syncApp.sandbox.admin.todoList('defaultList').tasks.every((task) => task.linkedResources.length === 0)).toBe(true);
  await expect(page.getByText('Your preferences show only this summary after an import.')).toBeVisible();
  await expect(page.getByRole('table')).toHaveCount(0);

  // All imported mails, of this import and the ones before: the next run shows them all.
  await valueOf(syncApp, 'prefs.update', { patch: { resultView: 'allImportedMails', areas: { mails: true, tasks: false, appointments: false } } });
  await page.reload(); // the preferences are read when the wizard opens; the result is kept in the page's history entry
  await expect(page.getByTestId('sync-result')).toContainText('1 mail imported as an activity.');
  await page.getByRole('button', { name: 'Synchronize again' }).click();
  await expect(page.getByRole('checkbox', { name: 'Mails' })).toBeChecked();
  await page.getByRole('button', { name: 'Next' }).click();
  await table.getByRole('checkbox', { name: 'Import all mails' }).click();
  await table.getByRole('checkbox', { name: new RegExp(escapeRegExp(AGENDA_MAIL)) }).click();
  await page.getByRole('button', { name: 'Next', exact: true }).click();
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByTestId('sync-result')).toContainText('1 mail imported as an activity.');
  await expect(page.getByRole('heading', { name: 'All imported mails' })).toBeVisible();
  expect(await listedSubjects(page, 'All imported mails, newest first')).toEqual([AGENDA_MAIL, CONTRACT_MAIL].sort());
});

test('Cancel mid-import: what is imported stays and is moved, the rest stays in Import folder, and the result says so', async ({ page, syncApp }) => {
  const bulk = addBulkMails(syncApp, 100); // 116 ticked: six chunks, so the later ones are still to come when Cancel lands
  await openWizard(page, syncApp);
  await toActivitySelection(page);
  await page.getByRole('button', { name: 'Next', exact: true }).click();
  // Outlook takes its time per operation: the import runs for seconds, one chunk of 20 after the other.
  syncApp.sandbox.admin.setFaults({ operationMs: 150 });
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Step 4 of 5: Import' })).toBeFocused();
  const bar = page.getByRole('progressbar', { name: 'Importing the mails…' });
  await expect(bar).toHaveAttribute('aria-valuemax', '116');
  await expect(page.getByText('0 of 116 mails imported')).toBeVisible();
  // The first mails in hand: Cancel.
  await expect(page.getByTestId('import-current')).toHaveText(/^Now: “.+”$/);
  await page.getByRole('button', { name: 'Cancel import' }).click();
  await expect(page.getByRole('button', { name: 'Cancelling…' })).toBeDisabled();
  await expect(page.getByText('Stopping after the mails in hand')).toBeVisible();

  await expect(page.getByRole('heading', { name: 'Step 5 of 5: Import completed' })).toBeFocused({ timeout: 60_000 });
  syncApp.sandbox.admin.resetFaults();
  const cancelled = page.getByTestId('sync-cancelled');
  await expect(cancelled).toContainText('Import cancelled');
  const [, importedText, leftText] = /cancelled: (\d+) mails? (?:is|are) imported, (\d+) stays? in Outlook for the next run\./.exec((await cancelled.innerText()) ?? '') ?? [];
  const imported = Number(importedText);
  const left = Number(leftText);
  expect(imported).toBeGreaterThan(0);
  expect(left).toBeGreaterThan(0);
  expect(imported + left).toBe(116);
  await expect(page.getByTestId('sync-result')).toContainText(`${imported} mails imported as activities.`);
  await expect(page.getByTestId('sync-result')).toContainText(`${left} ticked mails not imported: they stay in Outlook for the next run.`);
  const listed = await listedSubjects(page, 'Activities created by this import');
  expect(listed).toHaveLength(imported);

  // Outlook: exactly the imported mails are in the archive folder; the rest (and the unticked one) still wait.
  expect(subjectsIn(syncApp, `Inbox/${ARCHIVE}`).map((s) => (s === '' ? '(no subject)' : s))).toEqual(listed);
  const waiting = subjectsInImportFolders(syncApp);
  expect(waiting).toHaveLength(left + 1);
  expect(waiting).toContain(''); // the unticked mail without a subject
  expect(waiting.filter((s) => listed.includes(s))).toEqual([]);
  expect(bulk.filter((s) => waiting.includes(s)).length).toBeGreaterThan(0);
});

test('Outlook lost mid-way: the summary\'s error sentence, and what was imported before', async ({ page, syncApp }) => {
  addBulkMails(syncApp, 100);
  await openWizard(page, syncApp);
  await toActivitySelection(page);
  await page.getByRole('button', { name: 'Next', exact: true }).click();
  syncApp.sandbox.admin.setFaults({ operationMs: 150 });
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByTestId('import-current')).toHaveText(/^Now: /);
  // From now on every answer is lost on the wire.
  syncApp.sandbox.admin.setFaults({ dropResponse: 1_000_000 });
  await expect(page.getByRole('heading', { name: 'Step 5 of 5: Import completed' })).toBeVisible({ timeout: 60_000 });
  syncApp.sandbox.admin.resetFaults();
  const result = page.getByTestId('sync-result');
  await expect(result.getByText('Outlook cannot be reached')).toBeVisible();
  await expect(result).toContainText('1 error.');
  const [, importedText] = /(\d+) mails imported as activities\./.exec(await result.innerText()) ?? [];
  const imported = Number(importedText);
  expect(imported).toBeGreaterThanOrEqual(20);
  expect(imported).toBeLessThan(116);
  await expect(result).toContainText(`${116 - imported} ticked mails not imported: they stay in Outlook for the next run.`);
  expect(await listedSubjects(page, 'Activities created by this import')).toHaveLength(imported);
});

test('an import that cannot run at all: the server\'s sentence; Back keeps every choice, and the import runs from there', async ({ page, syncApp }) => {
  // The first `sync.import` is answered with an error, as when Outlook cannot be reached; the rest go through.
  let refused = false;
  await page.routeWebSocket(/\/ws$/, (ws) => {
    const server = ws.connectToServer();
    ws.onMessage((message) => {
      const frame = JSON.parse(String(message)) as { t: string; id: number; name: string };
      if (frame.t === 'call' && frame.name === 'sync.import' && !refused) {
        refused = true;
        ws.send(JSON.stringify({ t: 'result', id: frame.id, result: { ok: false, error: { code: 'GROUPWARE_UNREACHABLE', message: 'Outlook cannot be reached: no network.' } } }));
        return;
      }
      server.send(message);
    });
    server.onMessage((message) => ws.send(message));
  });
  await openWizard(page, syncApp);
  await toActivitySelection(page);
  await page.getByRole('button', { name: 'Next', exact: true }).click();
  await page.getByRole('combobox', { name: `Category for “${CONTRACT_PDF}”` }).selectOption({ label: 'Offer' });
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByText('The import could not run.')).toBeVisible();
  await expect(page.getByText('Outlook cannot be reached: no network.')).toBeVisible();
  await page.getByRole('button', { name: 'Back' }).click();
  await expect(page.getByRole('heading', { name: 'Step 3 of 5: Edit documents' })).toBeFocused();
  await expect(page.getByRole('combobox', { name: `Category for “${CONTRACT_PDF}”` })).toHaveValue('OFFER');
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByTestId('sync-result')).toContainText('16 mails imported as activities.');
  const stored = await valueOf(syncApp, 'activities.list', { quicksearch: 'all-imported-mails', limit: 100 });
  expect(stored.find((a) => a.subject === CONTRACT_MAIL)?.documents).toEqual([{ name: CONTRACT_PDF, category: 'OFFER', keyword: null }]);
});

test('Esc asks before leaving; during an import leaving is only possible by cancelling it', async ({ page, syncApp }) => {
  addBulkMails(syncApp, 100);
  const dialog = page.getByRole('alertdialog', { name: 'Leave the synchronization?' });
  // On the first step, ticked as the preferences say, nothing would be lost: Esc leaves without asking.
  await openWizard(page, syncApp);
  await expect(page.getByRole('heading', { name: 'Step 1 of 5: Area selection' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('heading', { name: 'Welcome to CRM Companion' })).toBeVisible();
  await expect(dialog).toHaveCount(0);
  // A tick changed there is a choice: then Esc asks.
  await page.goto(`${syncApp.app.origin}/#/sync`);
  await page.getByRole('checkbox', { name: 'Mails' }).uncheck();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Stay' }).click();
  await page.getByRole('checkbox', { name: 'Mails' }).check();

  await toActivitySelection(page);
  await page.keyboard.press('Escape');
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Stay' })).toBeFocused(); // Enter loses nothing
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(page.getByText('116 of 117 mails ticked for import.')).toBeVisible(); // nothing lost
  // The File menu asks as well.
  await page.getByRole('button', { name: 'File' }).click();
  await page.getByRole('menuitem', { name: 'User preferences…' }).click();
  await expect(dialog).toBeVisible();
  await page.keyboard.press('Escape'); // Esc in the dialog: stay
  await expect(dialog).toBeHidden();
  await expect(page).toHaveURL(/#\/sync$/);

  await page.getByRole('button', { name: 'Next', exact: true }).click();
  syncApp.sandbox.admin.setFaults({ operationMs: 150 });
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Step 4 of 5: Import' })).toBeVisible();
  await page.keyboard.press('Escape');
  const running = page.getByRole('alertdialog', { name: 'An import is running' });
  await expect(running).toBeVisible();
  await expect(running.getByRole('button', { name: 'Leave', exact: true })).toHaveCount(0);
  await running.getByRole('button', { name: 'Keep importing' }).click();
  await expect(running).toBeHidden();
  await expect(page.getByRole('button', { name: 'Cancel import' })).toBeEnabled();
  await page.getByRole('button', { name: 'File' }).click();
  await page.getByRole('menuitem', { name: 'User preferences…' }).click();
  await running.getByRole('button', { name: 'Cancel import and leave' }).click();
  // Leaves once the import has stopped: to where the user was going.
  await expect(page).toHaveURL(/#\/preferences$/, { timeout: 60_000 });
  syncApp.sandbox.admin.resetFaults();
  const imported = await valueOf(syncApp, 'activities.list', { quicksearch: 'all-imported-mails', limit: 1000 });
  expect(imported.length).toBeLessThan(116);
  expect(subjectsIn(syncApp, `Inbox/${ARCHIVE}`)).toHaveLength(imported.length);
});

test('keyboard only, from the first step to an activity and back', async ({ page, syncApp }) => {
  await openWizard(page, syncApp);
  await expect(page.getByRole('heading', { name: 'Step 1 of 5: Area selection' })).toBeFocused();
  await page.keyboard.press('Enter'); // Next
  await expect(page.getByRole('heading', { name: 'Step 2 of 5: Activity selection' })).toBeFocused();
  await expect(page.locator('[data-message-id]').first()).toBeVisible();
  // The mail without a subject blocks Next: "Go to the first" (Tab from the heading lands in the grid first,
  // so go there by Shift+Tab from the end: Next is disabled, Back, then the button).
  const goToFirst = page.getByRole('button', { name: 'Go to the first' });
  for (let presses = 0; presses < 200 && !(await goToFirst.evaluate((el) => el === document.activeElement)); presses++) await page.keyboard.press('Shift+Tab');
  await expect(goToFirst).toBeFocused();
  await page.keyboard.press('Enter');
  const subject = page.getByRole('textbox', { name: 'Subject for the mail from Thomas Weber' });
  await expect(subject).toBeFocused();
  await page.keyboard.type('Lieferavis KW 48');
  await page.keyboard.press('Enter'); // Next

  await expect(page.getByRole('heading', { name: 'Step 3 of 5: Edit documents' })).toBeFocused();
  // The CRM's lists may still be on their way: the selects are disabled (and skipped by Tab) until they are here.
  const agendaCategory = page.getByRole('combobox', { name: `Category for “${AGENDA_TXT}”` });
  await expect(agendaCategory).toBeEnabled();
  await page.keyboard.press('Tab'); // the first document's category (the agenda's mail comes first)
  await expect(agendaCategory).toBeFocused();
  await page.keyboard.press('ArrowDown'); // (none) → the first category: Contract
  await expect(agendaCategory).toHaveValue('CONTRACT');
  await page.keyboard.press('Tab');
  await page.keyboard.press('ArrowDown'); // the first keyword: Delivery
  await expect(page.getByRole('combobox', { name: `Keyword for “${AGENDA_TXT}”` })).toHaveValue('DELIVERY');
  await page.keyboard.press('Enter'); // Import
  await expect(page.getByRole('heading', { name: 'Step 5 of 5: Import completed' })).toBeFocused();
  await expect(page.getByTestId('sync-result')).toContainText('17 mails imported as activities.');

  // Tab to the first activity's subject, Enter opens it; Back returns to the result. The list is read after the
  // step shows, so wait for it as a user would see it (a Tab before lands on the buttons below).
  const firstLink = page.getByRole('table', { name: 'Activities created by this import' }).getByRole('link').first();
  await expect(firstLink).toBeVisible();
  await page.keyboard.press('Tab');
  await expect(firstLink).toBeFocused();
  const firstSubject = await firstLink.innerText();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: firstSubject })).toBeVisible();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Back' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Step 5 of 5: Import completed' })).toBeFocused();
  // On the last step nothing is lost: Esc closes the wizard without asking.
  await page.keyboard.press('Escape');
  await expect(page).toHaveURL(/#\/$/);

  const stored = await valueOf(syncApp, 'activities.list', { quicksearch: 'all-imported-mails', limit: 100 });
  expect(stored.find((a) => a.subject === AGENDA_MAIL)?.documents).toEqual([{ name: AGENDA_TXT, category: 'CONTRACT', keyword: 'DELIVERY' }]);
  expect(stored.find((a) => a.subject === 'Lieferavis KW 48')).toBeDefined();
});

test.describe('in German', () => {
  test.use({ locale: 'de-DE' });

  test('the whole course speaks German: documents with German categories, the activity page in German', async ({ page, syncApp }) => {
    await openWizard(page, syncApp);
    await expect(page.getByTestId('wizard-steps').locator('li')).toHaveText([
      '1Bereichsauswahl',
      '2Aktivitätenauswahl',
      '3Dokumente bearbeiten',
      '4Import',
      '5Import abgeschlossen',
    ]);
    await toActivitySelection(page, 'Weiter', 'Die E-Mail „(kein Betreff)“ von Thomas Weber importieren');
    await page.getByRole('button', { name: 'Weiter', exact: true }).click();
    await expect(page.getByRole('heading', { name: 'Schritt 3 von 5: Dokumente bearbeiten' })).toBeFocused();
    await expect(page.getByText('2 Anhänge in den zu importierenden E-Mails.')).toBeVisible();
    await expect(page.getByText('Von Emma Wilson <ewilson@fabrikam.com>')).toBeVisible();
    const category = page.getByRole('combobox', { name: `Kategorie für „${CONTRACT_PDF}“` });
    await expect(category.locator('option')).toHaveText(['(keine Angabe)', 'Angebot', 'Bestellung', 'Korrespondenz', 'Protokoll', 'Rechnung', 'Vertrag']);
    await category.selectOption({ label: 'Vertrag' });
    await page.getByRole('combobox', { name: `Stichwort für „${CONTRACT_PDF}“` }).selectOption({ label: 'Lizenz' });
    await page.getByRole('button', { name: 'Importieren', exact: true }).click();
    await expect(page.getByRole('heading', { name: 'Schritt 5 von 5: Import abgeschlossen' })).toBeFocused();
    await expect(page.getByTestId('sync-result')).toContainText('16 E-Mails als Aktivitäten importiert.');
    await page.getByRole('table', { name: 'Von diesem Import angelegte Aktivitäten' }).getByRole('link', { name: CONTRACT_MAIL }).click();
    await expect(page.getByTestId('activity-form').getByRole('combobox', { name: 'Aktivitätsart' })).toHaveText('E-Mail Eingang');
    const documents = page.getByRole('table', { name: 'Dokumente dieser Aktivität' });
    await expect(documents.locator('[data-column="category"]')).toHaveText('Vertrag');
    await expect(documents.locator('[data-column="keyword"]')).toHaveText('Lizenz');
    await expect(page.getByText('Bilder und andere Inhalte aus dem Internet werden nicht geladen.')).toBeVisible();
    await page.getByRole('button', { name: 'Zurück' }).click();
    await page.keyboard.press('Tab');
    await page.getByRole('button', { name: 'Erneut synchronisieren' }).click();
    await expect(page.getByRole('heading', { name: 'Schritt 1 von 5: Bereichsauswahl' })).toBeFocused();
    // A fresh first step has nothing to lose: Esc closes the wizard without asking.
    await page.keyboard.press('Escape');
    await expect(page).toHaveURL(/#\/$/);
    await expect(page.getByRole('alertdialog', { name: 'Synchronisation verlassen?' })).toHaveCount(0);
  });
});
