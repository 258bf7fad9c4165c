/**
 * The key lists a fresh store must hold (crm-data-format.md) and the built-in free-mail domains. The values
 * are written out here, not imported, because a migration must keep doing what it did when it was released;
 * later changes to these lists come as new migrations.
 */
import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

/** The tables as they stand at this migration. */
type Tables = {
  activity_types: { key: string; label_de: string; label_en: string; groupware_counterpart: string | null; built_in: number };
  status_keys: { key: string; label_de: string; label_en: string; built_in: number };
  free_mail_domains: { domain: string; built_in: number };
};

const ACTIVITY_TYPES: Tables['activity_types'][] = [
  { key: 'MAILIN', label_de: 'E-Mail Eingang', label_en: 'Incoming e-mail', groupware_counterpart: 'mail', built_in: 1 },
  { key: 'MAILOUT', label_de: 'E-Mail Ausgang', label_en: 'Outgoing e-mail', groupware_counterpart: null, built_in: 1 },
  { key: 'APPOINTMENT', label_de: 'Termin', label_en: 'Appointed time', groupware_counterpart: 'event', built_in: 1 },
  { key: 'MEETING', label_de: 'Besprechung', label_en: 'Meeting', groupware_counterpart: 'meeting', built_in: 1 },
  { key: 'FOLLOWUP', label_de: 'Wiedervorlage', label_en: 'Follow-up', groupware_counterpart: 'follow-up', built_in: 1 },
  { key: 'TASK', label_de: 'Aufgabe', label_en: 'Task', groupware_counterpart: 'task', built_in: 1 },
  { key: 'PHONE', label_de: 'Telefonat', label_en: 'Phone call', groupware_counterpart: null, built_in: 1 },
  { key: 'LETTER', label_de: 'Brief', label_en: 'Letter', groupware_counterpart: null, built_in: 1 },
  { key: 'VISIT', label_de: 'Besuch', label_en: 'Visit', groupware_counterpart: null, built_in: 1 },
];

const STATUS_KEYS: Tables['status_keys'][] = [
  { key: 'I', label_de: 'importiert', label_en: 'imported', built_in: 1 },
  { key: 'O', label_de: 'offen', label_en: 'open', built_in: 1 },
  { key: 'E', label_de: 'erledigt', label_en: 'done', built_in: 1 },
];

/** Mail services anyone can sign up to: a sender's domain there says nothing about the company. */
const FREE_MAIL_DOMAINS = [
  'gmail.com', 'googlemail.com',
  'outlook.com', 'outlook.de', 'hotmail.com', 'hotmail.de', 'hotmail.co.uk', 'live.com', 'live.de', 'msn.com',
  'yahoo.com', 'yahoo.de', 'yahoo.co.uk', 'ymail.com', 'rocketmail.com',
  'icloud.com', 'me.com', 'mac.com',
  'aol.com', 'aol.de',
  'gmx.de', 'gmx.net', 'gmx.at', 'gmx.ch', 'gmx.com',
  'web.de', 't-online.de', 'freenet.de', 'arcor.de', 'mail.de', 'email.de', 'online.de', 'vodafone.de',
  'posteo.de', 'mailbox.org', 'protonmail.com', 'proton.me', 'tutanota.com', 'tuta.io',
  'zoho.com', 'yandex.com', 'mail.ru', 'bluewin.ch', 'gmx.info',
];

export const builtIns: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    const tables = db.withTables<Tables>();
    await tables.insertInto('activity_types').values(ACTIVITY_TYPES).execute();
    await tables.insertInto('status_keys').values(STATUS_KEYS).execute();
    await tables
      .insertInto('free_mail_domains')
      .values(FREE_MAIL_DOMAINS.map((domain) => ({ domain, built_in: 1 })))
      .execute();
  },
};
