/**
 * File › User preferences… › Employee account, against the sandbox's identity provider with the real MSAL flow:
 * the page opens the sign-in in a window of its own, where the user signs in (Playwright plays them in that
 * window); the page shows who is signed in. A sign-in revoked at Microsoft 365 sets *Groupware password blocked*
 * at the next synchronization: the page shows the flag with its reason and what to do, and signing in again
 * clears it. One check in German.
 */
import type { Page } from '@playwright/test';
import { SANDBOX_PASSWORD } from '../sandbox';
import { expect, test } from './fixtures';
import { callHost } from './wizard-helpers';

const USER = 'm.mueller@example.com';

// The sign-in window shows the sandbox's pages, served with its own (self-signed) certificate.
test.use({ ignoreHTTPSErrors: true });

async function openEmployeeAccount(page: Page, url: string, menu = { file: 'File', preferences: 'User preferences…', tab: 'Employee account' }): Promise<void> {
  await page.goto(url);
  await page.getByRole('button', { name: menu.file }).click();
  await page.getByRole('menuitem', { name: menu.preferences }).click();
  await page.getByRole('tab', { name: menu.tab }).click();
}

/** Presses the button, then signs in in the window it opens: password, then the permissions. */
async function signInThroughWindow(page: Page, button: string): Promise<void> {
  const popupOpened = page.waitForEvent('popup');
  await page.getByRole('button', { name: button, exact: true }).click();
  const popup = await popupOpened;
  // The login page has the groupware user name filled in, as Microsoft's does with the login hint.
  await expect(popup.locator('input[name="login"]')).toHaveValue(USER);
  await popup.locator('input[name="password"]').fill(SANDBOX_PASSWORD);
  await popup.getByRole('button', { name: 'Sign in' }).click();
  await popup.getByRole('button', { name: 'Accept' }).click();
  // The sign-in came back to the app; its last page says what to do with the window.
  await expect(popup.locator('body')).toContainText('Signed in to Microsoft 365. You can close this window and return to CRM Companion.');
  await popup.close();
}

test('sign in from the Employee account page; a revoked sign-in shows Groupware password blocked, and signing in again clears it', async ({ page, signInApp }) => {
  await openEmployeeAccount(page, signInApp.app.url);
  await expect(page.getByRole('heading', { level: 2, name: 'Employee account' })).toBeVisible();
  await expect(page.locator('[data-field="signedInAs"]')).toHaveText('Not signed in to Microsoft 365.');
  // No OS keyring in browser mode: the page says the sign-in is kept under a key file only.
  await expect(page.locator('[data-part="cache-warning"]')).toContainText('Your sign-in is protected by a key file only');
  await expect(page.getByRole('checkbox', { name: 'Groupware password blocked' })).not.toBeChecked();

  // The groupware user name becomes the sign-in page's login hint.
  await page.getByRole('textbox', { name: 'Groupware user name' }).fill(USER);
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();

  await signInThroughWindow(page, 'Sign in');
  await expect(page.locator('[data-field="signedInAs"]')).toHaveText(`${USER} (Maria Müller)`);
  await expect(page.locator('[data-field="crmUser"]')).toHaveText('Maria Müller (MUE)');

  // Revoked at Microsoft 365; the next synchronization (the tray's Sync now) is refused and sets the flag.
  signInApp.sandbox.admin.idp.revokeUser();
  signInApp.sandbox.admin.idp.resetCounters();
  const refused = await callHost(signInApp, 'sync.now', {});
  expect(refused).toMatchObject({ ok: false, error: { code: 'GROUPWARE_PASSWORD_BLOCKED' } });
  expect(signInApp.sandbox.admin.idp.state().tokenRequests).toBe(1);

  await expect(page.getByRole('checkbox', { name: 'Groupware password blocked' })).toBeChecked();
  const blocked = page.locator('[data-part="blocked"]');
  await expect(blocked).toContainText(/Groupware password blocked since /);
  await expect(blocked.locator('[data-part="blocked-reason"]')).toHaveText(/^The sign-in was refused by Microsoft 365 \(invalid_grant: .*\)\.$/);
  await expect(blocked).toContainText('Nothing is sent to Microsoft 365, neither by the automatic synchronization nor when you start one, until you sign in again.');
  // The page tells it as the tray would, with the way to the cure.
  await expect(page.getByText('Groupware password blocked', { exact: true }).last()).toBeVisible();
  await expect(page.getByRole('link', { name: 'Sign in again' })).toBeVisible();

  // Nothing goes out meanwhile.
  expect(await callHost(signInApp, 'sync.now', {})).toMatchObject({ ok: false, error: { code: 'GROUPWARE_PASSWORD_BLOCKED' } });
  expect(signInApp.sandbox.admin.idp.state().tokenRequests).toBe(1);

  await signInThroughWindow(page, 'Sign in again');
  await expect(page.getByRole('checkbox', { name: 'Groupware password blocked' })).not.toBeChecked();
  await expect(blocked).toBeHidden();
  expect(await callHost(signInApp, 'sync.now', {})).toMatchObject({ ok: true });
});

test('Cancel stops a sign-in that waits for its window, and says so', async ({ page, signInApp }) => {
  await openEmployeeAccount(page, signInApp.app.url);
  const popupOpened = page.waitForEvent('popup');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  const popup = await popupOpened;
  await expect(page.getByText(/Waiting for the sign-in in the browser window/)).toBeVisible();
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.locator('[data-part="sign-in-error"]')).toContainText('The sign-in was cancelled.');
  await expect(page.getByRole('checkbox', { name: 'Groupware password blocked' })).not.toBeChecked();
  await expect(page.getByRole('button', { name: 'Sign in', exact: true })).toBeEnabled();
  await popup.close();
});

test.describe('in German', () => {
  test.use({ locale: 'de-DE' });

  test('the Employee account page speaks German', async ({ page, signInApp }) => {
    await openEmployeeAccount(page, signInApp.app.url, { file: 'Datei', preferences: 'Benutzereinstellungen…', tab: 'Mitarbeiterkonto' });
    await expect(page.getByRole('heading', { level: 2, name: 'Mitarbeiterkonto' })).toBeVisible();
    await expect(page.locator('[data-field="signedInAs"]')).toHaveText('Nicht bei Microsoft 365 angemeldet.');
    await expect(page.getByRole('checkbox', { name: 'Groupware-Kennwort gesperrt' })).not.toBeChecked();
    await expect(page.getByRole('button', { name: 'Anmelden', exact: true })).toBeEnabled();
  });
});
