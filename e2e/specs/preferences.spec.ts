/**
 * File › User preferences… › Groupware in browser mode on the demo: the real service stores what the page
 * saves (preferences.json in the app's data folder), so a reload shows what the main side kept. Covers saving
 * and reloading, the activity-window option disabled with its reason while automatic sync is on, an invalid
 * Web Client address that is marked and not saved, an error from the main side, leaving with unsaved
 * changes, the notice about a repaired preferences file, the German page, and the UI language chosen there.
 */
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { startBrowserApp, type BrowserApp } from '../../electron/app/browser-app';
import { expect, test } from './fixtures';

const rendererDir = path.resolve(import.meta.dirname, '..', '..', 'dist', 'renderer');

async function openPreferences(page: Page, app: BrowserApp): Promise<void> {
  await page.goto(app.url); // presents the secret once; the session cookie carries on
  await page.goto(`${app.origin}/#/preferences`);
  await expect(page.getByRole('heading', { name: 'Groupware', level: 2 })).toBeVisible();
}

function storedPreferences(dataDir: string): Record<string, unknown> {
  return JSON.parse(readFileSync(path.join(dataDir, 'preferences.json'), 'utf8')) as Record<string, unknown>;
}

/** The page's controls by their labels (English). */
function controls(page: Page) {
  return {
    mails: page.getByRole('checkbox', { name: 'Mails', exact: true }),
    tasks: page.getByRole('checkbox', { name: 'Tasks' }),
    appointments: page.getByRole('checkbox', { name: 'Appointed times' }),
    importFolder: page.getByRole('checkbox', { name: 'Mails from [Import folder]' }),
    automatic: page.getByRole('switch', { name: 'Automatic synchronization' }),
    interval: page.getByRole('spinbutton', { name: 'Interval in minutes' }),
    activityWindow: page.getByRole('checkbox', { name: 'Activity synchronization when activity window is opened' }),
    summaryOnly: page.getByRole('radio', { name: 'Only the result summary' }),
    currentImport: page.getByRole('radio', { name: 'The activities of the current import' }),
    webClient: page.getByRole('textbox', { name: 'Web Client base URL' }),
    documentsStep: page.getByRole('switch', { name: 'Edit documents step in the activity synchronization' }),
    save: page.getByRole('button', { name: 'Save', exact: true }),
    cancel: page.getByRole('button', { name: 'Cancel' }),
    // The form's own status line (saving, saved, unsaved), after any other live message in the form.
    status: page.getByRole('form', { name: 'Groupware' }).getByRole('status').last(),
  };
}

test('changed preferences are saved and still there after a reload', async ({ page, syncApp }) => {
  await openPreferences(page, syncApp.app);
  const c = controls(page);

  // The defaults of the seed: mails only, from Import folder, manual sync, the current import shown.
  await expect(c.mails).toBeChecked();
  await expect(c.tasks).not.toBeChecked();
  await expect(c.tasks).toHaveAccessibleDescription('Synchronized both ways by the automatic synchronization; the wizard’s pages for them come later.');
  await expect(c.importFolder).toBeChecked();
  await expect(c.automatic).not.toBeChecked();
  await expect(c.interval).toHaveValue('15');
  await expect(c.currentImport).toBeChecked();
  await expect(c.webClient).toHaveValue('');
  await expect(c.documentsStep).toBeChecked();

  await c.tasks.check();
  await c.appointments.check();
  await c.importFolder.uncheck();
  await c.automatic.check();
  await c.interval.fill('30');
  await c.summaryOnly.check();
  await c.documentsStep.uncheck();
  await expect(c.status).toHaveText('You have unsaved changes.');
  // Keyboard: Enter in a field saves, as OK does in a dialog.
  await c.webClient.fill('https://crm.example.com/webclient/');
  await c.webClient.press('Enter');

  await expect(c.status).toHaveText('Your preferences are saved.');
  await expect(c.webClient).toHaveValue('https://crm.example.com/webclient'); // as stored
  expect(storedPreferences(syncApp.dataDir)).toMatchObject({
    areas: { mails: true, tasks: true, appointments: true },
    mailsFromImportFolder: false,
    automaticSync: true,
    syncIntervalMinutes: 30,
    resultView: 'summaryOnly',
    webClientBaseUrl: 'https://crm.example.com/webclient',
    documentsStep: false,
  });

  await page.reload();
  await expect(c.tasks).toBeChecked();
  await expect(c.appointments).toBeChecked();
  await expect(c.mails).toBeChecked();
  await expect(c.importFolder).not.toBeChecked();
  await expect(c.automatic).toBeChecked();
  await expect(c.interval).toHaveValue('30');
  await expect(c.summaryOnly).toBeChecked();
  await expect(c.webClient).toHaveValue('https://crm.example.com/webclient');
  await expect(c.documentsStep).not.toBeChecked();
  await expect(c.status).toHaveText(''); // nothing unsaved
});

test('the activity-window option is disabled, with the reason, while automatic synchronization is on', async ({ page, syncApp }) => {
  await openPreferences(page, syncApp.app);
  const c = controls(page);
  await expect(c.activityWindow).toBeEnabled();
  await expect(c.activityWindow).toHaveAccessibleDescription('Synchronizes each time you open the activity window.');
  await c.activityWindow.check();

  await c.automatic.check();
  await expect(c.activityWindow).toBeDisabled();
  await expect(c.activityWindow).toHaveAccessibleDescription(/^Not available while automatic synchronization is on/);
  await expect(page.getByText(/^Not available while automatic synchronization is on/)).toBeVisible();
  await c.save.click();
  await expect(c.status).toHaveText('Your preferences are saved.');

  await page.reload();
  await expect(c.automatic).toBeChecked();
  await expect(c.activityWindow).toBeDisabled();
  await expect(c.activityWindow).toBeChecked(); // kept, and back in effect once automatic sync is off

  await c.automatic.uncheck();
  await expect(c.activityWindow).toBeEnabled();
  await expect(c.activityWindow).toHaveAccessibleDescription('Synchronizes each time you open the activity window.');
});

test('an invalid Web Client address is marked under the field and nothing is saved', async ({ page, syncApp }) => {
  await openPreferences(page, syncApp.app);
  const c = controls(page);
  await c.documentsStep.uncheck();
  await c.webClient.fill('crm.example.com');
  const notHttp = 'The address must begin with http:// or https://, e.g. https://crm.example.com/webclient.';
  await expect(page.getByText(notHttp)).toHaveCount(0); // not while typing

  await c.save.click();
  await expect(page.getByText('Nothing was saved: correct the marked field first.')).toBeVisible();
  await expect(page.getByText(notHttp)).toBeVisible();
  await expect(c.webClient).toHaveAccessibleDescription(new RegExp(`^${notHttp.replace(/[.?/]/g, '\\$&')}`));
  await expect(c.webClient).toHaveAttribute('aria-invalid', 'true');
  await expect(c.webClient).toBeFocused();
  expect(storedPreferences(syncApp.dataDir)).toMatchObject({ webClientBaseUrl: null, documentsStep: true });

  await c.webClient.fill('https://');
  await c.save.click();
  await expect(page.getByText(/^This is not a complete web address/)).toBeVisible();

  // Leaving the tab now asks (the browser's own question); after it, nothing of the edits was kept.
  const asked = page.waitForEvent('dialog');
  const reloaded = page.reload();
  const dialog = await asked;
  expect(dialog.type()).toBe('beforeunload');
  await dialog.accept();
  await reloaded;
  await expect(c.webClient).toHaveValue('');
  await expect(c.documentsStep).toBeChecked();

  // A valid address then saves, and its problem is gone.
  await c.webClient.fill('http://crm.local:8080/web');
  await c.save.click();
  await expect(c.status).toHaveText('Your preferences are saved.');
  await expect(page.getByText(notHttp)).toHaveCount(0);
  expect(storedPreferences(syncApp.dataDir)).toMatchObject({ webClientBaseUrl: 'http://crm.local:8080/web' });
});

test('an interval outside 5 to 1440 minutes is marked and not saved', async ({ page, syncApp }) => {
  await openPreferences(page, syncApp.app);
  const c = controls(page);
  await c.interval.fill('2000');
  await c.save.click();
  await expect(page.getByText('The interval must be from 5 to 1440 minutes.')).toBeVisible();
  await expect(c.interval).toBeFocused();
  expect(storedPreferences(syncApp.dataDir)).toMatchObject({ syncIntervalMinutes: 15 });
  // The arrow keys step within the bounds.
  await c.interval.fill('1439');
  await c.interval.press('ArrowUp');
  await c.interval.press('ArrowUp');
  await expect(c.interval).toHaveValue('1440');
  await expect(page.getByText('The interval must be from 5 to 1440 minutes.')).toHaveCount(0);
  await c.save.click();
  await expect(c.status).toHaveText('Your preferences are saved.');
  expect(storedPreferences(syncApp.dataDir)).toMatchObject({ syncIntervalMinutes: 1440 });
});

test('an error from the main side is shown in words and the form keeps the edits', async ({ page, syncApp }) => {
  await openPreferences(page, syncApp.app);
  const c = controls(page);
  // The preferences file cannot be written: a folder stands where it belongs.
  const file = path.join(syncApp.dataDir, 'preferences.json');
  const saved = readFileSync(file, 'utf8');
  rmSync(file);
  mkdirSync(path.join(file, 'in-the-way'), { recursive: true });

  await c.tasks.check();
  await c.summaryOnly.check();
  await c.save.click();
  const error = page.getByText('Your preferences could not be saved. Your changes are still here: try again.');
  await expect(error).toBeVisible();
  await expect(page.getByText(/"prefs\.update" failed: EISDIR/)).toBeVisible();
  await expect(c.tasks).toBeChecked();
  await expect(c.summaryOnly).toBeChecked();

  // Once the file can be written again, the same edits save.
  rmSync(file, { recursive: true });
  writeFileSync(file, saved);
  await c.save.click();
  await expect(c.status).toHaveText('Your preferences are saved.');
  await expect(error).toHaveCount(0);
  expect(storedPreferences(syncApp.dataDir)).toMatchObject({ areas: { tasks: true }, resultView: 'summaryOnly' });
});

test('leaving with unsaved changes asks first: keep editing, discard, or save and leave', async ({ page, syncApp }) => {
  await openPreferences(page, syncApp.app);
  const c = controls(page);
  const ask = page.getByRole('alertdialog', { name: 'Discard your changes?' });

  // Nothing changed: Cancel leaves at once.
  await c.cancel.click();
  await expect(page.getByRole('heading', { name: 'Welcome to CRM Companion' })).toBeVisible();
  await page.goto(`${syncApp.app.origin}/#/preferences`);

  // Esc is Cancel; the question's first button keeps the edits.
  await c.tasks.check();
  await page.keyboard.press('Escape');
  await expect(ask).toBeVisible();
  await expect(ask.getByRole('button', { name: 'Keep editing' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(ask).toHaveCount(0);
  await expect(c.tasks).toBeChecked();

  // Esc in the question closes it, and stays.
  await c.cancel.click();
  await expect(ask).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(ask).toHaveCount(0);
  await expect(c.tasks).toBeChecked();

  // The File menu asks too; discarding goes there and nothing was stored.
  await page.getByRole('button', { name: 'File' }).click();
  await page.getByRole('menuitem', { name: 'Activity synchronization…' }).click();
  await ask.getByRole('button', { name: 'Discard changes' }).click();
  await expect(page.getByRole('heading', { name: 'Activity synchronization', level: 1 })).toBeVisible();
  expect(storedPreferences(syncApp.dataDir)).toMatchObject({ areas: { tasks: false } });

  // Save and leave stores the edit, then goes on: Cancel goes back where the preferences were opened from.
  await page.getByRole('button', { name: 'File' }).click();
  await page.getByRole('menuitem', { name: 'User preferences…' }).click();
  await c.appointments.check();
  await c.cancel.click();
  await ask.getByRole('button', { name: 'Save and leave' }).click();
  await expect(page.getByRole('heading', { name: 'Activity synchronization', level: 1 })).toBeVisible();
  expect(storedPreferences(syncApp.dataDir)).toMatchObject({ areas: { appointments: true } });
});

test('the language chosen here takes effect on saving, stays over a reload, and "as the operating system" returns', async ({ page, syncApp }) => {
  await openPreferences(page, syncApp.app);
  const language = page.getByRole('combobox', { name: 'Language' });
  // The browser says en-US: the system's language is named in the first choice.
  await expect(language).toHaveValue('system');
  await expect(language.locator('option')).toHaveText(['As the operating system (English)', 'Deutsch', 'English']);

  await language.selectOption({ label: 'Deutsch' });
  await expect(page.getByRole('heading', { name: 'Groupware', level: 2 })).toBeVisible(); // nothing changes before saving
  await controls(page).save.click();
  await expect(page.getByRole('heading', { name: 'Allgemein', level: 2 })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'de');
  await expect(page.getByRole('form', { name: 'Groupware' }).getByRole('status').last()).toHaveText('Ihre Einstellungen sind gespeichert.');
  expect(storedPreferences(syncApp.dataDir)).toMatchObject({ language: 'de' });

  // A new page starts in it, whatever the browser says; the wizard and the server's sentences follow.
  await page.goto(`${syncApp.app.origin}/#/sync`);
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Aktivitätensynchronisation', level: 1 })).toBeVisible();
  await page.getByRole('button', { name: 'Weiter' }).click();
  await expect(page.getByText('Aus dem Ordner „CRM Ohne Status“ wird nicht importiert', { exact: false })).toBeVisible();

  // Back to the operating system's language (the browser's English here).
  await page.goto(`${syncApp.app.origin}/#/preferences`);
  const sprache = page.getByRole('combobox', { name: 'Sprache' });
  await expect(sprache.locator('option').first()).toHaveText('Wie das Betriebssystem (English)');
  await sprache.selectOption('system');
  await page.getByRole('button', { name: 'Speichern', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'General', level: 2 })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
});

test.describe('a preferences file that could not be used as it was', () => {
  /** Starts the app on a data folder that already holds this preferences.json. */
  async function appWithStoredFile(dataDir: string, content: string): Promise<BrowserApp> {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(path.join(dataDir, 'preferences.json'), content);
    return startBrowserApp({ dataDir, port: 0, rendererDir });
  }

  test('unreadable: the notice names the backup, and once dismissed it stays away', async ({ page }, testInfo) => {
    const dataDir = testInfo.outputPath('data');
    const app = await appWithStoredFile(dataDir, '{"areas": {"mails": tru');
    try {
      await openPreferences(page, app);
      const backup = readdirSync(dataDir).find((name) => name.startsWith('preferences.broken-'));
      expect(backup).toBeDefined();
      const notice = page.getByTestId('preferences-notice');
      await expect(notice).toContainText('Your stored preferences were repaired');
      await expect(notice).toContainText(`could not be read, so the defaults are used. The unreadable file was kept as ${path.join(dataDir, backup ?? '')}.`);
      await expect(controls(page).mails).toBeChecked(); // the defaults

      await notice.getByRole('button', { name: 'Dismiss' }).click();
      await expect(notice).toHaveCount(0);
      await expect(page.getByRole('heading', { name: 'Groupware', level: 2 })).toBeFocused();
      await page.reload();
      await expect(page.getByRole('heading', { name: 'Groupware', level: 2 })).toBeVisible();
      await expect(notice).toHaveCount(0);
    } finally {
      await app.close();
    }
  });

  test.describe('in German', () => {
    test.use({ locale: 'de-DE' });

    test('repaired: the notice names the fields that took their defaults', async ({ page }, testInfo) => {
      const dataDir = testInfo.outputPath('data');
      const app = await appWithStoredFile(dataDir, JSON.stringify({ syncIntervalMinutes: 2, resultView: 'everything', automaticSync: true }));
      try {
        await page.goto(app.url);
        await page.goto(`${app.origin}/#/preferences`);
        const notice = page.getByTestId('preferences-notice');
        await expect(notice).toContainText('Ihre gespeicherten Einstellungen wurden repariert');
        await expect(notice).toContainText(
          '2 gespeicherte Einstellungen waren ungültig und wurden auf ihre Standardwerte zurückgesetzt: „Intervall in Minuten“ und „Nach einem Import anzeigen“.',
        );
        await expect(page.getByRole('switch', { name: 'Automatische Synchronisation' })).toBeChecked(); // the valid field kept
        await expect(page.getByRole('spinbutton', { name: 'Intervall in Minuten' })).toHaveValue('15');
      } finally {
        await app.close();
      }
    });
  });
});

test.describe('in German', () => {
  test.use({ locale: 'de-DE' });

  test('labels, hints, the disabled reason and the address check speak German', async ({ page, syncApp }) => {
    await page.goto(syncApp.app.url);
    await page.goto(`${syncApp.app.origin}/#/preferences`);
    await expect(page.getByRole('heading', { name: 'Benutzereinstellungen', level: 1 })).toBeVisible();
    await expect(page.getByRole('group', { name: 'Zu importierende Bereiche' })).toBeVisible();
    await expect(page.getByRole('checkbox', { name: 'E-Mails' })).toBeChecked();
    await expect(page.getByRole('checkbox', { name: 'Aufgaben' })).toHaveAccessibleDescription(/^Werden von der automatischen Synchronisation in beide Richtungen abgeglichen/);
    await expect(page.getByRole('checkbox', { name: 'Termine' })).toBeVisible();
    await expect(page.getByRole('checkbox', { name: 'Mails aus [Import folder]' })).toBeChecked();
    await expect(page.getByRole('radio', { name: 'Die Aktivitäten des aktuellen Imports' })).toBeChecked();
    await expect(page.getByRole('radio', { name: 'Nur die Ergebniszusammenfassung' })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Administration' })).toBeVisible();
    await expect(page.getByRole('switch', { name: 'Schritt „Dokumente bearbeiten“ in der Aktivitätensynchronisation' })).toBeChecked();

    await page.getByRole('switch', { name: 'Automatische Synchronisation' }).check();
    const activityWindow = page.getByRole('checkbox', { name: 'Aktivitätensynchronisation beim Öffnen des Aktivitätenfensters' });
    await expect(activityWindow).toBeDisabled();
    await expect(activityWindow).toHaveAccessibleDescription(/^Nicht verfügbar, solange die automatische Synchronisation eingeschaltet ist/);

    const url = page.getByRole('textbox', { name: 'Basis-URL des Web Clients' });
    await url.fill('crm.example.com');
    await page.getByRole('button', { name: 'Speichern' }).click();
    await expect(page.getByText('Die Adresse muss mit http:// oder https:// beginnen, z. B. https://crm.example.com/webclient.')).toBeVisible();
    await expect(page.getByText('Nichts wurde gespeichert: Korrigieren Sie zuerst das markierte Feld.')).toBeVisible();

    await page.keyboard.press('Escape');
    const ask = page.getByRole('alertdialog', { name: 'Änderungen verwerfen?' });
    await expect(ask.getByRole('button', { name: 'Weiter bearbeiten' })).toBeFocused();
    await ask.getByRole('button', { name: 'Änderungen verwerfen' }).click();
    await expect(page.getByRole('heading', { name: 'Willkommen bei CRM Companion' })).toBeVisible();
  });
});
