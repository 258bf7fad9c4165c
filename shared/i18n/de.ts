/** German UI texts. Typed as `Messages`, so it cannot miss or invent a key of the English reference. */
import type { Messages } from './en';

export const de: Messages = {
  app: {
    name: 'CRM Companion',
  },
  common: {
    backToStart: 'Zurück zur Startseite',
    loading: 'Wird geladen…',
  },
  shell: {
    fileMenu: 'Datei',
    activitySynchronization: 'Aktivitätensynchronisation…',
    userPreferences: 'Benutzereinstellungen…',
  },
  demo: {
    title: 'Demo:',
    message: 'Die App arbeitet mit einer lokalen Outlook-Sandbox und Beispieldaten – ein echtes Postfach wird nicht angefasst.',
  },
  start: {
    title: 'Willkommen bei CRM Companion',
    intro: 'Hält Ihre CRM-Aktivitäten und Microsoft Outlook auf demselben Stand: E-Mails, Termine und Aufgaben.',
    loading: 'App-Informationen werden geladen…',
    loadFailed: 'Die App-Informationen konnten nicht geladen werden.',
    retry: 'Erneut versuchen',
    version: 'Version {{version}}',
    mode: {
      label: 'Läuft als',
      desktop: 'Desktop-App',
      browser: 'Browser-Tab',
    },
    groupware: {
      label: 'Outlook-Verbindung',
      notConfigured: 'nicht eingerichtet',
    },
    crm: {
      heading: 'CRM-Daten',
      employees: 'Mitarbeiter',
      businessPartners: 'Geschäftspartner',
      contactPersons: 'Ansprechpartner',
      activities: 'Aktivitäten',
    },
  },
  sync: {
    title: 'Aktivitätensynchronisation',
    notAvailable: 'Der Synchronisations-Assistent ist in dieser Version noch nicht verfügbar.',
  },
  preferences: {
    title: 'Benutzereinstellungen',
    notAvailable: 'Die Benutzereinstellungen lassen sich in dieser Version noch nicht bearbeiten.',
  },
  activities: {
    title: 'Aktivitäten',
    activityTitle: 'Aktivität {{id}}',
    notAvailable: 'Aktivitäten lassen sich in dieser Version noch nicht anzeigen.',
  },
  notFound: {
    title: 'Seite nicht gefunden',
    message: 'Unter dieser Adresse gibt es keine Seite.',
  },
  notices: {
    showActivities: 'Aktivitäten anzeigen',
    dismiss: 'Schließen',
  },
};
