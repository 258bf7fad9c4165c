/**
 * The document a mail preview shows in its sandboxed frame (`<iframe sandbox srcdoc>`): the body that
 * `sync.preview` sanitized, wrapped in a page whose own Content-Security-Policy loads nothing from anywhere —
 * no script, no frame, no font, no form target — and images only from the mail itself (`data:`), until the
 * user asks for this mail's remote images. Three walls, each enough on its own against script: the server's
 * sanitizer, the frame's sandbox (no `allow-scripts`, no `allow-same-origin`), and this policy (`default-src
 * 'none'`). The app's own policy applies inside the frame as well (a srcdoc frame inherits it), so it has to
 * let remote images through for the user's "load images" to work; this policy is what keeps them out until then.
 * Pure: the rules are tested without a browser.
 */

/**
 * The frame's sandbox: no script, an opaque origin (no `allow-same-origin`), no forms, no navigating the app.
 * A link in a mail opens outside the app — it carries `target="_blank"` (the sanitizer sets it, with
 * `noopener noreferrer`) and may open a new window that is not sandboxed (in the desktop app the shell hands
 * web links to the system browser): the way a mail program opens links, and never a way into the app.
 */
export const PREVIEW_SANDBOX = 'allow-popups allow-popups-to-escape-sandbox';

/** What may load in the preview: nothing, images of the mail itself, and remote images once allowed. */
export function previewPolicy(remoteImages: 'blocked' | 'allowed'): string {
  const images = remoteImages === 'allowed' ? ['data:', 'https:', 'http:'] : ['data:'];
  return [
    "default-src 'none'",
    `img-src ${images.join(' ')}`,
    // Mail is styled in style attributes (the sanitizer keeps those, minus anything that loads).
    "style-src 'unsafe-inline'",
    "form-action 'none'",
    "base-uri 'none'",
  ].join('; ');
}

/** Plain look of a mail on white (mails assume a light page), readable in a narrow pane. */
const BASE_STYLE = [
  'html { background: #ffffff; color: #242424; color-scheme: light; }',
  'body { margin: 12px; font: 14px/1.45 "Segoe UI", system-ui, -apple-system, Arial, sans-serif; overflow-wrap: anywhere; }',
  'img { max-width: 100%; height: auto; }',
  'table { max-width: 100%; }',
  'pre { white-space: pre-wrap; }',
].join(' ');

export interface PreviewDocumentOptions {
  remoteImages: 'blocked' | 'allowed';
  /** The UI language, for the page's `lang` (what a screen reader reads the mail in unless the mail says). */
  lang: string;
}

/**
 * The srcdoc for one mail. The policy `<meta>` comes first in `<head>`, before anything of the mail: whatever
 * the body holds, it is parsed under the policy (and a second policy in the mail could only narrow it).
 */
export function previewDocument(sanitizedHtml: string, { remoteImages, lang }: PreviewDocumentOptions): string {
  return [
    '<!doctype html>',
    `<html lang="${escapeAttribute(lang)}">`,
    '<head>',
    `<meta http-equiv="Content-Security-Policy" content="${escapeAttribute(previewPolicy(remoteImages))}">`,
    // Remote images, once loaded, tell their host nothing about where they were shown.
    '<meta name="referrer" content="no-referrer">',
    '<meta name="color-scheme" content="light">',
    `<style>${BASE_STYLE}</style>`,
    '</head>',
    `<body>${sanitizedHtml}</body>`,
    '</html>',
  ].join('');
}

function escapeAttribute(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
