/**
 * A mail body made safe to store and show (DESIGN §3: the body is sanitized HTML). Mail is HTML from
 * strangers: no scripts, no event handlers, no `javascript:` or other active URLs, no forms or frames. What
 * makes a mail readable stays: structure, tables, inline styles (minus anything that loads or runs), links.
 * Remote images keep their `src` as it is in storage (the user may choose to load them later); what is handed
 * to a viewer goes through `withoutRemoteImages` first, unless the user asked for that mail's pictures.
 */
import sanitizeHtml from 'sanitize-html';

/** A style value must not fetch (`url(…)`, `@import`) nor evaluate (`expression(…)`, old IE). */
const SAFE_STYLE_VALUE = /^(?!.*(?:url\s*\(|expression\s*\(|@import|javascript:|behavior\s*:|-moz-binding)).*$/i;

const STYLE_PROPERTIES = [
  'color', 'background-color', 'font', 'font-family', 'font-size', 'font-style', 'font-weight', 'line-height',
  'text-align', 'text-decoration', 'text-indent', 'text-transform', 'letter-spacing', 'white-space', 'vertical-align',
  'margin', 'margin-top', 'margin-right', 'margin-bottom', 'margin-left',
  'padding', 'padding-top', 'padding-right', 'padding-bottom', 'padding-left',
  'border', 'border-top', 'border-right', 'border-bottom', 'border-left', 'border-color', 'border-style',
  'border-width', 'border-collapse', 'border-spacing', 'border-radius',
  'width', 'height', 'max-width', 'min-width', 'display', 'list-style-type',
];

const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [
    ...sanitizeHtml.defaults.allowedTags,
    'img', 'font', 'center', 'span', 'div', 'u', 's', 'strike', 'sub', 'sup', 'small', 'big', 'hr', 'br',
    'table', 'thead', 'tbody', 'tfoot', 'tr', 'td', 'th', 'caption', 'colgroup', 'col',
  ],
  allowedAttributes: {
    '*': ['style', 'dir', 'lang', 'title', 'align', 'class'],
    a: ['href', 'name', 'target', 'rel'],
    img: ['src', 'alt', 'width', 'height', 'border'],
    font: ['color', 'face', 'size'],
    table: ['border', 'cellpadding', 'cellspacing', 'width', 'bgcolor'],
    td: ['colspan', 'rowspan', 'valign', 'width', 'height', 'bgcolor', 'nowrap'],
    th: ['colspan', 'rowspan', 'valign', 'width', 'height', 'bgcolor', 'nowrap'],
    tr: ['valign', 'bgcolor'],
    col: ['span', 'width'],
    colgroup: ['span', 'width'],
  },
  allowedStyles: { '*': Object.fromEntries(STYLE_PROPERTIES.map((property) => [property, [SAFE_STYLE_VALUE]])) },
  // Links may go to the web and mail; images come from the web, the mail itself (`cid:`) or inline data.
  allowedSchemes: ['http', 'https', 'mailto', 'tel'],
  allowedSchemesByTag: { img: ['http', 'https', 'cid', 'data'] },
  allowedSchemesAppliedToAttributes: ['href', 'src', 'cite'],
  allowProtocolRelative: false,
  // <script>, <style>, <title>… go with their content: their text is no part of what the mail says.
  nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'title', 'head', 'xml'],
  transformTags: {
    // A link from a mail opens outside the app and tells the target nothing about where it came from.
    a: (tagName, attribs) => ({ tagName, attribs: { ...attribs, target: '_blank', rel: 'noopener noreferrer' } }),
  },
};

export function sanitizeMailHtml(html: string): string {
  return sanitizeHtml(html, OPTIONS).trim();
}

/** Images in sanitized HTML that would load from the web when shown (what the viewer blocks until asked). */
export function countRemoteImages(sanitizedHtml: string): number {
  return [...sanitizedHtml.matchAll(/<img\b[^>]*\bsrc\s*=\s*"https?:/gi)].length;
}

const REMOTE_SOURCE = /^\s*https?:/i;

const VIEWER_OPTIONS: sanitizeHtml.IOptions = {
  ...OPTIONS,
  allowedAttributes: { ...(OPTIONS.allowedAttributes as Record<string, string[]>), img: ['alt', 'width', 'height', 'border', 'src', 'data-remote-image'] },
  transformTags: {
    ...OPTIONS.transformTags,
    img: (tagName, attribs) => {
      const { src, ...rest } = attribs;
      return src !== undefined && REMOTE_SOURCE.test(src) ? { tagName, attribs: { ...rest, 'data-remote-image': '' } } : { tagName, attribs };
    },
  },
};

/**
 * Sanitized HTML as a viewer may show it before the user asks for pictures: every remote image loses its
 * address (a tracking pixel never calls home), keeps its size and alternative text, and is marked
 * `data-remote-image`. The viewers' content security policies block remote loads as well; this does not rely on
 * them (a browser's preload scanner may start a fetch before a `<meta>` policy is in force).
 */
export function withoutRemoteImages(sanitizedHtml: string): string {
  if (countRemoteImages(sanitizedHtml) === 0) return sanitizedHtml; // sanitize-html writes every attribute in double quotes
  // The same rules again (sanitized HTML passes them unchanged), with remote image addresses taken out.
  return sanitizeHtml(sanitizedHtml, VIEWER_OPTIONS);
}
