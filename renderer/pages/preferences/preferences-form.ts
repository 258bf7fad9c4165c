/**
 * The preferences page's form, as pure rules: what the user is editing (text fields as typed), which fields
 * changed against the stored preferences, and which typed values cannot be saved and why. The one schema in
 * shared/prefs decides what is valid; this file only turns its verdict into a problem the page can put in words.
 */
import { Preferences, type PreferencesPatch, type ResultView, type UiLanguage } from '../../../shared/prefs/preferences';

/** What the form holds: the preferences, with the two typed fields kept as text until they are valid. */
export interface PreferencesForm {
  areas: { mails: boolean; tasks: boolean; appointments: boolean };
  mailsFromImportFolder: boolean;
  automaticSync: boolean;
  /** As typed; saved as a whole number of minutes. */
  syncIntervalMinutes: string;
  syncWhenActivityWindowOpens: boolean;
  resultView: ResultView;
  /** As typed; empty means "no Web Client" (null). */
  webClientBaseUrl: string;
  documentsStep: boolean;
  language: UiLanguage;
}

/** The fields the user types into, the only ones that can hold a value that cannot be saved. */
export type TypedField = 'syncIntervalMinutes' | 'webClientBaseUrl';

export type FieldProblem =
  | { field: 'syncIntervalMinutes'; kind: 'notAWholeNumber' | 'outOfRange' }
  | { field: 'webClientBaseUrl'; kind: 'notHttp' | 'notAUrl' };

/** The interval's bounds, read from the schema so the message and the check cannot drift apart. */
export const INTERVAL_MINUTES = {
  min: Preferences.shape.syncIntervalMinutes.minValue ?? 1,
  max: Preferences.shape.syncIntervalMinutes.maxValue ?? Number.MAX_SAFE_INTEGER,
};

export function formOf(preferences: Preferences): PreferencesForm {
  return {
    ...preferences,
    areas: { ...preferences.areas },
    syncIntervalMinutes: String(preferences.syncIntervalMinutes),
    webClientBaseUrl: preferences.webClientBaseUrl ?? '',
  };
}

type Parsed<K extends TypedField> = { ok: true; value: Preferences[K] } | { ok: false; problem: Extract<FieldProblem, { field: K }> };

export function parseInterval(text: string): Parsed<'syncIntervalMinutes'> {
  const trimmed = text.trim();
  if (!/^\d+$/.test(trimmed)) return { ok: false, problem: { field: 'syncIntervalMinutes', kind: 'notAWholeNumber' } };
  const parsed = Preferences.shape.syncIntervalMinutes.safeParse(Number(trimmed));
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, problem: { field: 'syncIntervalMinutes', kind: 'outOfRange' } };
}

/** Empty → null (links open in CRM Companion); otherwise the schema's normalized address (trimmed, no trailing slash). */
export function parseWebClientUrl(text: string): Parsed<'webClientBaseUrl'> {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: true, value: null };
  if (!/^https?:\/\//i.test(trimmed)) return { ok: false, problem: { field: 'webClientBaseUrl', kind: 'notHttp' } };
  const parsed = Preferences.shape.webClientBaseUrl.safeParse(trimmed);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, problem: { field: 'webClientBaseUrl', kind: 'notAUrl' } };
}

export interface FormDiff {
  /** The fields whose (valid) value differs from the stored one; `areas` travels whole. */
  patch: PreferencesPatch;
  /** Typed values that cannot be saved, in the order the fields appear on the page. */
  problems: FieldProblem[];
  /** Anything the user would lose by leaving: a changed field, or a typed value that differs and is invalid. */
  dirty: boolean;
}

/** Compares the form with the stored preferences. A field counts as changed by its value, not its spelling. */
export function diffForm(saved: Preferences, form: PreferencesForm): FormDiff {
  const patch: PreferencesPatch = {};
  const problems: FieldProblem[] = [];

  const areasChanged = (Object.keys(saved.areas) as Array<keyof Preferences['areas']>).some((area) => saved.areas[area] !== form.areas[area]);
  if (areasChanged) patch.areas = { ...form.areas };
  if (form.mailsFromImportFolder !== saved.mailsFromImportFolder) patch.mailsFromImportFolder = form.mailsFromImportFolder;
  if (form.automaticSync !== saved.automaticSync) patch.automaticSync = form.automaticSync;

  const interval = parseInterval(form.syncIntervalMinutes);
  if (!interval.ok) problems.push(interval.problem);
  else if (interval.value !== saved.syncIntervalMinutes) patch.syncIntervalMinutes = interval.value;

  if (form.syncWhenActivityWindowOpens !== saved.syncWhenActivityWindowOpens) patch.syncWhenActivityWindowOpens = form.syncWhenActivityWindowOpens;
  if (form.resultView !== saved.resultView) patch.resultView = form.resultView;

  const url = parseWebClientUrl(form.webClientBaseUrl);
  if (!url.ok) problems.push(url.problem);
  else if (url.value !== saved.webClientBaseUrl) patch.webClientBaseUrl = url.value;

  if (form.documentsStep !== saved.documentsStep) patch.documentsStep = form.documentsStep;
  if (form.language !== saved.language) patch.language = form.language;

  // A stored value is always valid, so a problem can only come from an edit.
  return { patch, problems, dirty: problems.length > 0 || Object.keys(patch).length > 0 };
}
