/**
 * The sender of an imported mail on its activity (name and address as the mail gave them): the activities
 * window shows an unknown address, and fixing one (assign it to a contact person, or create one with it) links
 * every other activity from that address too, found by the lower-cased address.
 */
import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

export const activitySender: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema.alterTable('activities').addColumn('sender_name', 'text').execute();
    await db.schema.alterTable('activities').addColumn('sender_address', 'text').execute();
    // "Every other activity from that address" after a fix.
    await db.schema.createIndex('activities_by_sender_address').on('activities').column('sender_address').execute();
  },
};
