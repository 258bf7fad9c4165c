import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CrmError } from './errors';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from './migrations';
import { openCrmStore, openInMemoryCrmStore, type CrmStore } from './store';
import { importedMail, seedMinimalCrmData } from './test-data';

let dir: string;
const opened: CrmStore[] = [];

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'crm-store-'));
});
afterEach(async () => {
  for (const store of opened.splice(0)) await store.close();
  rmSync(dir, { recursive: true, force: true });
});

async function open(file: string): Promise<CrmStore> {
  const store = await openCrmStore(file);
  opened.push(store);
  return store;
}

async function rejectionOf(promise: Promise<unknown>): Promise<CrmError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof CrmError)) throw new Error(`expected a CrmError, got ${String(error)}`);
  return error;
}

describe('migrations', () => {
  it('gives a fresh store the built-in activity types, status keys and free-mail domains', async () => {
    const store = await open(':memory:');
    const types = await store.db.selectFrom('activity_types').selectAll().orderBy('key').execute();
    expect(types.map((t) => [t.key, t.label_de, t.label_en, t.groupware_counterpart])).toEqual([
      ['APPOINTMENT', 'Termin', 'Appointed time', 'event'],
      ['FOLLOWUP', 'Wiedervorlage', 'Follow-up', 'follow-up'],
      ['LETTER', 'Brief', 'Letter', null],
      ['MAILIN', 'E-Mail Eingang', 'Incoming e-mail', 'mail'],
      ['MAILOUT', 'E-Mail Ausgang', 'Outgoing e-mail', null],
      ['MEETING', 'Besprechung', 'Meeting', 'meeting'],
      ['PHONE', 'Telefonat', 'Phone call', null],
      ['TASK', 'Aufgabe', 'Task', 'task'],
      ['VISIT', 'Besuch', 'Visit', null],
    ]);
    expect(types.every((t) => t.built_in === 1)).toBe(true);
    const statuses = await store.db.selectFrom('status_keys').select(['key', 'label_de', 'label_en']).orderBy('key').execute();
    expect(statuses).toEqual([
      { key: 'E', label_de: 'erledigt', label_en: 'done' },
      { key: 'I', label_de: 'importiert', label_en: 'imported' },
      { key: 'O', label_de: 'offen', label_en: 'open' },
    ]);
    const domains = (await store.db.selectFrom('free_mail_domains').select('domain').execute()).map((d) => d.domain);
    expect(domains).toEqual(expect.arrayContaining(['gmail.com', 'googlemail.com', 'outlook.com', 'gmx.de', 'web.de', 't-online.de']));
  });

  it('records the schema version and runs each migration once, also across re-opens', async () => {
    const file = path.join(dir, 'crm.sqlite');
    const first = await openCrmStore(file, { migrate: false });
    expect(await first.schemaVersion()).toBeNull();
    expect(await first.migrateToLatest()).toEqual(Object.keys(MIGRATIONS));
    expect(await first.schemaVersion()).toBe(LATEST_SCHEMA_VERSION);
    expect(LATEST_SCHEMA_VERSION).toBe('0008-activities-window');
    await first.close();

    const again = await open(file);
    expect(await again.migrateToLatest()).toEqual([]);
    const applied = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(again.db);
    expect(applied.rows.map((r) => r.name)).toEqual(Object.keys(MIGRATIONS));
    expect(await again.db.selectFrom('status_keys').select('key').execute()).toHaveLength(3);
  });

  it('refuses a database that a newer version has migrated', async () => {
    const file = path.join(dir, 'crm.sqlite');
    const store = await openCrmStore(file);
    await sql`insert into kysely_migration (name, timestamp) values ('0099-from-the-future', '2027-01-01T00:00:00.000Z')`.execute(store.db);
    await store.close();

    const error = await rejectionOf(openCrmStore(file));
    expect(error.code).toBe('STORE_TOO_NEW');
    expect(error.message).toContain('newer version of CRM Companion (schema 0099-from-the-future)');
  });
});

describe('opening', () => {
  it('uses WAL and enforces foreign keys', async () => {
    const store = await open(path.join(dir, 'crm.sqlite'));
    const journal = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(store.db);
    expect(journal.rows[0]?.journal_mode).toBe('wal');
    const foreignKeys = await sql<{ foreign_keys: number }>`pragma foreign_keys`.execute(store.db);
    expect(foreignKeys.rows[0]?.foreign_keys).toBe(1);
    await expect(
      store.db.insertInto('contact_persons').values({ key: 'CP-X', name: 'X', business_partner_key: 'BP-MISSING' }).execute(),
    ).rejects.toThrow(/FOREIGN KEY/);
  });

  it('keeps what was written across close and re-open', async () => {
    const file = path.join(dir, 'crm.sqlite');
    const store = await openCrmStore(file);
    await seedMinimalCrmData(store);
    await store.close();
    const again = await open(file);
    expect(await again.counts()).toEqual({ employees: 2, businessPartners: 1, contactPersons: 1, activities: 0 });
  });

  it('says which directory is missing instead of creating it', async () => {
    const missing = path.join(dir, 'no-such-dir');
    const error = await rejectionOf(openCrmStore(path.join(missing, 'crm.sqlite')));
    expect(error.code).toBe('STORE_DIRECTORY_MISSING');
    expect(error.message).toBe(`The directory ${missing} does not exist`);
  });

  it('refuses a directory as the database path', async () => {
    const sub = path.join(dir, 'store');
    mkdirSync(sub);
    const error = await rejectionOf(openCrmStore(sub));
    expect(error.code).toBe('STORE_PATH_IS_DIRECTORY');
  });

  it('refuses a file that is no SQLite database', async () => {
    const file = path.join(dir, 'notes.txt');
    writeFileSync(file, 'these are not the tables you are looking for\n'.repeat(200));
    const error = await rejectionOf(openCrmStore(file));
    expect(error.code).toBe('STORE_NOT_A_DATABASE');
    expect(error.message).toBe(`The file ${file} is not a CRM Companion database`);
  });
});

describe('counts', () => {
  it('counts employees, business partners, contact persons and activities', async () => {
    const store = await openInMemoryCrmStore();
    opened.push(store);
    expect(await store.counts()).toEqual({ employees: 0, businessPartners: 0, contactPersons: 0, activities: 0 });
    await seedMinimalCrmData(store);
    await store.db
      .insertInto('activities')
      .values([importedMail('2026-11-02T08:00:00.000Z'), importedMail('2026-11-03T08:00:00.000Z')])
      .execute();
    expect(await store.counts()).toEqual({ employees: 2, businessPartners: 1, contactPersons: 1, activities: 2 });
  });
});

describe('activity integrity', () => {
  let store: CrmStore;
  beforeEach(async () => {
    store = await openInMemoryCrmStore();
    opened.push(store);
    await seedMinimalCrmData(store);
  });

  it('never lets one internetMessageId become two activities in one mailbox', async () => {
    const messageId = '<CAF=1234@mail.cursor.de>';
    await store.db.insertInto('activities').values(importedMail('2026-11-02T08:00:00.000Z', { internet_message_id: messageId })).execute();
    await expect(
      store.db
        .insertInto('activities')
        .values(importedMail('2026-11-02T08:00:00.000Z', { internet_message_id: messageId, groupware_item_id: 'another-copy' }))
        .execute(),
    ).rejects.toThrow(/UNIQUE constraint failed: activities\.internet_message_id/);
    expect(await store.counts()).toMatchObject({ activities: 1 });
  });

  it('never lets the same mail in a second mailbox become a second activity', async () => {
    const messageId = '<CAF=1234@mail.cursor.de>';
    await store.db.insertInto('activities').values(importedMail('2026-11-02T08:00:00.000Z', { internet_message_id: messageId })).execute();
    await expect(
      store.db
        .insertInto('activities')
        .values(importedMail('2026-11-02T08:00:00.000Z', { internet_message_id: messageId, groupware_mailbox: 'j.schneider@example.com' }))
        .execute(),
    ).rejects.toThrow(/UNIQUE constraint failed/);
  });

  it('allows any number of activities without an internetMessageId', async () => {
    const crmMade = (date: string) =>
      importedMail(date, {
        type_key: 'PHONE',
        origin: 'crm',
        imported_at: null,
        internet_message_id: null,
        groupware_provider: null,
        groupware_mailbox: null,
        groupware_kind: null,
        groupware_item_id: null,
      });
    await store.db.insertInto('activities').values([crmMade('2026-11-02T08:00:00.000Z'), crmMade('2026-11-02T09:00:00.000Z')]).execute();
    expect(await store.counts()).toMatchObject({ activities: 2 });
  });

  it('links one groupware item to at most one activity', async () => {
    await store.db.insertInto('activities').values(importedMail('2026-11-02T08:00:00.000Z', { groupware_item_id: 'AAMk-1' })).execute();
    await expect(
      store.db.insertInto('activities').values(importedMail('2026-11-02T08:00:00.000Z', { groupware_item_id: 'AAMk-1' })).execute(),
    ).rejects.toThrow(/UNIQUE constraint failed/);
  });

  it('refuses an instant that is not in the stored UTC form, since text order must be time order', async () => {
    await expect(
      store.db.insertInto('activities').values(importedMail('2026-11-02T09:00:00+01:00')).execute(),
    ).rejects.toThrow(/CHECK constraint failed: activities_date_instant/);
  });

  it('refuses an activity whose type is not a known activity type', async () => {
    await expect(
      store.db.insertInto('activities').values(importedMail('2026-11-02T08:00:00.000Z', { type_key: 'NOPE' })).execute(),
    ).rejects.toThrow(/FOREIGN KEY/);
  });

  it('keeps a communication with exactly one owner and one standard per type', async () => {
    const base = { type: 'email' as const, value: 'x@cursor.de', sort_order: 5, standard: 1 as const };
    await expect(
      store.db.insertInto('communications').values({ ...base, id: 'c1', contact_person_key: 'CP-1', business_partner_key: 'BP-CURSOR' }).execute(),
    ).rejects.toThrow(/CHECK constraint failed: communications_one_owner/);
    await expect(
      store.db.insertInto('communications').values({ ...base, id: 'c2', contact_person_key: 'CP-1' }).execute(),
    ).rejects.toThrow(/UNIQUE constraint failed/);
  });
});
