import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { catalogs } from '../i18n/catalogs';
import {
  describeFolderProblem,
  FOLDER_NAME_PROBLEM_CODES,
  folderProblemMessage,
  parseImportFolderName,
  type FolderNameProblem,
  type FolderNameProblemCode,
} from './folder-name';

/** The built-in keys plus a longer one, as CRM data may add. */
const statusKeys: ReadonlySet<string> = new Set(['I', 'O', 'E', 'WV']);

function problemOf(name: string, keys: ReadonlySet<string> = statusKeys): FolderNameProblem {
  const reading = parseImportFolderName(name, keys);
  if (reading.ok) throw new Error(`expected a problem for ${JSON.stringify(name)}, got ${JSON.stringify(reading)}`);
  return reading.problem;
}

describe('parseImportFolderName: valid names', () => {
  it.each([
    ['CRM Erledigt [E]', 'Erledigt', 'E'],
    ['CRM Offen [O]', 'Offen', 'O'],
    ['CRM Wiedervorlage [WV]', 'Wiedervorlage', 'WV'],
    ['CRM Ärger mit Müller & Söhne [O]', 'Ärger mit Müller & Söhne', 'O'],
    ['CRM Kunden (Nord) [O]', 'Kunden (Nord)', 'O'],
    ['CRM Rechnungen 2026 - Q1 [E]', 'Rechnungen 2026 - Q1', 'E'],
    ['CRM CRM [E]', 'CRM', 'E'],
    ['CRM Offen  und  alt [O]', 'Offen  und  alt', 'O'], // spacing inside the description is the user's
    ['CRM Offen[O]', 'Offen', 'O'], // no space needed before "["
    ['CRM Offen    [O]', 'Offen', 'O'],
    ['CRM Offen [ O ]', 'Offen', 'O'], // spaces inside the brackets are ignored
    ['  CRM Offen [O]  ', 'Offen', 'O'], // white space around the name is invisible in Outlook: ignored
    ['CRM Offen [O]\n', 'Offen', 'O'],
    ['CRM 日本 [I]', '日本', 'I'],
  ])('%j → description %j, status %j', (name, description, status) => {
    expect(parseImportFolderName(name, statusKeys)).toEqual({ ok: true, description, status });
  });

  it('compares status keys case-sensitively, as they are stored', () => {
    expect(parseImportFolderName('CRM Klein [o]', new Set(['o', 'O']))).toEqual({ ok: true, description: 'Klein', status: 'o' });
    expect(parseImportFolderName('CRM Groß [O]', new Set(['o', 'O']))).toEqual({ ok: true, description: 'Groß', status: 'O' });
  });

  it('accepts CRM + one space + any description without brackets + a known key in brackets', () => {
    const keyChars = fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcxyz0123456789-_.'.split(''));
    const key = fc.string({ unit: keyChars, minLength: 1, maxLength: 4 });
    const description = fc
      .string({ unit: fc.constantFrom(...'abc XYZ äöüß-&()./0123456789'.split('')), minLength: 1, maxLength: 20 })
      .filter((text) => text.trim() !== '' && text === text.trimStart());
    fc.assert(
      fc.property(fc.uniqueArray(key, { minLength: 1, maxLength: 5 }), fc.nat(), description, (keys, pick, text) => {
        const status = keys[pick % keys.length] ?? '';
        expect(parseImportFolderName(`CRM ${text} [${status}]`, new Set(keys))).toEqual({ ok: true, description: text.trim(), status });
      }),
    );
  });
});

describe('parseImportFolderName: problems', () => {
  it.each<[string, FolderNameProblemCode, string]>([
    // The prefix
    ['Offen [O]', 'NOT_CRM_PREFIX', 'CRM Offen [O]'],
    ['Rechnungen', 'NOT_CRM_PREFIX', 'CRM Rechnungen [O]'],
    ['CR Offen [O]', 'NOT_CRM_PREFIX', 'CRM CR Offen [O]'],
    ['', 'NOT_CRM_PREFIX', 'CRM … [O]'],
    ['   ', 'NOT_CRM_PREFIX', 'CRM … [O]'],
    ['crm Offen [O]', 'PREFIX_CASE', 'CRM Offen [O]'],
    ['Crm Erledigt [E]', 'PREFIX_CASE', 'CRM Erledigt [E]'],
    ['cRM Erledigt [E]', 'PREFIX_CASE', 'CRM Erledigt [E]'],
    // The status key's brackets
    ['CRM Offen', 'NO_STATUS', 'CRM Offen [O]'],
    ['CRM Erledigt E', 'NO_STATUS', 'CRM Erledigt [E]'],
    ['CRM Kunden (Nord)', 'NO_STATUS', 'CRM Kunden (Nord) [O]'],
    ['CRM', 'NO_STATUS', 'CRM … [O]'],
    ['CRM Offen (O)', 'STATUS_WRONG_BRACKETS', 'CRM Offen [O]'],
    ['CRM Erledigt {e}', 'STATUS_WRONG_BRACKETS', 'CRM Erledigt [E]'],
    ['CRM Erledigt <E>', 'STATUS_WRONG_BRACKETS', 'CRM Erledigt [E]'],
    ['CRM Offen [O', 'STATUS_BRACKET_NOT_CLOSED', 'CRM Offen [O]'],
    ['CRM Offen [Wichtig', 'STATUS_BRACKET_NOT_CLOSED', 'CRM Offen Wichtig [O]'],
    ['CRM Offen O]', 'STATUS_BRACKET_NOT_OPENED', 'CRM Offen [O]'],
    ['CRM Offen ]O[', 'UNBALANCED_BRACKETS', 'CRM Offen [O]'],
    ['CRM Offen [O]]', 'UNBALANCED_BRACKETS', 'CRM Offen [O]'],
    ['CRM Offen [[O]]', 'NESTED_BRACKETS', 'CRM Offen [O]'],
    ['CRM Offen [a[O]]', 'NESTED_BRACKETS', 'CRM Offen a [O]'],
    ['CRM Kunde [A] [E]', 'SEVERAL_BRACKETS', 'CRM Kunde A [E]'],
    ['CRM [E] Erledigt', 'STATUS_NOT_AT_END', 'CRM Erledigt [E]'],
    ['CRM Erledigt [E] x', 'STATUS_NOT_AT_END', 'CRM Erledigt x [E]'],
    ['CRM Erledigt [E].', 'STATUS_NOT_AT_END', 'CRM Erledigt . [E]'],
    // The description
    ['CRM [E]', 'EMPTY_DESCRIPTION', 'CRM … [E]'],
    ['CRM  [E]', 'EMPTY_DESCRIPTION', 'CRM … [E]'],
    ['CRM[E]', 'EMPTY_DESCRIPTION', 'CRM … [E]'],
    // The space after CRM
    ['CRMOffen [O]', 'PREFIX_NO_SPACE', 'CRM Offen [O]'],
    ['CRM  Offen [O]', 'PREFIX_SEVERAL_SPACES', 'CRM Offen [O]'],
    ['CRM     Offen [O]', 'PREFIX_SEVERAL_SPACES', 'CRM Offen [O]'],
    ['CRM\tOffen [O]', 'PREFIX_NOT_A_SPACE', 'CRM Offen [O]'],
    ['CRM \tOffen [O]', 'PREFIX_NOT_A_SPACE', 'CRM Offen [O]'],
    ['CRM\u00a0Offen [O]', 'PREFIX_NOT_A_SPACE', 'CRM Offen [O]'], // no-break space, e.g. pasted from a web page
    // The key
    ['CRM Offen []', 'EMPTY_STATUS', 'CRM Offen [O]'],
    ['CRM Offen [  ]', 'EMPTY_STATUS', 'CRM Offen [O]'],
    ['CRM Offen [X]', 'UNKNOWN_STATUS', 'CRM Offen [O]'],
    ['CRM Offen [Offen]', 'UNKNOWN_STATUS', 'CRM Offen [O]'],
    ['CRM Offen [E E]', 'UNKNOWN_STATUS', 'CRM Offen [O]'],
    ['CRM Offen [o]', 'STATUS_CASE', 'CRM Offen [O]'],
    ['CRM Wiedervorlage [wv]', 'STATUS_CASE', 'CRM Wiedervorlage [WV]'],
  ])('%j → %s, e.g. %j', (name, code, example) => {
    const problem = problemOf(name);
    expect(problem.code).toBe(code);
    expect(problem.example).toBe(example);
    expect(problem.folder).toBe(name);
  });

  it('reports the most basic problem first and repairs all of them in the example', () => {
    expect(problemOf('crm  Offen')).toMatchObject({ code: 'PREFIX_CASE', example: 'CRM Offen [O]' }); // prefix before spacing, brackets
    expect(problemOf('CRM  Offen')).toMatchObject({ code: 'NO_STATUS', example: 'CRM Offen [O]' }); // brackets before spacing
    expect(problemOf('CRMOffen [X]')).toMatchObject({ code: 'PREFIX_NO_SPACE', example: 'CRM Offen [O]' }); // spacing before key
    expect(problemOf('CRM [X]')).toMatchObject({ code: 'EMPTY_DESCRIPTION', example: 'CRM … [O]' }); // description before key
  });

  it('names what was written', () => {
    expect(problemOf('crm Offen [O]').found).toBe('crm');
    expect(problemOf('CRM Offen (O)').found).toBe('(O)');
    expect(problemOf('CRM Offen [Q]').status).toBe('Q');
    expect(problemOf('CRM Offen [o]').status).toBe('o');
  });

  it('lists the status keys sorted', () => {
    expect(problemOf('CRM Offen').statusKeys).toEqual(['E', 'I', 'O', 'WV']);
  });

  it('keeps a description in other brackets when no status key is in them', () => {
    expect(problemOf('CRM Kunden (Nord)').code).toBe('NO_STATUS');
  });

  it('takes the first key for examples when the CRM has no O, and "…" when it has no keys at all', () => {
    expect(problemOf('CRM Offen', new Set(['I', 'E'])).example).toBe('CRM Offen [E]');
    expect(problemOf('CRM Offen [O]', new Set())).toMatchObject({ code: 'UNKNOWN_STATUS', example: 'CRM Offen […]' });
  });

  it('never throws, and its example for any broken name is itself a valid name', () => {
    const unit = fc.constantFrom(...'CRMcrmOoEeIxä ()[]'.split(''), '\t', '\u00a0', 'WV');
    const name = fc.oneof(
      fc.string({ unit, maxLength: 16 }),
      fc.string({ unit, maxLength: 16 }).map((rest) => `CRM${rest}`),
      fc.string({ unit, maxLength: 16 }).map((rest) => `CRM ${rest}`),
    );
    fc.assert(
      fc.property(name, (folder) => {
        const reading = parseImportFolderName(folder, statusKeys);
        if (reading.ok) return;
        expect(reading.problem.folder).toBe(folder);
        const example = parseImportFolderName(reading.problem.example ?? '', statusKeys);
        expect(example.ok, `example for ${JSON.stringify(folder)}: ${reading.problem.example}`).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('folder problem messages', () => {
  it('has a message in each language for every code, and no other', () => {
    for (const catalog of Object.values(catalogs)) {
      expect(Object.keys(catalog.folderProblems).sort()).toEqual([...FOLDER_NAME_PROBLEM_CODES].sort());
    }
  });

  it('says in English what is missing and how the name should look', () => {
    expect(folderProblemMessage(problemOf('CRM Offen', new Set(['I', 'O', 'E'])), 'en')).toBe(
      'Folder "CRM Offen" is not imported from: the status key in square brackets is missing at the end of its name, e.g. "CRM Offen [O]". The status keys in the CRM are E, I, O.',
    );
  });

  it('says it in German too', () => {
    expect(folderProblemMessage(problemOf('CRM Offen', new Set(['I', 'O', 'E'])), 'de')).toBe(
      'Aus dem Ordner „CRM Offen“ wird nicht importiert: Am Ende des Namens fehlt der Statusschlüssel in eckigen Klammern, z. B. „CRM Offen [O]“. Die Statusschlüssel im CRM sind E, I, O.',
    );
  });

  it.each<[string, string]>([
    ['crm Offen [O]', 'Folder "crm Offen [O]" is not imported from: its name begins with "crm", but it must begin with "CRM" in capital letters, e.g. "CRM Offen [O]".'],
    ['CRM Offen [X]', 'Folder "CRM Offen [X]" is not imported from: the CRM has no status key "X". Use one of E, I, O, WV, e.g. "CRM Offen [O]".'],
    ['CRM Offen [o]', 'Folder "CRM Offen [o]" is not imported from: the CRM has no status key "o" (upper and lower case must be as in the CRM), e.g. "CRM Offen [O]".'],
    ['CRM [E] Erledigt', 'Folder "CRM [E] Erledigt" is not imported from: the status key in square brackets must come at the very end of its name, e.g. "CRM Erledigt [E]".'],
    ['CRM  [E]', 'Folder "CRM  [E]" is not imported from: there is no description between "CRM " and the status key, e.g. "CRM Done [E]".'],
    ['CRM\tOffen [O]', 'Folder "CRM\tOffen [O]" is not imported from: after "CRM" there must be one ordinary space, not a tab or another kind of blank. Type it again, e.g. "CRM Offen [O]".'],
    ['CRM Offen (O)', 'Folder "CRM Offen (O)" is not imported from: the status key must be in square brackets, not written as "(O)", e.g. "CRM Offen [O]".'],
  ])('English for %j', (name, message) => {
    expect(folderProblemMessage(problemOf(name), 'en')).toBe(message);
  });

  it.each<[string, string]>([
    ['CRM Offen [X]', 'Aus dem Ordner „CRM Offen [X]“ wird nicht importiert: Den Statusschlüssel „X“ gibt es im CRM nicht. Verwenden Sie einen dieser Schlüssel: E, I, O, WV, z. B. „CRM Offen [O]“.'],
    ['CRM  Offen [O]', 'Aus dem Ordner „CRM  Offen [O]“ wird nicht importiert: Nach „CRM“ muss genau ein Leerzeichen stehen, nicht mehrere, z. B. „CRM Offen [O]“.'],
  ])('German for %j', (name, message) => {
    expect(folderProblemMessage(problemOf(name), 'de')).toBe(message);
  });

  const everyField = (code: FolderNameProblemCode): FolderNameProblem => ({
    code,
    folder: 'CRM Beispiel',
    status: 'Q',
    found: 'crm',
    example: 'CRM Beispiel [O]',
    statusKeys: ['E', 'I', 'O'],
  });

  it.each(FOLDER_NAME_PROBLEM_CODES)('%s: names the folder and leaves no placeholder, in both languages', (code) => {
    for (const lang of ['en', 'de'] as const) {
      const message = folderProblemMessage(everyField(code), lang);
      // A missing Import folder has no folder of its own to name: the message names the one it looked for.
      expect(message).toContain(code === 'IMPORT_FOLDER_MISSING' ? 'Import folder' : 'CRM Beispiel');
      expect(message).not.toMatch(/\{\{|\}\}/);
    }
  });

  it('names the folder and fills every placeholder for any parsed name', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 24 }), (folder) => {
        const reading = parseImportFolderName(folder, statusKeys);
        if (reading.ok) return;
        for (const lang of ['en', 'de'] as const) {
          const message = folderProblemMessage(reading.problem, lang);
          expect(message).toContain(folder);
          expect(message).not.toMatch(/\{\{\s*\w+\s*\}\}/);
        }
      }),
    );
  });

  it('hands the catalog key and its values to an i18next-style t', () => {
    const calls: Array<[string, Record<string, string> | undefined]> = [];
    const message = describeFolderProblem(problemOf('CRM Offen [X]'), (key, vars) => {
      calls.push([key, vars]);
      return 'translated';
    });
    expect(message).toBe('translated');
    expect(calls).toEqual([
      [
        'folderProblems.UNKNOWN_STATUS',
        {
          folder: 'CRM Offen [X]',
          importFolder: 'Import folder',
          example: 'CRM Offen [O]',
          found: '',
          status: 'X',
          statusKeys: 'E, I, O, WV',
        },
      ],
    ]);
  });
});
