/**
 * A conflict can be settled field by field: the base keeps the user's choice per field (JSON `{field: side}`)
 * beside the whole-side `prefer`, until the next sync has carried it out. A conflict so settled is recorded with
 * the resolution `fields`.
 */
import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

export const conflictFieldChoices: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema.alterTable('groupware_base').addColumn('prefer_fields_json', 'text').execute();
  },
};
