/**
 * The areas a synchronization can cover. The wizard lists mails; appointments and tasks are synchronized by the
 * automatic synchronization and the command line (electron/engine/two-way) but not listed in the wizard yet, and
 * the wizard's candidates say so in a warning instead of silently showing less than asked.
 */
import type { Locale } from '../../shared/contract';
import type { Problem, SyncArea } from '../../shared/sync/mail-import-types';

export const AREA_NOT_SYNCHRONIZED = 'AREA_NOT_SYNCHRONIZED';

const NOT_YET: Readonly<Record<Locale, Readonly<Record<Exclude<SyncArea, 'mails'>, string>>>> = {
  en: {
    appointments: 'Appointments are not listed in the wizard yet: the automatic synchronization keeps them in step with Outlook.',
    tasks: 'Tasks are not listed in the wizard yet: the automatic synchronization keeps them in step with Outlook.',
  },
  de: {
    appointments: 'Termine listet der Assistent noch nicht: Die automatische Synchronisation gleicht sie mit Outlook ab.',
    tasks: 'Aufgaben listet der Assistent noch nicht: Die automatische Synchronisation gleicht sie mit Outlook ab.',
  },
};

export function includesMails(areas: readonly SyncArea[]): boolean {
  return areas.includes('mails');
}

/** One warning per requested area this version does not synchronize, in the order asked. */
export function notSynchronizedWarnings(areas: readonly SyncArea[], lang: Locale = 'en'): Problem[] {
  const unsupported = [...new Set(areas)].filter((area): area is Exclude<SyncArea, 'mails'> => area !== 'mails');
  return unsupported.map((area) => ({ code: AREA_NOT_SYNCHRONIZED, message: NOT_YET[lang][area] }));
}
