/**
 * Issue 6, "Show it": a background run's notice in browser mode — the toast in the page, and the same notice as a
 * Web Notification once the user allowed them — whose link shows exactly the activities that run imported.
 */
import { expect, test } from './fixtures';
import { valueOf } from './wizard-helpers';

/** Web Notifications made by the page, recorded (Chromium headless shows none); allowed as the user would. */
declare global {
  interface Window {
    shownNotices: Array<{ title: string; body: string; click: () => void }>;
  }
}

test('a background import: the toast and the desktop notice link to exactly that import’s activities', async ({ page, syncApp }) => {
  await page.addInitScript(() => {
    window.shownNotices = [];
    class RecordedNotification {
      static permission = 'granted';
      static requestPermission = () => Promise.resolve('granted');
      onclick: (() => void) | null = null;
      constructor(title: string, options?: { body?: string }) {
        window.shownNotices.push({ title, body: options?.body ?? '', click: () => this.onclick?.() });
      }
      close(): void {}
    }
    Object.defineProperty(window, 'Notification', { value: RecordedNotification });
  });
  await page.goto(syncApp.app.url);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();

  const summary = await valueOf(syncApp, 'sync.now', {});
  expect(summary.imported).toBeGreaterThan(0);
  const title = `${summary.imported} activities imported`;
  await expect(page.getByText(title, { exact: true })).toBeVisible();
  await expect.poll(() => page.evaluate(() => window.shownNotices.map((n) => n.title))).toEqual([title]);

  // The toast's link: the activities window on this import, its count the run's.
  await page.getByRole('link', { name: 'Show activities' }).click();
  await expect(page.getByRole('tab', { name: `This import (${summary.imported})` })).toHaveAttribute('aria-selected', 'true');
  const listed = await valueOf(syncApp, 'activities.list', { runId: summary.runId, limit: 1000 });
  expect(listed.map((a) => a.id).sort()).toEqual([...summary.activityIds].sort());

  // The desktop notice's click leads there as well, from anywhere in the app.
  await page.goto(`${syncApp.app.origin}/#/preferences`);
  await page.evaluate(() => window.shownNotices[0]?.click());
  await expect(page).toHaveURL(new RegExp(`#/activities\\?run=${summary.runId}$`));
  await expect(page.getByRole('tab', { name: `This import (${summary.imported})` })).toHaveAttribute('aria-selected', 'true');
});
