/**
 * The attachment list of a mirrored mail (name, size, type and Graph's attachment id), kept from the details
 * fetch that already reads it for the sizes: the wizard's *Edit documents* step lists the attachments of the
 * ticked mails before any content is downloaded, and the import matches the user's category and keyword to
 * each document by that id.
 */
import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

export const mailAttachments: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    // JSON array of { id, name, size, contentType }; null until the details are read (or when there are none).
    await db.schema.alterTable('mail_mirror').addColumn('attachments_json', 'text').execute();
  },
};
