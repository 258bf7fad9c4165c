/**
 * Regenerates the wizard's screenshots linked from the README — `e2e/screenshots/<step>-<lang>.png` for area
 * selection, activity selection, edit documents, the import under way, import completed and an activity opened
 * from the result, in English and German — from the demo in browser mode (fixed window size and time zone, so a run changes only what changed).
 * The import is caught at its start: the sandbox holds each Outlook operation for a while, so the page shows
 * "0 of 17" until the screenshot is taken, then lets go.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { CONTRACT_PDF, openWizard, valueOf } from './wizard-helpers';

const SCREENSHOTS = path.resolve(import.meta.dirname, '..', 'screenshots');

const WORDS = {
  en: {
    next: 'Next',
    import: 'Import',
    steps: ['Step 1 of 5: Area selection', 'Step 2 of 5: Activity selection', 'Step 3 of 5: Edit documents', 'Step 4 of 5: Import', 'Step 5 of 5: Import completed'],
    subject: 'Subject for the mail from Thomas Weber',
    category: `Category for “${CONTRACT_PDF}”`,
    keyword: `Keyword for “${CONTRACT_PDF}”`,
    labels: ['Contract', 'Licence'],
    started: '0 of 17 mails imported',
    done: '17 mails imported as activities.',
    activity: 'Documents of this activity',
    tasksPage: 'Step 2 of 4: Activity selection',
  },
  de: {
    next: 'Weiter',
    import: 'Importieren',
    steps: ['Schritt 1 von 5: Bereichsauswahl', 'Schritt 2 von 5: Aktivitätenauswahl', 'Schritt 3 von 5: Dokumente bearbeiten', 'Schritt 4 von 5: Import', 'Schritt 5 von 5: Import abgeschlossen'],
    subject: 'Betreff für die E-Mail von Thomas Weber',
    category: `Kategorie für „${CONTRACT_PDF}“`,
    keyword: `Stichwort für „${CONTRACT_PDF}“`,
    labels: ['Vertrag', 'Lizenz'],
    started: '0 von 17 E-Mails importiert',
    done: '17 E-Mails als Aktivitäten importiert.',
    activity: 'Dokumente dieser Aktivität',
    tasksPage: 'Schritt 2 von 4: Aktivitätenauswahl',
  },
} as const;

for (const lang of ['en', 'de'] as const) {
  test.describe(`screens in ${lang}`, () => {
    test.use({ locale: lang === 'de' ? 'de-DE' : 'en-US', timezoneId: 'Europe/Berlin', viewport: { width: 1280, height: 800 } });

    test(`the wizard's steps (${lang})`, async ({ page, syncApp }) => {
      const words = WORDS[lang];
      const shot = (step: string) => screenshot(page, `${step}-${lang}.png`);
      const heading = (index: number) => page.getByRole('heading', { name: words.steps[index] });

      await openWizard(page, syncApp);
      await expect(heading(0)).toBeFocused();
      await shot('areas');

      await page.getByRole('button', { name: words.next }).click();
      await expect(page.locator('[data-message-id]').first()).toBeVisible();
      await expect(heading(1)).toBeFocused();
      await shot('selection'); // with the red subject that blocks Next

      await page.getByRole('textbox', { name: words.subject }).fill('Lieferavis KW 48');
      await page.getByRole('button', { name: words.next, exact: true }).click();
      await expect(heading(2)).toBeFocused();
      await page.getByRole('combobox', { name: words.category }).selectOption({ label: words.labels[0] });
      await page.getByRole('combobox', { name: words.keyword }).selectOption({ label: words.labels[1] });
      await heading(2).focus();
      await shot('documents');

      syncApp.sandbox.admin.setFaults({ operationMs: 2_000 });
      await page.getByRole('button', { name: words.import, exact: true }).click();
      await expect(heading(3)).toBeFocused();
      await expect(page.getByText(words.started)).toBeVisible();
      await shot('import');
      syncApp.sandbox.admin.resetFaults();

      await expect(heading(4)).toBeFocused({ timeout: 60_000 });
      await expect(page.getByTestId('sync-result')).toContainText(words.done);
      await expect(page.locator('[data-activity-id]')).toHaveCount(17);
      await shot('completed');

      await page.getByRole('link', { name: 'Signed contract – partner licences' }).click();
      await expect(page.getByRole('table', { name: words.activity })).toContainText(words.labels[0]);
      await expect(page.frameLocator('iframe').getByText('countersigned partner licence agreement')).toBeVisible();
      await shot('activity');
    });

    test(`the tasks page (${lang})`, async ({ page, syncApp }) => {
      const words = WORDS[lang];
      await valueOf(syncApp, 'prefs.update', { patch: { areas: { mails: false, tasks: true, appointments: false } } });
      await openWizard(page, syncApp);
      await page.getByRole('button', { name: words.next }).click();
      await expect(page.locator('[data-item-id]')).toHaveCount(2);
      await expect(page.getByRole('heading', { name: words.tasksPage })).toBeFocused();
      await screenshot(page, `tasks-${lang}.png`);
    });
  });
}

async function screenshot(page: Page, file: string): Promise<void> {
  // The activity's id is new on every run: left out, so an unchanged page gives an unchanged picture.
  const style = '[data-testid="activity-id"] { visibility: hidden; }';
  const taken = await page.screenshot({ fullPage: true, animations: 'disabled', caret: 'hide', style });
  const target = path.join(SCREENSHOTS, file);
  if (existsSync(target) && !(await differs(page, readFileSync(target), taken))) return;
  mkdirSync(SCREENSHOTS, { recursive: true });
  writeFileSync(target, taken);
}

/**
 * Whether two screenshots show something different: another size, or a pixel that changed by more than anti-
 * aliasing does (Chromium draws icons' edges a little differently from run to run; text that changed differs by
 * far more). Compared in a blank page of the same browser.
 */
async function differs(page: Page, before: Buffer, after: Buffer): Promise<boolean> {
  const scratch = await page.context().newPage();
  try {
    return await scratch.evaluate(
      async ([a, b]) => {
        const pixels = async (base64: string) => {
          const image = new Image();
          image.src = `data:image/png;base64,${base64}`;
          await image.decode();
          const canvas = document.createElement('canvas');
          canvas.width = image.width;
          canvas.height = image.height;
          const context = canvas.getContext('2d');
          if (context === null) throw new Error('no 2d canvas');
          context.drawImage(image, 0, 0);
          return context.getImageData(0, 0, image.width, image.height);
        };
        const [x, y] = await Promise.all([pixels(a), pixels(b)]);
        if (x.width !== y.width || x.height !== y.height) return true;
        for (let i = 0; i < x.data.length; i++) if (Math.abs((x.data[i] ?? 0) - (y.data[i] ?? 0)) > 96) return true;
        return false;
      },
      [before.toString('base64'), after.toString('base64')] as const,
    );
  } finally {
    await scratch.close();
  }
}
