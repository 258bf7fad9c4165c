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

/** The file underneath: conf in plain Node, electron-store on the desktop. */
export interface PreferencesFile {
  readonly path: string;
  read(): unknown;
  write(preferences: Preferences): void;
}

export interface PreferencesStore {
  state(): PreferencesState;
  /** Validates and applies a change; throws a ZodError (the caller's bad input) when it is invalid. */
  update(patch: unknown): Preferences;
  dismissNotice(): void;
}

/** Version of the stored layout; conf runs `PREFERENCE_MIGRATIONS` up to it. */
export const PREFERENCES_FILE_VERSION = '1.0.0';
/** Upgrades of stored preferences by layout version (none yet: 1.0.0 is the first layout). */
export const PREFERENCE_MIGRATIONS: Record<string, (store: Conf<Record<string, unknown>>) => void> = {};

export const PREFERENCES_FILE_NAME = 'preferences';

export function confPreferencesFile(dir: string): PreferencesFile {
  const conf = new Conf<Record<string, unknown>>({
    cwd: dir,
    configName: PREFERENCES_FILE_NAME,
    // A broken file throws here (we back it up) instead of being silently overwritten.
    clearInvalidConfig: false,
    projectVersion: PREFERENCES_FILE_VERSION,
    migrations: PREFERENCE_MIGRATIONS,
    defaults: DEFAULT_PREFERENCES,
  });
  return {
    path: conf.path,
    read: () => conf.store,
    // set(), not `store =`: the store setter would drop conf's migration bookkeeping kept in the same file.
    write: (preferences) => conf.set(preferences),
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
  const { preferences: read, reset } = repairPreferences(withoutBookkeeping(file.read()));
  let current = read;
  if (reset.length > 0) {
    notice = { kind: 'repaired', backupPath: null, fields: reset };
    file.write(current);
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
  };
}

/** conf keeps its migration state in the same file (`__internal__`); it is not a preference. */
function withoutBookkeeping(stored: unknown): unknown {
  if (typeof stored !== 'object' || stored === null) return stored;
  const { __internal__: _internal, ...rest } = stored as Record<string, unknown>;
  return rest;
}
