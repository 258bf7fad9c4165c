import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import { DEFAULT_PREFERENCES, syncsWhenActivityWindowOpens } from '../../shared/prefs/preferences';
import { DEFAULT_ACCOUNT_SETTINGS } from '../../shared/prefs/account';
import { openPreferencesStore } from './preferences-store';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'crm-prefs-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const file = () => path.join(dir, 'preferences.json');
const stored = () => JSON.parse(readFileSync(file(), 'utf8')) as Record<string, unknown>;

describe('preferences store', () => {
  it('starts with the defaults (mails only, current import, documents step on) and keeps a change across restarts', () => {
    const first = openPreferencesStore(dir);
    expect(first.state()).toEqual({ preferences: DEFAULT_PREFERENCES, notice: null });
    first.update({ areas: { mails: true, tasks: true, appointments: false }, resultView: 'summaryOnly', webClientBaseUrl: 'https://crm.example.com/web/' });
    const again = openPreferencesStore(dir).state().preferences;
    expect(again).toMatchObject({ areas: { mails: true, tasks: true, appointments: false }, resultView: 'summaryOnly', webClientBaseUrl: 'https://crm.example.com/web' });
  });

  it('refuses an invalid change as a whole and keeps what was stored', () => {
    const store = openPreferencesStore(dir);
    for (const patch of [{ syncIntervalMinutes: 1 }, { webClientBaseUrl: 'ftp://crm.example.com' }, { resultView: 'everything' }, { colour: 'red' }]) {
      expect(() => store.update(patch)).toThrow(ZodError);
    }
    expect(openPreferencesStore(dir).state().preferences).toEqual(DEFAULT_PREFERENCES);
  });

  it('keeps a file that is not JSON as a backup, starts from the defaults and says so', () => {
    writeFileSync(file(), '{"areas": {"mails": tru');
    const store = openPreferencesStore(dir);
    const { preferences, notice } = store.state();
    expect(preferences).toEqual(DEFAULT_PREFERENCES);
    expect(notice).toMatchObject({ kind: 'unreadable', fields: [] });
    expect(readFileSync(notice?.backupPath ?? '', 'utf8')).toBe('{"areas": {"mails": tru');
    expect(readdirSync(dir).filter((name) => name.startsWith('preferences.broken-'))).toHaveLength(1);
    store.dismissNotice();
    expect(store.state().notice).toBeNull();
  });

  it('resets only the invalid fields of a readable file, keeps the others and names the reset ones', () => {
    writeFileSync(file(), JSON.stringify({ ...DEFAULT_PREFERENCES, resultView: 'bogus', areas: { mails: 'yes' }, automaticSync: true, syncIntervalMinutes: 30 }));
    const { preferences, notice } = openPreferencesStore(dir).state();
    expect(preferences).toMatchObject({ resultView: 'currentImport', areas: DEFAULT_PREFERENCES.areas, automaticSync: true, syncIntervalMinutes: 30 });
    expect(notice).toEqual({ kind: 'repaired', backupPath: null, fields: ['areas', 'resultView'] });
    // Repaired on disk too: the next start has nothing to report.
    expect(stored()).toMatchObject({ resultView: 'currentImport' });
    expect(openPreferencesStore(dir).state().notice).toBeNull();
  });
  it('reads a file written before the language preference existed: the system language, kept quietly, no notice', () => {
    const older: Partial<typeof DEFAULT_PREFERENCES> = { ...DEFAULT_PREFERENCES, resultView: 'summaryOnly' };
    delete older.language;
    writeFileSync(file(), JSON.stringify(older));
    const { preferences, notice } = openPreferencesStore(dir).state();
    expect(preferences).toEqual({ ...DEFAULT_PREFERENCES, resultView: 'summaryOnly', language: 'system' });
    expect(notice).toBeNull();
  });

  it('keeps a chosen language and refuses one without a catalog', () => {
    const store = openPreferencesStore(dir);
    store.update({ language: 'de' });
    expect(openPreferencesStore(dir).state().preferences.language).toBe('de');
    expect(() => store.update({ language: 'fr' })).toThrow(ZodError);
  });
});

describe('employee account settings (layout 1.1.0)', () => {
  it('adds the account to a file of layout 1.0.0 with the defaults and keeps its preferences, without a notice', () => {
    writeFileSync(file(), JSON.stringify({ ...DEFAULT_PREFERENCES, automaticSync: true, __internal__: { migrations: { version: '1.0.0' } } }));
    const store = openPreferencesStore(dir);
    expect(store.state()).toEqual({ preferences: { ...DEFAULT_PREFERENCES, automaticSync: true }, notice: null });
    expect(store.account()).toEqual(DEFAULT_ACCOUNT_SETTINGS);
    expect(stored()).toMatchObject({ account: DEFAULT_ACCOUNT_SETTINGS, __internal__: { migrations: { version: '1.1.0' } } });
  });

  it('keeps a change across restarts, field by field, and refuses an invalid one as a whole', () => {
    const store = openPreferencesStore(dir);
    store.updateAccount({ groupwareUserName: ' m.mueller@example.com ', signIn: { authority: 'https://login.microsoftonline.com/contoso.com/', clientId: 'abc' } });
    store.updateAccount({ signIn: { tenant: '' } });
    expect(() => store.updateAccount({ signIn: { authority: 'http://login.example.com' } })).toThrow(ZodError);
    expect(() => store.updateAccount({ password: 'x' })).toThrow(ZodError);
    expect(openPreferencesStore(dir).account()).toEqual({
      groupwareUserName: 'm.mueller@example.com',
      signIn: { authority: 'https://login.microsoftonline.com/contoso.com', clientId: 'abc', tenant: null },
    });
    // The preferences are untouched by the account's writes, and the other way round.
    store.update({ automaticSync: true });
    expect(openPreferencesStore(dir).account().groupwareUserName).toBe('m.mueller@example.com');
  });

  it('resets a damaged account to the defaults and names it in the notice', () => {
    writeFileSync(file(), JSON.stringify({ ...DEFAULT_PREFERENCES, account: { groupwareUserName: 42 } }));
    const store = openPreferencesStore(dir);
    expect(store.account()).toEqual(DEFAULT_ACCOUNT_SETTINGS);
    expect(store.state().notice).toEqual({ kind: 'repaired', backupPath: null, fields: ['account'] });
  });
});

describe('preference rules', () => {
  it('the activity-window trigger has no effect while automatic synchronization is on', () => {
    expect(syncsWhenActivityWindowOpens({ ...DEFAULT_PREFERENCES, syncWhenActivityWindowOpens: true })).toBe(true);
    expect(syncsWhenActivityWindowOpens({ ...DEFAULT_PREFERENCES, syncWhenActivityWindowOpens: true, automaticSync: true })).toBe(false);
  });
});
