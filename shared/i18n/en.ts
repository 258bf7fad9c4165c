/**
 * English UI texts: the reference catalog. Every key added here must be added to de.ts too — its `Messages`
 * annotation makes a missing (or stray) German key a compile error. i18next interpolates `{{name}}`.
 */
export const en = {
  app: {
    name: 'CRM Companion',
  },
  common: {
    backToStart: 'Back to the start page',
    loading: 'Loading…',
  },
  shell: {
    fileMenu: 'File',
    activitySynchronization: 'Activity synchronization…',
    userPreferences: 'User preferences…',
  },
  demo: {
    title: 'Demo:',
    message: 'running against a local Outlook sandbox with sample data — nothing here touches a real mailbox.',
  },
  start: {
    title: 'Welcome to CRM Companion',
    intro: 'Keeps your CRM activities and Microsoft Outlook in step: mails, appointments and tasks.',
    loading: 'Loading app information…',
    loadFailed: 'App information could not be loaded.',
    retry: 'Try again',
    version: 'Version {{version}}',
    mode: {
      label: 'Running as',
      desktop: 'Desktop app',
      browser: 'Browser tab',
    },
    groupware: {
      label: 'Outlook connection',
      notConfigured: 'not configured',
    },
    crm: {
      heading: 'CRM data',
      employees: 'Employees',
      businessPartners: 'Business partners',
      contactPersons: 'Contact persons',
      activities: 'Activities',
    },
  },
  sync: {
    title: 'Activity synchronization',
    notAvailable: 'The synchronization wizard is not available in this version yet.',
  },
  preferences: {
    title: 'User preferences',
    notAvailable: 'User preferences cannot be edited in this version yet.',
  },
  activities: {
    title: 'Activities',
    activityTitle: 'Activity {{id}}',
    notAvailable: 'Activities cannot be shown in this version yet.',
  },
  notFound: {
    title: 'Page not found',
    message: 'There is no page at this address.',
  },
  notices: {
    showActivities: 'Show activities',
    dismiss: 'Dismiss',
  },
} as const;

/** The shape every catalog must have: the reference's keys, any wording. */
export type Messages = Wording<typeof en>;

type Wording<T> = { readonly [K in keyof T]: T[K] extends string ? string : Wording<T[K]> };
