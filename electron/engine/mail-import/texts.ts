/**
 * The sentences the mail import writes into warnings and errors (the wizard, the tray notice and
 * `sync --json` show them as they are), in German and English. Codes are stable; callers branch on them.
 */
import type { MandatoryField } from '../../../shared/sync/mail-import-types';

export type Lang = 'de' | 'en';

/** A mail as people recognise it: "Offer 12" from a.schmidt@cursor.de. */
export interface MailLabel {
  subject: string | null;
  from: string | null;
}

const FIELD_NAMES: Record<Lang, Record<MandatoryField, string>> = {
  en: { type: 'type', status: 'status', subject: 'subject', employee: 'responsible employee', date: 'date' },
  de: { type: 'Art', status: 'Status', subject: 'Betreff', employee: 'zuständiger Mitarbeiter', date: 'Datum' },
};

function mail(lang: Lang, label: MailLabel): string {
  const subject = label.subject?.trim() ?? '';
  const named = subject === '' ? (lang === 'de' ? 'ohne Betreff' : 'without subject') : lang === 'de' ? `„${subject}“` : `"${subject}"`;
  const from = label.from ? (lang === 'de' ? ` von ${label.from}` : ` from ${label.from}`) : '';
  return lang === 'de' ? `Die E-Mail ${named}${from}` : `The mail ${named}${from}`;
}

function list(lang: Lang, items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${lang === 'de' ? 'und' : 'and'} ${items.at(-1) ?? ''}`;
}

function size(lang: Lang, bytes: number): string {
  const number = (n: number) => n.toFixed(1).replace('.', lang === 'de' ? ',' : '.');
  if (bytes >= 1024 * 1024) return `${number(bytes / (1024 * 1024))} MB`;
  if (bytes >= 1024) return `${number(bytes / 1024)} KB`;
  return `${bytes} ${lang === 'de' ? 'Byte' : 'bytes'}`;
}

export const texts = {
  missingFields: (lang: Lang, label: MailLabel, fields: readonly MandatoryField[]) => {
    const names = list(lang, fields.map((f) => FIELD_NAMES[lang][f]));
    return lang === 'de'
      ? `${mail(lang, label)} bleibt in Outlook und wird nicht importiert: ${names} fehlt. Ergänzen Sie es im Assistenten.`
      : `${mail(lang, label)} stays in Outlook and was not imported: its ${names} ${fields.length > 1 ? 'are' : 'is'} missing. Fill ${fields.length > 1 ? 'them' : 'it'} in with the wizard.`;
  },
  tooLarge: (lang: Lang, label: MailLabel, bytes: number, limit: number) =>
    lang === 'de'
      ? `${mail(lang, label)} bleibt in Outlook: ihre Anhänge sind zusammen ${size(lang, bytes)} groß, erlaubt sind ${size(lang, limit)}.`
      : `${mail(lang, label)} stays in Outlook: its attachments take ${size(lang, bytes)} together, more than the ${size(lang, limit)} allowed.`,
  gone: (lang: Lang, label: MailLabel) =>
    lang === 'de'
      ? `${mail(lang, label)} ist nicht mehr in Outlook (gelöscht oder verschoben) und wurde übersprungen.`
      : `${mail(lang, label)} is no longer in Outlook (deleted or moved) and was skipped.`,
  movedOut: (lang: Lang, label: MailLabel) =>
    lang === 'de'
      ? `${mail(lang, label)} liegt nicht mehr in einem Importordner und wurde übersprungen.`
      : `${mail(lang, label)} is no longer in an import folder and was skipped.`,
  notACandidate: (lang: Lang, messageId: string) =>
    lang === 'de'
      ? `Die ausgewählte E-Mail (${messageId}) ist kein Importkandidat mehr; aktualisieren Sie die Liste.`
      : `The selected mail (${messageId}) is no longer waiting to be imported; refresh the list.`,
  unknownKey: (lang: Lang, label: MailLabel, field: string, key: string) =>
    lang === 'de'
      ? `${mail(lang, label)} wurde nicht importiert: ${field} „${key}“ gibt es im CRM nicht.`
      : `${mail(lang, label)} was not imported: the ${field} "${key}" does not exist in the CRM.`,
  allocationMismatch: (lang: Lang, label: MailLabel, m: { field: string; key: string; partner: string }, activityPartner: string | null) =>
    lang === 'de'
      ? `${mail(lang, label)} wurde nicht importiert: ${m.field} „${m.key}“ gehört zum Geschäftspartner „${m.partner}“, die Aktivität aber ${activityPartner === null ? 'zu keinem' : `zu „${activityPartner}“`}.`
      : `${mail(lang, label)} was not imported: the ${m.field} "${m.key}" belongs to the business partner "${m.partner}", the activity ${activityPartner === null ? 'to none' : `to "${activityPartner}"`}.`,
  fetchFailed: (lang: Lang, label: MailLabel, reason: string) =>
    lang === 'de'
      ? `${mail(lang, label)} konnte nicht aus Outlook gelesen werden und bleibt dort: ${reason}`
      : `${mail(lang, label)} could not be read from Outlook and stays there: ${reason}`,
  folderSyncFailed: (lang: Lang, path: string, reason: string) =>
    lang === 'de'
      ? `Der Ordner „${path}“ konnte nicht mit Outlook abgeglichen werden: ${reason}`
      : `The folder "${path}" could not be read from Outlook: ${reason}`,
  detailsFailed: (lang: Lang, count: number, reason: string) =>
    lang === 'de'
      ? `${count} E-Mail(s) konnten nicht vollständig gelesen werden und werden beim nächsten Mal angezeigt: ${reason}`
      : `${count} mail(s) could not be read completely and will be listed next time: ${reason}`,
  archiveUnavailable: (lang: Lang, reason: string) =>
    lang === 'de'
      ? `Der Archivordner „CARMEN/EVI/TINA activities“ ist nicht erreichbar; importierte E-Mails werden beim nächsten Mal verschoben: ${reason}`
      : `The archive folder "CARMEN/EVI/TINA activities" cannot be reached; imported mails will be moved next time: ${reason}`,
  followUpDeferred: (lang: Lang, label: MailLabel, reason: string) =>
    lang === 'de'
      ? `${mail(lang, label)} ist importiert, wurde aber noch nicht in den Archivordner verschoben; das geschieht bei der nächsten Synchronisation: ${reason}`
      : `${mail(lang, label)} is imported but not yet moved to the archive folder; the next synchronization will do it: ${reason}`,
  followUpGone: (lang: Lang, label: MailLabel) =>
    lang === 'de'
      ? `${mail(lang, label)} ist importiert, war aber nicht mehr in Outlook, um sie zu verschieben.`
      : `${mail(lang, label)} is imported, but it was no longer in Outlook to be moved.`,
  followUpFailed: (lang: Lang, label: MailLabel, reason: string) =>
    lang === 'de'
      ? `${mail(lang, label)} ist importiert, konnte aber nicht gekennzeichnet oder verschoben werden: ${reason}`
      : `${mail(lang, label)} is imported, but could not be marked or moved in Outlook: ${reason}`,
  auth: (lang: Lang, reason: string) =>
    lang === 'de'
      ? `Outlook hat die Anmeldung abgelehnt; melden Sie sich neu an: ${reason}`
      : `Outlook refused the sign-in; sign in again: ${reason}`,
  unreachable: (lang: Lang, reason: string) =>
    lang === 'de' ? `Outlook ist nicht erreichbar: ${reason}` : `Outlook cannot be reached: ${reason}`,
  cancelled: (lang: Lang) => (lang === 'de' ? 'Die Synchronisation wurde abgebrochen.' : 'The synchronization was cancelled.'),
  cancelledMidway: (lang: Lang, imported: number, left: number) =>
    lang === 'de'
      ? `Die Synchronisation wurde abgebrochen: ${imported} ${imported === 1 ? 'Mail ist' : 'Mails sind'} importiert, ${left} ${left === 1 ? 'bleibt' : 'bleiben'} in Outlook für den nächsten Lauf.`
      : `The synchronization was cancelled: ${imported} ${imported === 1 ? 'mail is' : 'mails are'} imported, ${left} ${left === 1 ? 'stays' : 'stay'} in Outlook for the next run.`,
  internal: (lang: Lang, reason: string) =>
    lang === 'de' ? `Die Synchronisation ist auf einen Fehler gestoßen: ${reason}` : `The synchronization ran into an error: ${reason}`,
  importFolderNearMiss: (lang: Lang, name: string) =>
    lang === 'de'
      ? `Der Ordner „${name}“ unter dem Posteingang heißt fast wie „Import folder“, aber nicht genau so; aus ihm wird nicht importiert. Benennen Sie ihn in „Import folder“ um.`
      : `The folder "${name}" under the Inbox is almost but not exactly named "Import folder", so nothing is imported from it. Rename it to "Import folder".`,
};

export function mailLabel(row: { subject: string | null; from_address: string | null }): MailLabel {
  return { subject: row.subject, from: row.from_address };
}
