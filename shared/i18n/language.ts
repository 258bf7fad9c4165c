/** Which UI language to start in. Pure, so the rule is testable without a browser. */
import type { Locale } from '../contract';
import type { UiLanguage } from '../prefs/preferences';

export const fallbackLanguage: Locale = 'en';

/** `de`, `de-DE`, `de-AT`, `de_CH`, … → German; anything else (or nothing) → English. */
export function pickLanguage(languageTag: string | undefined | null): Locale {
  return /^de(?:$|[-_])/i.test(languageTag?.trim() ?? '') ? 'de' : fallbackLanguage;
}

/** The language the UI shows: the one the preferences name, or the operating system's for `system`. */
export function uiLanguage(preference: UiLanguage, systemLanguageTag: string | undefined | null): Locale {
  return preference === 'system' ? pickLanguage(systemLanguageTag) : preference;
}
