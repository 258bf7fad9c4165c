import { describe, expect, it } from 'vitest';
import { catalogs } from './catalogs';
import { pickLanguage, uiLanguage } from './language';

/** Every leaf of a catalog as `dotted.key → text`. */
function leaves(tree: object, prefix = ''): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [key, value] of Object.entries(tree) as Array<[string, unknown]>) {
    const path = prefix + key;
    if (value !== null && typeof value === 'object') for (const [k, v] of leaves(value, `${path}.`)) out.set(k, v);
    else out.set(path, value);
  }
  return out;
}

const placeholders = (text: string): string[] => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1] ?? '').sort();

describe('UI catalogs', () => {
  const en = leaves(catalogs.en);
  const de = leaves(catalogs.de);

  it('have the same keys in German and English', () => {
    expect([...de.keys()].sort()).toEqual([...en.keys()].sort());
  });

  it.each(Object.entries(catalogs))('%s has only non-empty strings', (_locale, catalog) => {
    for (const [key, text] of leaves(catalog)) {
      expect(typeof text, key).toBe('string');
      expect(String(text).trim(), key).not.toBe('');
    }
  });

  it('use the same {{placeholders}} in both languages', () => {
    for (const [key, text] of en) expect(placeholders(String(de.get(key))), key).toEqual(placeholders(String(text)));
  });
});

describe('pickLanguage', () => {
  it.each([
    ['de', 'de'],
    ['de-DE', 'de'],
    ['de-AT', 'de'],
    ['DE-ch', 'de'],
    ['de_DE', 'de'],
    ['en-US', 'en'],
    ['en', 'en'],
    ['fr-FR', 'en'],
    ['dem', 'en'],
    ['', 'en'],
    [undefined, 'en'],
    [null, 'en'],
  ] as const)('%s → %s', (tag, expected) => {
    expect(pickLanguage(tag)).toBe(expected);
  });
});

describe('uiLanguage', () => {
  it('follows the operating system while the preference says "system"', () => {
    expect(uiLanguage('system', 'de-AT')).toBe('de');
    expect(uiLanguage('system', 'fr-FR')).toBe('en');
  });

  it('takes the chosen language whatever the operating system says', () => {
    expect(uiLanguage('de', 'en-US')).toBe('de');
    expect(uiLanguage('en', 'de-DE')).toBe('en');
  });
});
