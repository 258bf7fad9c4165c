/**
 * Regenerates every raster icon from vector sources: `node assets/make-icons.mjs`.
 *
 * - assets/icon.svg is the app icon, drawn for large sizes (48 px and up, the 1024 px macOS source).
 * - Below that, thin arrows and card details blur into mush, so 16–32 px use SMALL_ICON: the same motif redrawn
 *   on a 16-unit grid, full-bleed, with heavier strokes and fewer details (as Office's small icons do).
 * - Tray icons are that small motif plus a state badge; the macOS template is the bare motif in black + alpha.
 *
 * Rasterized by Chromium (Playwright driving /usr/bin/chromium) so the result matches what a browser shows;
 * screenshots with omitBackground keep the transparency. icon.ico is assembled here from PNG-compressed entries.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { chromium } from 'playwright';

const assetsDir = new URL('./', import.meta.url);
const at = (path) => new URL(path, assetsDir);

const BLUE = '#0F6CBD';
const PALE_BLUE = '#7DB7E8';
const ORANGE = '#F7630C';
const RED = '#D13438';

// ---------------------------------------------------------------------------------------------- 16-unit artwork

const TILE = `
  <linearGradient id="tile" x1="0" y1="0" x2="1" y2="1">
    <stop offset="0" stop-color="#1A86DB"/><stop offset="1" stop-color="#0A55A8"/>
  </linearGradient>`;

/** Two chasing arrows on a circle of radius 5.5 around the centre (arcs + heads computed for that circle). */
function arrows(color) {
  return `
  <g fill="none" stroke="${color}" stroke-width="1.4" stroke-linecap="round">
    <path d="M 3.34 5.09 A 5.5 5.5 0 0 1 10.91 3.34"/>
    <path d="M 12.66 10.91 A 5.5 5.5 0 0 1 5.09 12.66"/>
  </g>
  <g fill="${color}">
    <path d="M 9.91 4.95 L 12.82 5.35 L 11.92 1.72 Z"/>
    <path d="M 6.09 11.05 L 3.18 10.65 L 4.08 14.28 Z"/>
  </g>`;
}

/** The contact card: outline, a person with the name line, and a fainter second line. */
const CARD_OUTLINE = `<rect x="5" y="6" width="6" height="4" rx="0.8"/>`;
const CARD_PERSON_AND_NAME = `
  <circle cx="6.75" cy="7.5" r="0.85"/>
  <path d="M 5.7 9.4 A 1.05 0.9 0 0 1 7.8 9.4 Z"/>
  <rect x="8.5" y="7" width="1.6" height="0.7"/>`;
const CARD_SECOND_LINE = `<rect x="8.5" y="8.3" width="1.2" height="0.7"/>`;

/** White card with blue details, as on the large icon. */
const colouredCard = `
  <g fill="#FFFFFF">${CARD_OUTLINE}</g>
  <g fill="${BLUE}">${CARD_PERSON_AND_NAME}</g>
  <g fill="${PALE_BLUE}">${CARD_SECOND_LINE}</g>`;

/** The small app icon: blue tile, white arrows, card. */
const SMALL_ICON_BODY = `<rect width="16" height="16" rx="3" fill="url(#tile)"/>${arrows('#FFFFFF')}${colouredCard}`;

const svg16 = (defs, body) =>
  `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16" width="16" height="16"><defs>${defs}</defs>${body}</svg>`;

const SMALL_ICON = svg16(TILE, SMALL_ICON_BODY);

// ----------------------------------------------------------------------------------------------------- tray

/** Badge in the bottom-right corner; the icon under it is cut away by a transparent ring so it reads at 16 px. */
const BADGE = { cx: 12.5, cy: 12.5, r: 3.5, gap: 1 };

const badgeGlyphs = {
  // "!": something needs a look (e.g. mails left pending, folders skipped).
  attention: `<rect x="12" y="10.1" width="1" height="2.9" rx="0.4" fill="#FFFFFF"/><circle cx="12.5" cy="14.35" r="0.6" fill="#FFFFFF"/>`,
  // "–" as on a no-entry sign: groupware password blocked, nothing will run until the user signs in again.
  blocked: `<rect x="10.4" y="11.9" width="4.2" height="1.2" rx="0.4" fill="#FFFFFF"/>`,
};

function badged(colour, glyph) {
  const { cx, cy, r, gap } = BADGE;
  const defs = `${TILE}
  <mask id="cut" maskUnits="userSpaceOnUse" x="0" y="0" width="16" height="16">
    <rect width="16" height="16" fill="#FFFFFF"/><circle cx="${cx}" cy="${cy}" r="${r + gap}" fill="#000000"/>
  </mask>`;
  return svg16(defs, `<g mask="url(#cut)">${SMALL_ICON_BODY}</g><circle cx="${cx}" cy="${cy}" r="${r}" fill="${colour}"/>${glyph}`);
}

/**
 * Syncing: the arrows turn an eighth further and light up in cyan — different enough to notice, and the shell
 * can alternate it with the idle icon for a cheap spinning effect.
 */
const SYNCING = svg16(
  TILE,
  `<rect width="16" height="16" rx="3" fill="url(#tile)"/><g transform="rotate(45 8 8)">${arrows('#7FE3FF')}</g>${colouredCard}`,
);

/** macOS menu bar template: black + alpha only; macOS tints it for light, dark and highlighted menu bars. */
const TEMPLATE = svg16(
  `<mask id="details" maskUnits="userSpaceOnUse" x="0" y="0" width="16" height="16">
    <rect width="16" height="16" fill="#FFFFFF"/><g fill="#000000">${CARD_PERSON_AND_NAME}${CARD_SECOND_LINE}</g>
  </mask>`,
  `${arrows('#000000')}<g fill="#000000" mask="url(#details)">${CARD_OUTLINE}</g>`,
);

const trayIcons = {
  'tray-idle': SMALL_ICON,
  'tray-syncing': SYNCING,
  'tray-attention': badged(ORANGE, badgeGlyphs.attention),
  'tray-blocked': badged(RED, badgeGlyphs.blocked),
  trayTemplate: TEMPLATE,
};

// ------------------------------------------------------------------------------------------------------ ICO

/** A Windows .ico holding the given PNGs as-is (PNG entries are valid since Vista). */
function ico(entries) {
  const header = Buffer.alloc(6 + 16 * entries.length);
  header.writeUInt16LE(0, 0); // reserved
  header.writeUInt16LE(1, 2); // type: icon
  header.writeUInt16LE(entries.length, 4);
  let offset = header.length;
  entries.forEach(({ size, png }, i) => {
    const entry = 6 + 16 * i;
    header.writeUInt8(size >= 256 ? 0 : size, entry); // 0 means 256
    header.writeUInt8(size >= 256 ? 0 : size, entry + 1);
    header.writeUInt8(0, entry + 2); // no palette
    header.writeUInt8(0, entry + 3); // reserved
    header.writeUInt16LE(1, entry + 4); // colour planes
    header.writeUInt16LE(32, entry + 6); // bits per pixel
    header.writeUInt32LE(png.length, entry + 8);
    header.writeUInt32LE(offset, entry + 12);
    offset += png.length;
  });
  return Buffer.concat([header, ...entries.map((e) => e.png)]);
}

// --------------------------------------------------------------------------------------------- rasterizing

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

async function main() {
  const largeIcon = await readFile(at('icon.svg'), 'utf8');
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
  const page = await browser.newPage({ deviceScaleFactor: 1 });

  /** The SVG drawn at size × size pixels, as a transparent PNG. */
  async function rasterize(svg, size) {
    await page.setViewportSize({ width: size, height: size });
    const src = `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
    await page.setContent(`<body style="margin:0"><img src="${src}" width="${size}" height="${size}" style="display:block"></body>`);
    await page.locator('img').evaluate((img) => img.decode());
    return page.locator('img').screenshot({ omitBackground: true, type: 'png' });
  }

  const appIconAt = (size) => rasterize(size <= 32 ? SMALL_ICON : largeIcon, size);
  const written = [];
  async function write(path, png) {
    await writeFile(at(path), png);
    written.push(path);
  }

  await mkdir(at('icons/'), { recursive: true });
  await mkdir(at('tray/'), { recursive: true });

  await write('icon.png', await appIconAt(1024));
  const pngs = new Map();
  for (const size of [16, 24, 32, 48, 64, 128, 256, 512]) {
    const png = await appIconAt(size);
    pngs.set(size, png);
    await write(`icons/${size}x${size}.png`, png); // electron-builder reads Linux icon sizes from NxN names
  }
  const icoSizes = [16, 24, 32, 48, 64, 128, 256];
  await writeFile(at('icon.ico'), ico(icoSizes.map((size) => ({ size, png: pngs.get(size) }))));
  written.push('icon.ico');

  for (const [name, svg] of Object.entries(trayIcons)) {
    await write(`tray/${name}.png`, await rasterize(svg, 16));
    await write(`tray/${name}@2x.png`, await rasterize(svg, 32));
  }

  await browser.close();
  console.log(`wrote ${written.length} files under assets/: ${written.join(', ')}`);
}

await main();
