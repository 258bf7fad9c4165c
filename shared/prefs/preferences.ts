/**
 * The user's preferences (DESIGN §3 *Preferences*), one schema for every front end: the wizard reads its
 * defaults from them, the preferences dialog edits them, the main side stores them (electron/prefs/). Pure: zod
 * only. Employee account and sign-in settings live with the account, not here.
 */
import { z } from 'zod';

/** What the wizard's last step shows after an import (the seed: "current import" unless the user chose otherwise). */
export const ResultView = z.enum(['currentImport', 'allImportedMails', 'summaryOnly']);
export type ResultView = z.infer<typeof ResultView>;

/** The UI language: the operating system's (German for any German locale, else English), or one chosen. */
export const UiLanguage = z.enum(['system', 'de', 'en']);
export type UiLanguage = z.infer<typeof UiLanguage>;

const webUrl = z
  .string()
  .trim()
  .url()
  .refine((url) => /^https?:\/\//i.test(url), { message: 'The Web Client address must start with http:// or https://' })
  .transform((url) => url.replace(/\/+$/, ''));

export const Preferences = z
  .object({
    /** Areas the wizard offers ticked and the automatic sync covers. */
    areas: z.object({ mails: z.boolean(), tasks: z.boolean(), appointments: z.boolean() }).strict(),
    /** *Mails from [Import folder]*: import mails from Import folder and its CRM subfolders. */
    mailsFromImportFolder: z.boolean(),
    automaticSync: z.boolean(),
    /** Minutes between automatic runs. */
    syncIntervalMinutes: z.number().int().min(5).max(24 * 60),
    /** *Activity synchronization when activity window is opened*: has no effect while automaticSync is on. */
    syncWhenActivityWindowOpens: z.boolean(),
    resultView: ResultView,
    /** Base URL of the CRM's Web Client; links to activities point there when set. */
    webClientBaseUrl: webUrl.nullable(),
    /** Administrative setting: the wizard's *Edit documents* step (category and keyword per attachment). */
    documentsStep: z.boolean(),
    language: UiLanguage,
  })
  .strict();
export type Preferences = z.infer<typeof Preferences>;

export const DEFAULT_PREFERENCES: Preferences = {
  areas: { mails: true, tasks: false, appointments: false },
  mailsFromImportFolder: true,
  automaticSync: false,
  syncIntervalMinutes: 15,
  syncWhenActivityWindowOpens: false,
  resultView: 'currentImport',
  webClientBaseUrl: null,
  documentsStep: true,
  language: 'system',
};

/** A change from the dialog: any subset of the fields (areas whole). */
export const PreferencesPatch = Preferences.partial().strict();
export type PreferencesPatch = z.input<typeof PreferencesPatch>;

/**
 * What happened to a stored preferences file that could not be used as it was: unreadable (not JSON) — kept
 * as a backup, defaults used; or repaired — the named fields were invalid and took their defaults.
 */
export const PreferencesNotice = z.object({
  kind: z.enum(['unreadable', 'repaired']),
  /** Where the unusable file was kept, for the user or support. */
  backupPath: z.string().nullable(),
  fields: z.array(z.string()),
});
export type PreferencesNotice = z.infer<typeof PreferencesNotice>;

/** The preferences as the main side hands them out, with a notice when the stored file had to be repaired. */
export const PreferencesState = z.object({
  preferences: Preferences,
  /** Set until the user has seen it (prefs.dismissNotice). */
  notice: PreferencesNotice.nullable(),
});
export type PreferencesState = z.infer<typeof PreferencesState>;

/** The seed: the activity-window trigger is switched off (and shown disabled) while automatic sync is on. */
export function syncsWhenActivityWindowOpens(p: Preferences): boolean {
  return !p.automaticSync && p.syncWhenActivityWindowOpens;
}

/**
 * Reads stored preferences field by field: a field that is missing or broken takes its default, the others are
 * kept (one bad value must not cost the user every other setting). Returns the fields that were reset.
 */
export function repairPreferences(stored: unknown): { preferences: Preferences; reset: Array<keyof Preferences> } {
  const whole = Preferences.safeParse(stored);
  if (whole.success) return { preferences: whole.data, reset: [] };
  const source = typeof stored === 'object' && stored !== null ? (stored as Record<string, unknown>) : {};
  const preferences: Record<string, unknown> = {};
  const reset: Array<keyof Preferences> = [];
  for (const key of Object.keys(DEFAULT_PREFERENCES) as Array<keyof Preferences>) {
    const field = Preferences.shape[key].safeParse(source[key]);
    preferences[key] = field.success ? field.data : DEFAULT_PREFERENCES[key];
    if (!field.success && key in source) reset.push(key);
  }
  return { preferences: Preferences.parse(preferences), reset };
}
