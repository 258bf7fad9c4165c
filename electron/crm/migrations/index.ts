/**
 * Every migration of the CRM store, in order. Kysely runs them by name, so the name is the schema version
 * recorded in the store (table `kysely_migration`); names sort in the order they must run. Add a new file
 * `NNNN-what.ts` and one line here; never rename or edit a released one.
 */
import type { Migration, MigrationProvider } from 'kysely/migration';
import { initial } from './0001-initial';
import { builtIns } from './0002-built-ins';
import { mailMirror } from './0003-mail-mirror';
import { mailAttachments } from './0004-mail-attachments';
import { activitySender } from './0005-activity-sender';
import { twoWaySync } from './0006-two-way-sync';
import { conflictFieldChoices } from './0007-conflict-field-choices';
import { activitiesWindow } from './0008-activities-window';

export const MIGRATIONS: Readonly<Record<string, Migration>> = {
  '0001-initial': initial,
  '0002-built-ins': builtIns,
  '0003-mail-mirror': mailMirror,
  '0004-mail-attachments': mailAttachments,
  '0005-activity-sender': activitySender,
  '0006-two-way-sync': twoWaySync,
  '0007-conflict-field-choices': conflictFieldChoices,
  '0008-activities-window': activitiesWindow,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: () => Promise.resolve({ ...MIGRATIONS }),
};

export const LATEST_SCHEMA_VERSION = Object.keys(MIGRATIONS).sort().at(-1) ?? '';
