/**
 * Menu and tray texts. The ones the renderer also shows come from the shared catalogs; the shell-only ones
 * live here, in both languages, until they move into shared/i18n.
 */
import type { Locale } from '../../shared/contract';
import { catalogs } from '../../shared/i18n/catalogs';

const own = {
  en: {
    quit: 'Quit',
    edit: 'Edit',
    view: 'View',
    help: 'Help',
    about: 'About CRM Companion',
    syncNow: 'Sync now',
    openActivities: 'Open activities',
  },
  de: {
    quit: 'Beenden',
    edit: 'Bearbeiten',
    view: 'Ansicht',
    help: 'Hilfe',
    about: 'Über CRM Companion',
    syncNow: 'Jetzt synchronisieren',
    openActivities: 'Aktivitäten öffnen',
  },
} as const satisfies Record<Locale, Record<string, string>>;

export interface ShellLabels {
  appName: string;
  file: string;
  activitySynchronization: string;
  activities: string;
  userPreferences: string;
  conflicts: string;
  connectionCheck: string;
  quit: string;
  edit: string;
  view: string;
  help: string;
  about: string;
  syncNow: string;
  openActivities: string;
}

export function shellLabels(locale: Locale): ShellLabels {
  const shared = catalogs[locale];
  return {
    appName: shared.app.name,
    file: shared.shell.fileMenu,
    activitySynchronization: shared.shell.activitySynchronization,
    activities: shared.shell.activities,
    userPreferences: shared.shell.userPreferences,
    conflicts: shared.shell.conflicts,
    connectionCheck: shared.shell.connectionCheck,
    ...own[locale],
  };
}
