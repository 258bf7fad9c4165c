/**
 * What the specs of the *Activity selection* step share: opening it in browser mode, its rows, and mails
 * dropped into Outlook's Import folder (through the sandbox, as a user filing them would) before it is opened.
 */
import type { Locator, Page } from '@playwright/test';
import type { SyncApp } from './fixtures';
import { expect } from './fixtures';

/** Opens the wizard and goes on to step 2; resolves once the grid shows its rows. */
export async function openStep2(page: Page, { app }: SyncApp, next = 'Next'): Promise<Locator> {
  await page.goto(app.url); // presents the secret once; the session cookie carries on
  await page.goto(`${app.origin}/#/sync`);
  await page.getByRole('button', { name: next }).click();
  const table = page.getByRole('table', { name: /New mails in Outlook|Neue E-Mails in Outlook/ });
  await expect(table.locator('[data-message-id]').first()).toBeVisible();
  return table;
}

export const dataRows = (table: Locator): Locator => table.locator('[role="row"][data-message-id]');

export const rowOf = (table: Locator, subject: string): Locator =>
  table.getByRole('row', { name: new RegExp(subject.replace(/[()[\]\\.*+?^$|{}]/g, '\\$&')) });

let sequence = 0;

/** A mail as the mailbox file has it, filed into Import folder now. */
export function fileIntoImportFolder(
  { sandbox }: SyncApp,
  mail: { subject: string; from: { name: string; address: string }; html: string; receivedDateTime?: string },
): void {
  sequence += 1;
  const folder = sandbox.admin.folder('inbox', 'Import folder');
  const from = { emailAddress: mail.from };
  sandbox.admin.addMessage(folder.id, {
    subject: mail.subject,
    from,
    sender: from,
    toRecipients: [{ emailAddress: { name: 'Maria Müller', address: 'm.mueller@example.com' } }],
    receivedDateTime: mail.receivedDateTime ?? `2026-11-12T0${sequence % 10}:15:00Z`,
    sentDateTime: mail.receivedDateTime ?? `2026-11-12T0${sequence % 10}:14:50Z`,
    internetMessageId: `<e2e-${Date.now()}-${sequence}@example.test>`,
    isRead: false,
    body: { contentType: 'html', content: `<html><head><meta charset="utf-8"></head><body>${mail.html}</body></html>` },
  });
}
