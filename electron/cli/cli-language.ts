/**
 * The language of the sentences a sync writes into its warnings (folder problems, pending mails): the user's
 * locale as POSIX environments give it (LC_ALL over LC_MESSAGES over LANG), German or else English.
 */
import type { Locale } from '../../shared/contract';
import { pickLanguage } from '../../shared/i18n/language';

export function cliLanguage(env: NodeJS.ProcessEnv = process.env): Locale {
  const tag = [env.LC_ALL, env.LC_MESSAGES, env.LANG].find((value) => value !== undefined && value !== '');
  return pickLanguage(tag);
}
