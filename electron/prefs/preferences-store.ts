/**
 * Where the preferences live: a JSON file in the app's data folder, written with `conf` (atomic writes,
 * version migrations); the desktop shell may pass `electron-store` — conf's Electron subclass, same options —
 * through the same PreferencesFile interface. What is read is checked against the one schema
 * (shared/prefs/preferences.ts). A file that is not JSON is kept as a backup and the defaults are used; a
 * field that is invalid takes its default and the others stay. Either way the app starts, and says what it did.
 */
import { renameSync } from 'node:fs';
import path from 'node:path';
import Conf from 'conf';
import {
  DEFAULT_PREFERENCES,
  Preferences,
  PreferencesPatch,
  repairPreferences,
  type PreferencesNotice,
  type PreferencesState,
} from '../../shared/prefs/preferences';
import { applyAccountPatch, DEFAULT_ACCOUNT_SETTINGS, readAccountSettings, type AccountSettings } from '../../shared/prefs/account';

/** The file underneath: conf in plain Node, electron-store on the desktop. */
export interface PreferencesFile {
  readonly path: string;
  read(): unknown;
  write(preferences: Preferences): void;
  /** The employee account's settings, under the key `account` of the same file. */
  writeAccount(account: AccountSettings): void;
}

export interface PreferencesStore {
  state(): PreferencesState;
  /** Validates and applies a change; throws a ZodError (the caller's bad input) when it is invalid. */
  update(patch: unknown): Preferences;
  dismissNotice(): void;
  /** The employee account's settings (sign-in endpoint, groupware user name). */
  account(): AccountSettings;
  /** Validates and applies a change; throws a ZodError when it is invalid (nothing is stored then). */
  updateAccount(patch: unknown): AccountSettings;
}

/** Version of the stored layout; conf runs `PREFERENCE_MIGRATIONS` up to it. */
export const PREFERENCES_FILE_VERSION = '1.1.0';
/** Upgrades of stored preferences by layout version. */
export const PREFERENCE_MIGRATIONS: Record<string, (store: Conf<Record<string, unknown>>) => void> = {
  // 1.1.0: the employee account's settings join the file (key `account`); a file from 1.0.0 has none yet.
  '1.1.0': (store) => {
    if (!store.has(ACCOUNT_KEY)) store.set(ACCOUNT_KEY, DEFAULT_ACCOUNT_SETTINGS);
  },
};

export const PREFERENCES_FILE_NAME = 'preferences';
const ACCOUNT_KEY = 'account';

export function confPreferencesFile(dir: string): PreferencesFile {
  const conf = new Conf<Record<string, unknown>>({
    cwd: dir,
    configName: PREFERENCES_FILE_NAME,
    // A broken file throws here (we back it up) instead of being silently overwritten.
    clearInvalidConfig: false,
    projectVersion: PREFERENCES_FILE_VERSION,
    migrations: PREFERENCE_MIGRATIONS,
    defaults: { ...DEFAULT_PREFERENCES, [ACCOUNT_KEY]: DEFAULT_ACCOUNT_SETTINGS },
  });
  return {
    path: conf.path,
    read: () => conf.store,
    // set(), not `store =`: the store setter would drop conf's migration bookkeeping kept in the same file.
    write: (preferences) => conf.set(preferences),
    writeAccount: (account) => conf.set(ACCOUNT_KEY, account),
  };
}

export function openPreferencesStore(dir: string, open: (dir: string) => PreferencesFile = confPreferencesFile): PreferencesStore {
  let file: PreferencesFile;
  let notice: PreferencesNotice | null = null;
  try {
    file = open(dir);
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
    // Not JSON (a crash mid-write by another program, a hand edit): keep it for the user, start from defaults.
    const broken = path.join(dir, `${PREFERENCES_FILE_NAME}.json`);
    const backupPath = path.join(dir, `${PREFERENCES_FILE_NAME}.broken-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
    renameSync(broken, backupPath);
    notice = { kind: 'unreadable', backupPath, fields: [] };
    file = open(dir);
  }
  const { [ACCOUNT_KEY]: storedAccount, ...storedPreferences } = asRecord(withoutBookkeeping(file.read()));
  const { preferences: read, reset } = repairPreferences(storedPreferences);
  let current = read;
  if (reset.length > 0) {
    notice = { kind: 'repaired', backupPath: null, fields: reset };
    file.write(current);
  }
  const { account: readAccount, repaired: accountRepaired } = readAccountSettings(storedAccount);
  let account = readAccount;
  if (accountRepaired) {
    notice = { kind: 'repaired', backupPath: null, fields: [...(notice?.fields ?? []), ACCOUNT_KEY] };
    file.writeAccount(account);
  }
  return {
    state: () => ({ preferences: current, notice }),
    update(patch) {
      const next = Preferences.parse({ ...current, ...PreferencesPatch.parse(patch) });
      file.write(next);
      current = next;
      return current;
    },
    dismissNotice() {
      notice = null;
    },
    account: () => account,
    updateAccount(patch) {
      const next = applyAccountPatch(account, patch);
      file.writeAccount(next);
      account = next;
      return account;
    },
  };
}

function asRecord(stored: unknown): Record<string, unknown> {
  return typeof stored === 'object' && stored !== null ? (stored as Record<string, unknown>) : {};
}

/** conf keeps its migration state in the same file (`__internal__`); it is not a preference. */
function withoutBookkeeping(stored: unknown): unknown {
  if (typeof stored !== 'object' || stored === null) return stored;
  const { __internal__: _internal, ...rest } = stored as Record<string, unknown>;
  return rest;
}
