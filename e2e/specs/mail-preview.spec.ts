/**
 * The *Activity selection* step's mail preview in browser mode, against the sandbox with the demo mailbox and
 * CRM: a mail with script in it previews without anything of it running (the real sanitized answer, and an
 * answer with the raw script put back on the WebSocket, so the frame has to hold without the sanitizer), in a
 * frame whose sandbox has no allow-scripts; remote images stay blocked until "Load images for this mail" — for
 * that mail only, remembered when the user comes back to it; links open outside the app; a mail that cannot be
 * read says so; the preview is resized with the keyboard, hidden and shown again.
 *
 * The mails these tests need are filed into Import folder through the sandbox before the step opens. The
 * remote images come from a server of the test's own on 127.0.0.1, which counts what is asked of it.
 */
import http from 'node:http';
import type { Frame, Page } from '@playwright/test';
import { dataRows, fileIntoImportFolder, openStep2, rowOf } from './activity-selection-helpers';
import { expect, test } from './fixtures';

/** What each payload would do if it ran: tell the page above it. */
const PAYLOADS = [
  `<script>window.ranInFrame = true; parent.postMessage('script ran', '*'); parent.document.title = 'pwned';</script>`,
  `<img src="missing-image.png" alt="x" onerror="parent.postMessage('onerror ran', '*'); document.title = 'pwned';">`,
  `<svg onload="parent.postMessage('svg onload ran', '*')"><circle r="2"></circle></svg>`,
  `<a href="javascript:parent.postMessage('javascript link ran', '*')" id="js-link">Link</a>`,
].join('');

const SCRIPTED = 'Angebot mit Skript';
const RAW = 'Angebot mit Skript (ungefiltert)';
const RAW_MARKER = 'Rohfassung-7F3A';

/** Every sync.preview answer whose html carries the marker gets the raw, unsanitized html instead. */
async function rawPreviewAnswers(page: Page, raw: string): Promise<void> {
  await page.routeWebSocket(/\/ws$/, (ws) => {
    const server = ws.connectToServer();
    ws.onMessage((message) => server.send(message));
    server.onMessage((message) => {
      const frame = JSON.parse(String(message)) as { t: string; result?: { ok: boolean; value?: { html?: string } } };
      const value = frame.t === 'result' && frame.result?.ok === true ? frame.result.value : undefined;
      if (value?.html?.includes(RAW_MARKER) === true) {
        value.html = raw;
        ws.send(JSON.stringify(frame));
        return;
      }
      ws.send(message);
    });
  });
}

/** Messages posted to the app's window from any frame, collected from now on. */
async function collectPostedMessages(page: Page): Promise<() => Promise<string[]>> {
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { postedToApp: string[] }).postedToApp = seen;
    window.addEventListener('message', (event) => seen.push(String(event.data)));
  });
  return () => page.evaluate(() => (window as unknown as { postedToApp: string[] }).postedToApp);
}

function previewFrame(page: Page): Frame {
  const frame = page.frames().find((f) => f.url() === 'about:srcdoc');
  if (frame === undefined) throw new Error('no preview frame');
  return frame;
}

test('a mail with script and event handlers previews without running any of it', async ({ page, browser, syncApp }) => {
  // The detector works: in a page of its own without the app's walls, the raw payloads do run.
  const control = await browser.newPage();
  await control.setContent('<!doctype html><title>control</title>');
  const ranInControl = await control.evaluate(
    (srcdoc) =>
      new Promise<string[]>((resolve) => {
        const seen: string[] = [];
        window.addEventListener('message', (event) => {
          seen.push(String(event.data));
          if (seen.includes('script ran') && seen.includes('onerror ran')) resolve(seen);
        });
        const frame = document.createElement('iframe');
        frame.setAttribute('sandbox', 'allow-scripts');
        frame.srcdoc = srcdoc;
        document.body.append(frame);
      }),
    `<p>control</p>${PAYLOADS}`,
  );
  expect(ranInControl).toEqual(expect.arrayContaining(['script ran', 'onerror ran']));
  await control.close();

  fileIntoImportFolder(syncApp, { subject: SCRIPTED, from: { name: 'Max Mustermann', address: 'max.mustermann1987@gmail.com' }, html: `<p>Guten Tag, anbei das Angebot.</p>${PAYLOADS}` });
  fileIntoImportFolder(syncApp, { subject: RAW, from: { name: 'Max Mustermann', address: 'max.mustermann1987@gmail.com' }, html: `<p>${RAW_MARKER}: Guten Tag.</p>` });
  await rawPreviewAnswers(page, `<p id="raw">${RAW_MARKER}: Guten Tag.</p>${PAYLOADS}`);
  const table = await openStep2(page, syncApp);
  const posted = await collectPostedMessages(page);
  const title = await page.title();

  // The server's answer: sanitized, shown in the sandboxed frame.
  await rowOf(table, SCRIPTED).getByText(SCRIPTED, { exact: true }).click();
  const pane = page.getByRole('region', { name: 'Mail preview' });
  await expect(pane.getByRole('heading', { name: SCRIPTED })).toBeVisible();
  const frameElement = pane.locator('iframe');
  await expect(frameElement).toHaveAttribute('title', `The mail “${SCRIPTED}”`);
  const sandbox = await frameElement.getAttribute('sandbox');
  expect(sandbox).not.toBeNull(); // present: the frame is sandboxed
  expect(sandbox?.split(/\s+/)).not.toContain('allow-scripts');
  expect(sandbox?.split(/\s+/)).not.toContain('allow-same-origin');
  await expect(page.frameLocator('iframe[title^="The mail"]').getByText('Guten Tag, anbei das Angebot.')).toBeVisible();
  const sanitized = previewFrame(page);
  expect(await sanitized.evaluate(() => document.querySelectorAll('script, [onerror], [onload]').length)).toBe(0);

  // The same payloads, put back raw into the answer: the frame must hold without the sanitizer.
  await rowOf(table, RAW).getByText(RAW, { exact: true }).click();
  await expect(pane.getByRole('heading', { name: RAW })).toBeVisible();
  await expect(page.frameLocator('iframe[title^="The mail"]').locator('#raw')).toHaveText(`${RAW_MARKER}: Guten Tag.`);
  const raw = previewFrame(page);
  // The payloads are in the frame's document, and none of them ran.
  expect(await raw.evaluate(() => document.querySelectorAll('script, [onerror], svg[onload]').length)).toBe(3);
  // The image with onerror has failed to load by now (its error event is what would have run the handler).
  await expect.poll(() => raw.evaluate(() => [...document.images].every((image) => image.complete))).toBe(true);
  await page.frameLocator('iframe[title^="The mail"]').locator('#js-link').click();
  expect(await raw.evaluate(() => (window as unknown as { ranInFrame?: boolean }).ranInFrame)).toBeUndefined();
  expect(await raw.evaluate(() => document.title)).not.toBe('pwned');
  expect(await posted()).toEqual([]);
  expect(await page.title()).toBe(title);
  await expect(page).toHaveURL(/#\/sync$/);
});

/** A server for the mails' remote images and links, on 127.0.0.1: counts the requests per path. */
async function imageHost(): Promise<{ origin: string; hits: (path: string) => number; close: () => Promise<void> }> {
  const hits = new Map<string, number>();
  const server = http.createServer((req, res) => {
    const path = req.url ?? '/';
    hits.set(path, (hits.get(path) ?? 0) + 1);
    if (path.endsWith('.svg')) {
      res.writeHead(200, { 'content-type': 'image/svg+xml' }).end('<svg xmlns="http://www.w3.org/2000/svg" width="40" height="30"><rect width="40" height="30" fill="#0f6cbd"/></svg>');
    } else {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<!doctype html><title>Angebotsseite</title><p>outside the app</p>');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return {
    origin: `http://127.0.0.1:${address.port}`,
    hits: (path) => hits.get(path) ?? 0,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const NEWSLETTER = 'Newsletter November';
const PRICE_LIST = 'Preisliste 2027';

test('remote images stay blocked until asked for, per mail; links open outside the app', async ({ page, syncApp }, testInfo) => {
  const host = await imageHost();
  try {
    fileIntoImportFolder(syncApp, {
      subject: NEWSLETTER,
      from: { name: 'Lahntal Brauerei', address: 'newsletter@lahntal-brauerei.de' },
      html: `<p>Neu im Sortiment:</p><img src="${host.origin}/logo.svg" alt="Logo"><img src="${host.origin}/pixel.svg" alt=""><p><a href="${host.origin}/angebot">Zum Angebot</a></p>`,
    });
    fileIntoImportFolder(syncApp, {
      subject: PRICE_LIST,
      from: { name: 'Lahntal Brauerei', address: 'newsletter@lahntal-brauerei.de' },
      html: `<p>Die Preisliste:</p><img src="${host.origin}/prices.svg" alt="Preise">`,
    });
    const table = await openStep2(page, syncApp);
    const pane = page.getByRole('region', { name: 'Mail preview' });
    await expect(pane).toContainText('Select a mail in the list to read it here.');
    const frame = page.frameLocator('iframe[title^="The mail"]');
    // The sanitizer keeps no ids: the images are found by their address.
    const image = (name: string) => frame.locator(`img[src="${host.origin}/${name}"]`);
    const width = (name: string) => image(name).evaluate((element: HTMLImageElement) => element.naturalWidth);
    // Blocked, an image reaches the page without its address (and the frame's policy would stop it as well).
    const blocked = frame.locator('img[data-remote-image]');
    const fromHost = frame.locator(`img[src^="${host.origin}"]`);

    // Chosen by a click on the row: two remote images, blocked; nothing asked of their host.
    await rowOf(table, NEWSLETTER).getByText(NEWSLETTER, { exact: true }).click();
    await expect(rowOf(table, NEWSLETTER)).toHaveAttribute('aria-current', 'true');
    await expect(frame.getByText('Neu im Sortiment:')).toBeVisible();
    const bar = pane.getByTestId('remote-images');
    await expect(bar).toContainText('2 remote images blocked.');
    await expect(blocked).toHaveCount(2);
    await expect(frame.getByRole('img', { name: 'Logo' })).toBeAttached();
    await expect(fromHost).toHaveCount(0);
    expect(host.hits('/logo.svg') + host.hits('/pixel.svg')).toBe(0);
    await page.screenshot({ path: testInfo.outputPath('preview-blocked.png') });

    // Asked for: this mail shows them.
    await pane.getByRole('button', { name: 'Load images for this mail' }).click();
    await expect(bar).toHaveText('2 remote images shown for this mail.');
    await expect.poll(() => width('logo.svg')).toBe(40);
    expect(host.hits('/logo.svg')).toBe(1);
    expect(host.hits('/pixel.svg')).toBe(1);
    await page.screenshot({ path: testInfo.outputPath('preview-images-loaded.png') });

    // Another mail (chosen with the keyboard: focus in its row) is still blocked.
    await rowOf(table, PRICE_LIST).getByRole('checkbox').focus();
    await expect(pane.getByRole('heading', { name: PRICE_LIST })).toBeVisible();
    await expect(bar).toContainText('1 remote image blocked.');
    await expect(blocked).toHaveCount(1);
    await expect(fromHost).toHaveCount(0);
    expect(host.hits('/prices.svg')).toBe(0);

    // Back to the first: remembered, shown without asking again.
    await rowOf(table, NEWSLETTER).getByRole('checkbox').focus();
    await expect(bar).toHaveText('2 remote images shown for this mail.');
    await expect.poll(() => width('logo.svg')).toBe(40);
    expect(host.hits('/prices.svg')).toBe(0);

    // A link opens outside the app (a window of its own); the app stays where it is.
    const appUrl = page.url();
    const [outside] = await Promise.all([page.context().waitForEvent('page'), frame.getByRole('link', { name: 'Zum Angebot' }).click()]);
    await expect(outside).toHaveURL(`${host.origin}/angebot`);
    await outside.close();
    expect(page.url()).toBe(appUrl);
    await expect(pane.getByRole('heading', { name: NEWSLETTER })).toBeVisible();
  } finally {
    await host.close();
  }
});

test('a mail that cannot be read says so; the preview is resized with the keyboard, hidden and shown again', async ({ page, syncApp }) => {
  const table = await openStep2(page, syncApp);
  const pane = page.getByRole('region', { name: 'Mail preview' });

  // A mail that went away from Outlook meanwhile cannot be shown: said in words, with a way to try again.
  const gone = syncApp.sandbox.admin.state().messages.find((m) => m.subject === 'Invoice query INV-2026-1187');
  if (gone === undefined) throw new Error('demo mail missing');
  syncApp.sandbox.admin.deleteMessage(gone.id, { permanent: true });
  await rowOf(table, 'Invoice query INV-2026-1187').getByText('Invoice query INV-2026-1187', { exact: true }).click();
  await expect(pane.getByText('The mail could not be shown.')).toBeVisible();
  await expect(pane.getByRole('button', { name: 'Try again' })).toBeVisible();

  // The splitter: a separator whose value is the preview's share; arrow keys move it, Home and End to the bounds.
  const splitter = page.getByRole('separator', { name: 'Width of the preview' });
  await expect(splitter).toHaveAttribute('aria-valuenow', '40');
  const before = (await pane.boundingBox())?.width ?? 0;
  await splitter.focus();
  await page.keyboard.press('ArrowLeft');
  await expect(splitter).toHaveAttribute('aria-valuenow', '45');
  await expect.poll(async () => (await pane.boundingBox())?.width ?? 0).toBeGreaterThan(before);
  await page.keyboard.press('Home');
  await expect(splitter).toHaveAttribute('aria-valuenow', '25');
  await page.keyboard.press('End');
  await expect(splitter).toHaveAttribute('aria-valuenow', '70');
  // Dragged to the right with the mouse, the preview narrows.
  const grip = await splitter.boundingBox();
  if (grip === null) throw new Error('no splitter on screen');
  await page.mouse.move(grip.x + grip.width / 2, grip.y + grip.height / 2);
  await page.mouse.down();
  await page.mouse.move(grip.x + grip.width / 2 + 200, grip.y + grip.height / 2, { steps: 4 });
  await page.mouse.up();
  await expect.poll(async () => Number(await splitter.getAttribute('aria-valuenow'))).toBeLessThan(70);

  // Hidden and shown again; focus follows to the button that takes the place of the one used. With *Next*
  // ready (the one red subject typed), Enter on the splitter hides the preview and does not go on.
  await page.getByRole('textbox', { name: 'Subject for the mail from Thomas Weber' }).fill('Lieferavis KW 48');
  await expect(page.getByRole('button', { name: 'Next', exact: true })).toBeEnabled();
  await splitter.focus();
  await page.keyboard.press('Enter');
  await expect(pane).toBeHidden();
  const show = page.getByRole('button', { name: 'Show the preview' });
  await expect(show).toBeFocused();
  await expect(show).toHaveAttribute('aria-expanded', 'false');
  await page.keyboard.press('Enter');
  await expect(pane).toBeVisible();
  const hide = pane.getByRole('button', { name: 'Hide the preview' });
  await expect(hide).toBeFocused();
  await hide.click();
  await expect(pane).toBeHidden();
  await show.click();
  // Typing the subject put focus in Thomas Weber's row: his mail is the one shown now.
  await expect(pane.getByRole('heading', { name: '(no subject)' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Step 2 of 5: Activity selection' })).toBeVisible();
  await expect(dataRows(table).first()).toBeVisible();
});
