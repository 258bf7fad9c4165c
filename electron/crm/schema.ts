/**
 * The CRM store's tables as Kysely sees them. Column names are the SQL names (snake_case), so a query reads
 * the same here and in a database shell. Keep this in step with migrations/: the migrations are the truth
 * about the database, this file is the truth about what the code may rely on.
 *
 * Conventions (kept portable so that PostgreSQL can follow):
 * - Flags are integers 0/1 (SQLite has no boolean type).
 * - Instants are ISO 8601 text in UTC exactly as `Date.prototype.toISOString()` writes them
 *   (`2026-11-03T09:30:00.000Z`), so that text order is time order and the date indexes sort correctly.
 *   Use `toStoredInstant()` from instants.ts; the activities table checks the shape.
 * - Master data is keyed by the CRM's own keys; everything the app creates has a text id (`newId()`).
 */
import type { ColumnType, Insertable, Selectable, Updateable } from 'kysely';
import type { CommunicationType, GroupwareCounterpart } from '../../shared/crm/built-ins';

export type Flag = 0 | 1;
/** ISO 8601 instant in UTC, `YYYY-MM-DDTHH:MM:SS.sssZ`. */
export type Instant = string;
/** A column the database fills with a default when an insert leaves it out. */
type Defaulted<T> = ColumnType<T, T | undefined, T>;

export interface EmployeesTable {
  key: string;
  name: string;
  email: string;
}

export interface BusinessPartnersTable {
  key: string;
  name: string;
}

export interface ContactPersonsTable {
  key: string;
  name: string;
  business_partner_key: string;
}

/** A communication belongs to exactly one owner: a contact person or a business partner (checked). */
export interface CommunicationsTable {
  id: string;
  contact_person_key: string | null;
  business_partner_key: string | null;
  type: CommunicationType;
  value: string;
  standard: Defaulted<Flag>;
  /** Position in the owner's list, as the CRM data gave it. */
  sort_order: number;
  /** For e-mail communications: the address in lower case (sender matching compares case-insensitively). */
  email_lower: string | null;
  /** For e-mail communications: the part after `@`, lower case (the "BPwithEmail" domain search). */
  email_domain: string | null;
}

export interface ProjectsTable {
  key: string;
  name: string;
  business_partner_key: string;
}

export interface InquiriesTable {
  key: string;
  name: string;
  business_partner_key: string;
}

export interface ActivityTypesTable {
  key: string;
  label_de: string;
  label_en: string;
  /** What the type becomes in the groupware; null: sent only "as date" / "as task" on request. */
  groupware_counterpart: GroupwareCounterpart | null;
  /** 1 for the types the product ships with (seeded by a migration). */
  built_in: Defaulted<Flag>;
}

export interface StatusKeysTable {
  key: string;
  label_de: string;
  label_en: string;
  built_in: Defaulted<Flag>;
}

export interface DocumentCategoriesTable {
  key: string;
  label_de: string;
  label_en: string;
}

export interface KeywordsTable {
  key: string;
  label_de: string;
  label_en: string;
}

export interface FreeMailDomainsTable {
  /** Lower case, bare: `gmx.de`. */
  domain: string;
  /** 1 for the product's list, 0 for domains the CRM data added. */
  built_in: Defaulted<Flag>;
}

export type ActivityOrigin = 'crm' | 'groupware';
/** The kind of groupware item an activity is linked to (a PHONE activity sent "as task" is a `task`). */
export type GroupwareItemKind = 'message' | 'event' | 'task';

export interface ActivitiesTable {
  id: string;
  type_key: string;
  status_key: string;
  subject: string;
  /** Sanitized HTML (sanitized before it reaches the store). */
  body_html: string | null;
  /** Imported mails: the sender as the mail named it (address lower case), for unknown-address fixes. */
  sender_name: string | null;
  sender_address: string | null;
  /** The activity's date: received date of a mail, start of an event or series, due date of a task. */
  date: Instant;
  start_at: Instant | null;
  end_at: Instant | null;
  due_at: Instant | null;
  all_day: Defaulted<Flag>;
  reminder_at: Instant | null;
  location: string | null;
  /** RFC 5545 RRULE of a recurring series (the series is one activity). */
  series_rule: string | null;
  /** "Delegated to". */
  responsible_employee_key: string;
  /** "Activity with". */
  contact_person_key: string | null;
  business_partner_key: string | null;
  main_inquiry_key: string | null;
  main_project_key: string | null;
  origin: ActivityOrigin;
  created_at: Instant;
  updated_at: Instant;

  // The groupware link: all null while the activity exists only in the CRM.
  /** e.g. `graph`. */
  groupware_provider: string | null;
  /** The mailbox the item lives in (its address, lower case). */
  groupware_mailbox: string | null;
  groupware_kind: GroupwareItemKind | null;
  /** Immutable item id (Graph: `Prefer: IdType="ImmutableId"`); for a series the master's id. */
  groupware_item_id: string | null;
  /** Graph changeKey / @odata.etag of the item as last synchronized. */
  groupware_change_key: string | null;
  /** Mails: the RFC 5322 Message-ID. One mail is one activity, whichever mailbox or folder it came from. */
  internet_message_id: string | null;
  /** Events: the iCalendar UID shared by every copy of a meeting. */
  ical_uid: string | null;
  /** The folder the item is in now (for an imported mail: the archive folder it was moved to). */
  groupware_parent_folder_id: string | null;
  /** The folder a mail was imported from (it decided the status). */
  groupware_source_folder_id: string | null;

  // Import bookkeeping.
  imported_at: Instant | null;
  sync_run_id: string | null;

  /** Outlook's importance: `low`, `normal`, `high`. */
  importance: Defaulted<Importance>;
  /** JSON array of Outlook category names. */
  categories_json: Defaulted<string>;
  /** The groupware counterpart the user chose: null as the type says, `event`/`task` sent so, `off` entry deleted. */
  groupware_sync: GroupwareSyncChoice | null;
}

export type Importance = 'low' | 'normal' | 'high';
export type GroupwareSyncChoice = 'event' | 'task' | 'off';

export interface DocumentsTable {
  id: string;
  activity_id: string;
  name: string;
  content_type: string;
  size: number;
  content: Uint8Array;
  category_key: string | null;
  keyword_key: string | null;
}

/** What one sync channel is: a mail folder, the calendar window, or a To Do list. */
export type SyncChannelKind = 'mail-folder' | 'calendar' | 'task-list';
export type SyncStage = 'idle' | 'pending' | 'ongoing' | 'failed';

/** One row per channel (mailbox + kind + resource id): where the delta sync stands and how it fares. */
export interface SyncStateTable {
  mailbox: string;
  kind: SyncChannelKind;
  /** Folder id, list id, or the calendar's id. */
  resource_id: string;
  /** Saved only after the items of the page it follows are committed (DESIGN §4). */
  delta_link: string | null;
  stage: Defaulted<SyncStage>;
  stage_started_at: Instant | null;
  failure_count: Defaulted<number>;
  retry_after: Instant | null;
}

/**
 * `stamp-mail` writes the activity id onto an imported mail, `move-mail` moves it to the archive folder; their
 * payload is a MailOutboxPayload (engine/mail-import/outbox.ts).
 */
export type OutboxOperation = 'create' | 'update' | 'delete' | 'link' | 'stamp-mail' | 'move-mail';
export type OutboxStatus = 'pending' | 'done' | 'failed';

/** A groupware write, recorded before the request and completed after it, so a crash never loses or repeats one. */
export interface OutboxTable {
  id: string;
  /** No foreign key on purpose: a "delete" must outlive the activity it deletes. */
  activity_id: string;
  operation: OutboxOperation;
  payload_json: string;
  /** Graph `transactionId` for event creates: a retried create makes no second event. */
  transaction_id: string | null;
  status: Defaulted<OutboxStatus>;
  attempts: Defaulted<number>;
  last_error: string | null;
  created_at: Instant;
  completed_at: Instant | null;
}

export type SyncTrigger = 'manual' | 'automatic';

/** The journal: one row per synchronization run. */
export interface SyncRunsTable {
  id: string;
  trigger: SyncTrigger;
  started_at: Instant;
  finished_at: Instant | null;
  /** JSON object of counts, e.g. {"imported":3,"moved":3}. */
  counts_json: Defaulted<string>;
  /** JSON array of {code, message}. */
  warnings_json: Defaulted<string>;
  /** JSON array of {code, message}. */
  errors_json: Defaulted<string>;
}

export type MailMirrorState = 'new' | 'imported' | 'duplicate';

/** The mail import's mirror of Outlook's import folders (migration 0003): one row per message. */
export interface MailMirrorTable {
  /** The mailbox's address, lower case (as activities.groupware_mailbox). */
  mailbox: string;
  /** Immutable message id: unchanged when the message moves between folders. */
  message_id: string;
  folder_id: string;
  internet_message_id: string | null;
  /** Null while unknown; '' for a mail without subject. */
  subject: string | null;
  from_name: string | null;
  from_address: string | null;
  received_at: Instant | null;
  has_attachments: Flag | null;
  /** Non-inline attachments, known after a details fetch. */
  attachment_count: number | null;
  attachment_bytes: number | null;
  /** JSON array of the non-inline attachments ({ id, name, size, contentType }), known after a details fetch. */
  attachments_json: string | null;
  change_key: string | null;
  details_complete: Defaulted<Flag>;
  state: Defaulted<MailMirrorState>;
  /** The activity made from this mail (imported) or already holding its Message-ID (duplicate). */
  activity_id: string | null;
  /** Id of the last full delta round that listed the row. */
  seen_in_round: string | null;
  updated_at: Instant;
}

export type MirrorItemKind = 'event' | 'occurrence' | 'task';

/** Outlook's items of the two-way sync as the last committed delta pages left them (migration 0006). */
export interface GroupwareMirrorTable {
  mailbox: string;
  item_id: string;
  kind: MirrorItemKind;
  /** The calendar window or task list that reported the item. */
  channel_id: string;
  series_master_id: string | null;
  /** The provider-neutral item (electron/groupware/item-provider.ts), JSON. */
  item_json: string;
  change_key: string | null;
  seen_in_round: string | null;
  updated_at: Instant;
}

/** Per activity: its item and the synced field values both sides held at the last agreement. */
export interface GroupwareBaseTable {
  activity_id: string;
  mailbox: string;
  kind: 'event' | 'task';
  item_id: string;
  list_id: string | null;
  /** FieldValues (shared/sync/plan.ts), JSON. */
  fields_json: string;
  link_written: Defaulted<Flag>;
  /** Set by resolving a conflict: the side the next sync carries out whatever the other did meanwhile. */
  prefer: 'crm' | 'outlook' | null;
  /** Set by resolving a conflict field by field: FieldChoices (shared/sync/plan.ts), JSON. */
  prefer_fields_json: Defaulted<string | null>;
  updated_at: Instant;
}

/** The user's choice (a side, or `fields`: field by field), both sides came to agree, or the pair is gone. */
export type ConflictResolution = 'crm' | 'outlook' | 'fields' | 'agreed' | 'gone';

export interface SyncConflictsTable {
  id: string;
  activity_id: string;
  mailbox: string;
  item_id: string;
  kind: 'event' | 'task';
  crm_json: string | null;
  outlook_json: string | null;
  fields_json: string;
  created_at: Instant;
  resolved_at: Instant | null;
  resolution: ConflictResolution | null;
}

export interface CrmDatabase {
  employees: EmployeesTable;
  business_partners: BusinessPartnersTable;
  contact_persons: ContactPersonsTable;
  communications: CommunicationsTable;
  projects: ProjectsTable;
  inquiries: InquiriesTable;
  activity_types: ActivityTypesTable;
  status_keys: StatusKeysTable;
  document_categories: DocumentCategoriesTable;
  keywords: KeywordsTable;
  free_mail_domains: FreeMailDomainsTable;
  activities: ActivitiesTable;
  documents: DocumentsTable;
  sync_state: SyncStateTable;
  outbox: OutboxTable;
  sync_runs: SyncRunsTable;
  mail_mirror: MailMirrorTable;
  groupware_mirror: GroupwareMirrorTable;
  groupware_base: GroupwareBaseTable;
  sync_conflicts: SyncConflictsTable;
}

export type Activity = Selectable<ActivitiesTable>;
export type NewActivity = Insertable<ActivitiesTable>;
export type ActivityUpdate = Updateable<ActivitiesTable>;
export type Communication = Selectable<CommunicationsTable>;
export type NewCommunication = Insertable<CommunicationsTable>;
export type Document = Selectable<DocumentsTable>;
export type NewDocument = Insertable<DocumentsTable>;
export type SyncState = Selectable<SyncStateTable>;
export type OutboxEntry = Selectable<OutboxTable>;
export type NewOutboxEntry = Insertable<OutboxTable>;
export type SyncRun = Selectable<SyncRunsTable>;
export type MailMirrorRow = Selectable<MailMirrorTable>;
export type NewMailMirrorRow = Insertable<MailMirrorTable>;
export type NewSyncRun = Insertable<SyncRunsTable>;
