/**
 * The link back (DESIGN §3): an Outlook item made from or for an activity carries one HTML link to it — to the
 * Web Client when its base URL is set, else to the desktop app's `crm-companion://activities/<id>`. It is
 * written once, at the end of the body, in a paragraph of its own; the user's text around it is kept, and it is
 * found again by its address (Exchange keeps hrefs, not necessarily our attributes), so no sync adds a second
 * one and the body the CRM compares and stores is the user's text without it.
 */

export const APP_ACTIVITY_URL = 'crm-companion://activities/';

/** Activity ids are UUIDs (electron/crm/ids.ts); imported data may bring other keys: letters, digits, - _ . only. */
const ID = '[A-Za-z0-9][A-Za-z0-9._-]*';
const LINK_HREF = new RegExp(`href\\s*=\\s*(["'])(?:crm-companion://activities/|https?://[^"'\\s]*?/activities/)(${ID})\\1`, 'i');
/** Our paragraph: a <p> (or <div>) holding the activity link and nothing but text and inline markup. */
const LINK_BLOCK = new RegExp(
  `<(p|div)\\b[^>]*>(?:(?!</?(?:p|div)\\b)[\\s\\S])*?<a\\b[^>]*\\bhref\\s*=\\s*(["'])(?:crm-companion://activities/|https?://[^"'\\s]*?/activities/)${ID}\\2[^>]*>[\\s\\S]*?</a>(?:(?!</?(?:p|div)\\b)[\\s\\S])*?</\\1\\s*>`,
  'gi',
);

export function activityUrl(activityId: string, webClientBaseUrl: string | null): string {
  const id = encodeURIComponent(activityId);
  return webClientBaseUrl === null ? `${APP_ACTIVITY_URL}${id}` : `${webClientBaseUrl.replace(/\/+$/, '')}/activities/${id}`;
}

/** The activity an item's body links to (the first link of ours), or null. */
export function linkedActivityId(html: string): string | null {
  const match = LINK_HREF.exec(html);
  return match?.[2] ?? null;
}

/** The body without our link paragraph(s): what the user wrote. */
export function withoutActivityLink(html: string): string {
  return html.replace(LINK_BLOCK, '');
}

/**
 * The body with the link to this activity at its end (inside `<body>` when there is one), or unchanged when it
 * already links to it. A link to another activity (the item was copied in Outlook) is replaced.
 */
export function withActivityLink(html: string, url: string, label: string): string {
  const id = linkedActivityId(html);
  const wanted = LINK_HREF.exec(`href="${url}"`)?.[2];
  if (id !== null && id === wanted) return html;
  const kept = id === null ? html : withoutActivityLink(html);
  const block = `<p class="crm-companion-link"><a href="${escapeAttribute(url)}">${escapeText(label)}</a></p>`;
  const bodyEnd = kept.search(/<\/body\s*>/i);
  return bodyEnd < 0 ? `${kept}${block}` : `${kept.slice(0, bodyEnd)}${block}${kept.slice(bodyEnd)}`;
}

function escapeText(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

function escapeAttribute(text: string): string {
  return escapeText(text).replaceAll('"', '&quot;');
}
