/**
 * The mail import's local mirror of Outlook's import folders (DESIGN §3, §4): one row per message the delta
 * rounds reported in "Import folder" or one of its `CRM … [X]` subfolders. Candidates are computed from it,
 * not from Outlook, so the wizard shows what the last delta committed and a crash loses nothing: a message is
 * in the mirror until its folder's delta says it left (or our own move took it out).
 */
import { sql, type Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

export const mailMirror: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('mail_mirror')
      // The mailbox (its address, lower case, as on activities.groupware_mailbox) and the message's immutable id:
      // with immutable ids a message keeps its id when it moves between folders, so it is one row, ever.
      .addColumn('mailbox', 'text', (c) => c.notNull())
      .addColumn('message_id', 'text', (c) => c.notNull())
      .addColumn('folder_id', 'text', (c) => c.notNull())
      .addColumn('internet_message_id', 'text')
      // Null while unknown (a delta update may carry only changed properties); '' for a mail without subject.
      .addColumn('subject', 'text')
      .addColumn('from_name', 'text')
      .addColumn('from_address', 'text')
      .addColumn('received_at', 'text')
      .addColumn('has_attachments', 'integer')
      // Non-inline attachments and their total size: known after a details fetch (the size limit is checked on them).
      .addColumn('attachment_count', 'integer')
      .addColumn('attachment_bytes', 'integer')
      .addColumn('change_key', 'text')
      // 1 once every summary property above is known (from a full delta item or a details fetch).
      .addColumn('details_complete', 'integer', (c) => c.notNull().defaultTo(0))
      // new: not imported; imported: its activity was created from it; duplicate: its Message-ID already had an
      // activity. Rows in the last two states wait for the outbox to stamp and move the mail, then go.
      .addColumn('state', 'text', (c) => c.notNull().defaultTo('new'))
      .addColumn('activity_id', 'text')
      // The full delta round that last listed the row: a full round deletes the folder's rows it did not list.
      .addColumn('seen_in_round', 'text')
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('mail_mirror_message', ['mailbox', 'message_id'])
      .addCheckConstraint('mail_mirror_state', sql`state in ('new', 'imported', 'duplicate')`)
      .addCheckConstraint('mail_mirror_details_flag', sql`details_complete in (0, 1)`)
      .addCheckConstraint('mail_mirror_attachments_flag', sql`has_attachments in (0, 1)`)
      .execute();

    // Candidates of a mailbox's valid folders; a folder's rows for the sweep after a full round.
    await db.schema.createIndex('mail_mirror_by_folder_state').on('mail_mirror').columns(['mailbox', 'folder_id', 'state']).execute();
    // "Is this Message-ID already imported?" and the second copy of one mail in another folder.
    await db.schema.createIndex('mail_mirror_by_internet_message_id').on('mail_mirror').columns(['internet_message_id']).execute();
  },
};
