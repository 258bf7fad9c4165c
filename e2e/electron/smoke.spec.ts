/**
 * The desktop shell, where an Electron binary exists: one locked-down window on our page, the preload bridge
 * answering app.info, the File menu. On machines without the binary every test here is skipped with the reason.
 */
import { expect, test } from './fixtures';

interface CompanionWindow {
  companion?: { call(name: string, req: unknown): Promise<unknown> };
  require?: unknown;
  process?: unknown;
}

test('opens one window on the built renderer, locked down', async ({ desktop }) => {
  const { app, window: page } = desktop;
  await expect(page).toHaveTitle(/CRM Companion/);
  expect(page.url()).toMatch(/^file:\/\/.*\/dist\/renderer\/index\.html/);
  expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1);
  // No Node in the page, only the bridge; window.open is denied.
  const globals = await page.evaluate(() => {
    const w = window as unknown as CompanionWindow;
    return { require: typeof w.require, process: typeof w.process, companion: typeof w.companion };
  });
  expect(globals).toEqual({ require: 'undefined', process: 'undefined', companion: 'object' });
  expect(await page.evaluate(() => window.open('about:blank') === null)).toBe(true);
});

test('answers app.info through the preload bridge, as data', async ({ desktop }) => {
  const { window: page } = desktop;
  const info = await page.evaluate(() => (window as unknown as CompanionWindow).companion?.call('app.info', {}));
  expect(info).toMatchObject({ ok: true, value: { name: 'CRM Companion', mode: 'desktop' } });
  const unknown = await page.evaluate(() => (window as unknown as CompanionWindow).companion?.call('no.such', {}));
  expect(unknown).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CALL' } });
  const bad = await page.evaluate(() => (window as unknown as CompanionWindow).companion?.call('app.info', { extra: 1 }));
  expect(bad).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
});

test('has the File menu and shows the start page', async ({ desktop }, testInfo) => {
  const { app, window: page } = desktop;
  const file = await app.evaluate(({ Menu }) =>
    Menu.getApplicationMenu()
      ?.items.find((item) => item.label === 'File')
      ?.submenu?.items.map((item) => item.label)
      .filter(Boolean),
  );
  expect(file).toEqual(['Activity synchronization…', 'User preferences…', 'Quit']);
  await expect(page.getByText('Desktop app')).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('desktop-start-page.png') });
});
