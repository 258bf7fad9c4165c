/** Which UI language to start in. Pure, so the rule is testable without a browser. */
import type { Locale } from '../contract';

export const fallbackLanguage: Locale = 'en';

/** `de`, `de-DE`, `de-AT`, `de_CH`, … → German; anything else (or nothing) → English. */
export function pickLanguage(languageTag: string | undefined | null): Locale {
  return /^de(?:$|[-_])/i.test(languageTag?.trim() ?? '') ? 'de' : fallbackLanguage;
}
