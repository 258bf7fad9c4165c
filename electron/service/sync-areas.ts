/**
 * The areas a synchronization can cover. Mails are imported; appointments and tasks are accepted names (scripts
 * and preferences may already ask for them) but only synchronized once the two-way sync exists, and a run says
 * so in a warning instead of silently doing less than asked.
 */
import type { Locale } from '../../shared/contract';
import type { Problem, SyncArea } from '../../shared/sync/mail-import-types';

export const AREA_NOT_SYNCHRONIZED = 'AREA_NOT_SYNCHRONIZED';

const NOT_YET: Readonly<Record<Locale, Readonly<Record<Exclude<SyncArea, 'mails'>, string>>>> = {
  en: {
    appointments: 'Appointments are not synchronized yet: they come with the two-way synchronization.',
    tasks: 'Tasks are not synchronized yet: they come with the two-way synchronization.',
  },
  de: {
    appointments: 'Termine werden noch nicht synchronisiert: Sie kommen mit der Zwei-Wege-Synchronisation.',
    tasks: 'Aufgaben werden noch nicht synchronisiert: Sie kommen mit der Zwei-Wege-Synchronisation.',
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
