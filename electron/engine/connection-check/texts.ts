/**
 * The connection check's sentences, in German and English (the caller's language), as the mail import's
 * texts.ts has its own: what each check found and what to do about it. Folder-name problems are not here: they
 * come from the shared grammar's catalog, worded as the import reports them.
 */
import type { Locale } from '../../../shared/contract';
import type { CheckedArea, Permission } from './permissions';

export type CheckId = 'signIn' | 'mailbox' | 'employee' | 'importFolder' | 'archiveFolder' | 'calendar' | 'taskList' | 'permissions';

const TITLES: Readonly<Record<Locale, Record<CheckId, string>>> = {
  en: {
    signIn: 'Sign-in',
    mailbox: 'Mailbox',
    employee: 'CRM employee',
    importFolder: 'Import folder',
    archiveFolder: 'Archive folder',
    calendar: 'Calendar',
    taskList: 'To Do list',
    permissions: 'Permissions',
  },
  de: {
    signIn: 'Anmeldung',
    mailbox: 'Postfach',
    employee: 'Mitarbeiter im CRM',
    importFolder: 'Importordner',
    archiveFolder: 'Ablageordner',
    calendar: 'Kalender',
    taskList: 'Aufgabenliste',
    permissions: 'Berechtigungen',
  },
};

/** What the check tried to read, for the sentences about a refused or failed read. */
const AREAS: Readonly<Record<Locale, Record<CheckedArea, string>>> = {
  en: { mailbox: 'the mailbox', folders: 'the mail folders', calendar: 'the calendar', tasks: 'the To Do lists' },
  de: { mailbox: 'das Postfach', folders: 'die E-Mail-Ordner', calendar: 'den Kalender', tasks: 'die Aufgabenlisten' },
};

const list = (lang: Locale, items: readonly string[]) =>
  items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} ${lang === 'de' ? 'und' : 'and'} ${items.at(-1) ?? ''}`;

const status = (code: string | undefined, httpStatus: number | undefined) => [httpStatus, code].filter((part) => part !== undefined).join(' ');

export const checkTexts = {
  title: (lang: Locale, id: CheckId) => TITLES[lang][id],
  unexpected: (lang: Locale, reason: string) => (lang === 'de' ? `Die Prüfung ist unerwartet fehlgeschlagen: ${reason}` : `The check failed unexpectedly: ${reason}`),
  skipped: (lang: Locale, failed: string) =>
    lang === 'de' ? `Nicht geprüft, weil „${failed}“ fehlgeschlagen ist.` : `Not checked, because "${failed}" failed.`,

  // Sign-in
  signedIn: (lang: Locale, url: string) =>
    lang === 'de' ? `Microsoft Graph unter ${url} hat die Anmeldung angenommen.` : `Microsoft Graph at ${url} accepted the sign-in.`,
  notConfigured: (lang: Locale) => (lang === 'de' ? 'Es ist kein Outlook-Konto eingerichtet.' : 'No Outlook account is configured.'),
  notConfiguredFix: (lang: Locale) =>
    lang === 'de'
      ? 'Richten Sie das Outlook-Konto ein: starten Sie mit --graph-url URL --token TOKEN (die Anmeldung mit einem Microsoft-365-Konto folgt in den Einstellungen).'
      : 'Set up the Outlook account: start with --graph-url URL --token TOKEN (signing in with a Microsoft 365 account comes with the preferences).',
  urlInvalid: (lang: Locale, url: string, reason: string) =>
    lang === 'de' ? `Die Microsoft-Graph-Adresse ${url} ist nicht verwendbar: ${reason}` : `The Microsoft Graph address ${url} cannot be used: ${reason}`,
  urlInvalidFix: (lang: Locale) =>
    lang === 'de' ? 'Geben Sie die Serveradresse an, z. B. https://graph.microsoft.com.' : 'Give the server root, e.g. https://graph.microsoft.com.',
  caUnreadable: (lang: Locale, reason: string) =>
    lang === 'de' ? `Die Zertifikatsdatei (CA) kann nicht gelesen werden: ${reason}` : `The CA certificate file cannot be read: ${reason}`,
  caUnreadableFix: (lang: Locale) =>
    lang === 'de' ? 'Prüfen Sie den Pfad der Zertifikatsdatei (--ca DATEI).' : 'Check the path of the certificate file (--ca FILE).',
  signInFailed: (lang: Locale, reason: string) => (lang === 'de' ? `Die Anmeldung ist fehlgeschlagen: ${reason}` : `Signing in failed: ${reason}`),
  refused: (lang: Locale, url: string, code: string | undefined, httpStatus: number | undefined) =>
    lang === 'de'
      ? `Microsoft Graph unter ${url} hat die Anmeldung abgelehnt (${status(code, httpStatus)}): das Zugriffstoken ist ungültig oder abgelaufen.`
      : `Microsoft Graph at ${url} refused the sign-in (${status(code, httpStatus)}): the access token is invalid or has expired.`,
  signInAgain: (lang: Locale) =>
    lang === 'de' ? 'Melden Sie sich erneut an (oder geben Sie ein gültiges Token an).' : 'Sign in again (or give a valid token).',
  unreachable: (lang: Locale, url: string, reason: string) =>
    lang === 'de' ? `Microsoft Graph unter ${url} ist nicht erreichbar: ${reason}` : `Microsoft Graph at ${url} cannot be reached: ${reason}`,
  unreachableFix: (lang: Locale) =>
    lang === 'de'
      ? 'Prüfen Sie die Adresse und die Netzwerkverbindung und prüfen Sie dann erneut.'
      : 'Check the address and the network connection, then check again.',
  untrustedFix: (lang: Locale) =>
    lang === 'de'
      ? 'Dem Zertifikat des Servers wird nicht vertraut: geben Sie das CA-Zertifikat an (--ca DATEI).'
      : 'The server’s certificate is not trusted: give its CA certificate (--ca FILE).',

  // Reads
  mailboxOf: (lang: Locale, name: string | null, address: string) =>
    lang === 'de' ? `Das Postfach von ${name ?? address} (${address}).` : `The mailbox of ${name ?? address} (${address}).`,
  denied: (lang: Locale, area: CheckedArea, code: string | undefined, permission: Permission) =>
    lang === 'de'
      ? `Outlook verweigert den Zugriff auf ${AREAS.de[area]} (403${code ? ` ${code}` : ''}): der App fehlt die Berechtigung ${permission}.`
      : `Outlook refused access to ${AREAS.en[area]} (403${code ? ` ${code}` : ''}): the app lacks the permission ${permission}.`,
  grantFix: (lang: Locale, permissions: readonly Permission[]) =>
    lang === 'de'
      ? `Bitten Sie Ihre Administration, der App die delegierte Microsoft-Graph-Berechtigung ${list(lang, permissions)} zu erteilen (Entra ID › App-Registrierungen › API-Berechtigungen, mit Administratorzustimmung), und melden Sie sich dann erneut an.`
      : `Ask your administrator to grant the app the delegated Microsoft Graph permission ${list(lang, permissions)} (Entra ID › App registrations › API permissions, with admin consent), then sign in again.`,
  readFailed: (lang: Locale, area: CheckedArea, reason: string) =>
    lang === 'de' ? `${capital(AREAS.de[area])} konnte nicht gelesen werden: ${reason}` : `${capital(AREAS.en[area])} could not be read: ${reason}`,
  readFailedFix: (lang: Locale) =>
    lang === 'de' ? 'Prüfen Sie in einigen Minuten erneut; bleibt der Fehler, wenden Sie sich an Ihre Administration.' : 'Check again in a few minutes; if it stays, ask your administrator.',

  // Employee
  employeeFound: (lang: Locale, name: string, key: string) =>
    lang === 'de' ? `Das Postfach gehört zum Mitarbeiter ${name} (${key}).` : `The mailbox belongs to the employee ${name} (${key}).`,
  employeeMissing: (lang: Locale, address: string) =>
    lang === 'de'
      ? `Das Postfach ${address} gehört zu keinem Mitarbeiter im CRM: für niemanden kann synchronisiert werden.`
      : `The mailbox ${address} matches no CRM employee, so there is nobody to synchronize for.`,
  employeeMissingFix: (lang: Locale, address: string) =>
    lang === 'de' ? `Tragen Sie ${address} im CRM als E-Mail-Adresse des Mitarbeiters ein.` : `Enter ${address} as the employee’s e-mail address in the CRM.`,
  employeeAmbiguous: (lang: Locale, address: string) =>
    lang === 'de' ? `Das Postfach ${address} passt zu mehreren Mitarbeitern im CRM.` : `The mailbox ${address} matches several CRM employees.`,
  employeeAmbiguousFix: (lang: Locale, address: string) =>
    lang === 'de' ? `Lassen Sie ${address} nur bei einem Mitarbeiter stehen.` : `Keep ${address} with one employee only.`,

  // Folders
  importFolderFound: (lang: Locale, subfolders: number) =>
    lang === 'de'
      ? `„Import folder“ liegt direkt unter dem Posteingang${subfolders === 0 ? ', ohne Unterordner: seine E-Mails werden mit Status I importiert.' : ` und hat ${subfolders} Unterordner.`}`
      : `"Import folder" is directly under the Inbox${subfolders === 0 ? ', with no subfolders: its mails are imported with status I.' : ` and has ${subfolders} subfolder${subfolders === 1 ? '' : 's'}.`}`,
  createImportFolder: (lang: Locale) =>
    lang === 'de' ? 'Legen Sie in Outlook direkt unter dem Posteingang den Ordner „Import folder“ an.' : 'In Outlook, create the folder "Import folder" directly under the Inbox.',
  renameImportFolder: (lang: Locale, folder: string) =>
    lang === 'de' ? `Benennen Sie „${folder}“ in Outlook in „Import folder“ um.` : `Rename "${folder}" to "Import folder" in Outlook.`,
  subfolderOk: (lang: Locale, key: string, label: string | null) =>
    lang === 'de'
      ? `E-Mails aus diesem Ordner werden mit Status ${key}${label ? ` (${label})` : ''} importiert.`
      : `Mails filed here are imported with status ${key}${label ? ` (${label})` : ''}.`,
  renameSubfolder: (lang: Locale, example: string) =>
    lang === 'de' ? `Benennen Sie den Ordner in Outlook um, z. B. in „${example}“.` : `Rename the folder in Outlook, e.g. to "${example}".`,
  archivePresent: (lang: Locale, name: string) =>
    lang === 'de'
      ? `„${name}“ liegt unter dem Posteingang: importierte E-Mails werden dorthin verschoben.`
      : `"${name}" is under the Inbox: imported mails are moved there.`,
  archiveLater: (lang: Locale, name: string) =>
    lang === 'de'
      ? `„${name}“ gibt es noch nicht: der Ordner wird beim ersten Import unter dem Posteingang angelegt.`
      : `"${name}" is not there yet: it will be created under the Inbox at the first import.`,

  // Calendar and To Do
  calendarRead: (lang: Locale, start: string, end: string) =>
    lang === 'de'
      ? `Der Kalender kann vom ${start} bis zum ${end} gelesen werden (der Zeitraum der Synchronisation).`
      : `The calendar can be read from ${start} to ${end} (the synchronization’s window).`,
  taskListFound: (lang: Locale, name: string) =>
    lang === 'de'
      ? `Die Aufgabenliste „${name}“ ist die Standardliste: mit ihr werden Aufgaben und Wiedervorlagen synchronisiert.`
      : `The To Do list "${name}" is the default list: tasks and follow-ups are synchronized with it.`,

  // Permissions
  permissionsDenied: (lang: Locale, permissions: readonly Permission[]) =>
    lang === 'de'
      ? `Es fehlt die Berechtigung ${list(lang, permissions)}: ohne sie kann nicht synchronisiert werden.`
      : `The permission ${list(lang, permissions)} is missing: the synchronization cannot work without it.`,
  permissionsFromToken: (lang: Locale, permissions: readonly Permission[]) =>
    lang === 'de'
      ? `Die Anmeldung erteilt ${list(lang, permissions)} nicht: ohne sie kann nicht synchronisiert werden.`
      : `The sign-in does not grant ${list(lang, permissions)}: the synchronization cannot work without it.`,
  permissionsGranted: (lang: Locale, permissions: readonly Permission[]) =>
    lang === 'de' ? `Die Anmeldung erteilt alles, was die Synchronisation braucht: ${list(lang, permissions)}.` : `The sign-in grants all the synchronization needs: ${list(lang, permissions)}.`,
  permissionsUnknown: (lang: Locale, unread: readonly string[]) =>
    lang === 'de'
      ? `Outlook hat kein Lesen verweigert, aber ${list(lang, unread.map((t) => `„${t}“`))} konnte nicht gelesen werden: die Berechtigungen dafür sind noch unbekannt.`
      : `Outlook refused no read, but ${list(lang, unread.map((t) => `"${t}"`))} could not be read: the permissions there are not known yet.`,
  permissionsReadsAllowed: (lang: Locale) =>
    lang === 'de'
      ? 'Outlook hat jedes Lesen erlaubt, das die Synchronisation braucht; ob Schreiben erlaubt ist, zeigt die erste Synchronisation.'
      : 'Outlook allowed every read the synchronization needs; whether it may write shows at the first synchronization.',
};

function capital(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
