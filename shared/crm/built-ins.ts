/**
 * Keys the product itself relies on. A fresh store holds these activity types and status keys (seeded by the
 * store's migrations); CRM data may relabel them but the code below refers to them by key.
 */

export const ActivityTypeKey = {
  MailIn: 'MAILIN',
  MailOut: 'MAILOUT',
  Appointment: 'APPOINTMENT',
  Meeting: 'MEETING',
  FollowUp: 'FOLLOWUP',
  Task: 'TASK',
  Phone: 'PHONE',
  Letter: 'LETTER',
  Visit: 'VISIT',
} as const;
export type BuiltInActivityTypeKey = (typeof ActivityTypeKey)[keyof typeof ActivityTypeKey];

export const StatusKey = {
  Imported: 'I',
  Open: 'O',
  Done: 'E',
} as const;
export type BuiltInStatusKey = (typeof StatusKey)[keyof typeof StatusKey];

/**
 * What an activity type becomes in the groupware (DESIGN §3). `null` in the store: no counterpart, such an
 * activity goes out only when the user sends it "as date" or "as task".
 */
export const GROUPWARE_COUNTERPARTS = ['mail', 'event', 'meeting', 'task', 'follow-up'] as const;
export type GroupwareCounterpart = (typeof GROUPWARE_COUNTERPARTS)[number];

/** Kinds of communication a contact person or business partner can have. */
export const COMMUNICATION_TYPES = ['email', 'phone', 'mobile', 'fax', 'web'] as const;
export type CommunicationType = (typeof COMMUNICATION_TYPES)[number];
