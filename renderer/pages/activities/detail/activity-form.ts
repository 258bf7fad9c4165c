/**
 * The activity page's form: its values from the activity, what changed (`activities.update` sends only that),
 * what is wrong in words before anything is sent, and the main allocations kept to one business partner —
 * choosing another partner takes off the contact person, project and inquiry of the former one. Pure.
 */
import type { ActivityDetail } from '../../../../shared/crm/activity-detail';
import type { ActivityChanges } from '../../../../shared/crm/activity-list';

export interface ActivityForm {
  type: string;
  status: string;
  subject: string;
  /** `YYYY-MM-DDTHH:mm` in local time, as `<input type="datetime-local">` holds it; '' for none. */
  date: string;
  start: string;
  end: string;
  due: string;
  employee: string;
  contactPerson: string | null;
  businessPartner: string | null;
  project: string | null;
  inquiry: string | null;
}

export type FormProblem = 'subject' | 'date' | 'start' | 'end' | 'due';

const pad = (n: number) => String(n).padStart(2, '0');

/** An instant as the local date and time an input shows. */
export function toLocalInput(iso: string | null): string {
  if (iso === null) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** The input's local date and time as an instant (ISO 8601, UTC); null when it is no date. */
export function fromLocalInput(value: string): string | null {
  if (value.trim() === '') return null;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

export function formOf(activity: ActivityDetail): ActivityForm {
  return {
    type: activity.type,
    status: activity.status,
    subject: activity.subject,
    date: toLocalInput(activity.date),
    start: toLocalInput(activity.start),
    end: toLocalInput(activity.end),
    due: toLocalInput(activity.due),
    employee: activity.employee ?? '',
    contactPerson: activity.contactPerson,
    businessPartner: activity.businessPartner,
    project: activity.project,
    inquiry: activity.inquiry,
  };
}

/** Which date fields the activity has: an event's start and end, a task's due date, else its date. */
export function dateFields(form: ActivityForm): Array<'date' | 'start' | 'end' | 'due'> {
  if (form.start !== '' || form.end !== '') return ['start', 'end'];
  if (form.due !== '') return ['due'];
  return ['date'];
}

export function problemsOf(form: ActivityForm): FormProblem[] {
  const problems: FormProblem[] = [];
  if (form.subject.trim() === '') problems.push('subject');
  for (const field of dateFields(form)) {
    if (field !== 'end' && fromLocalInput(form[field]) === null) problems.push(field);
  }
  const start = fromLocalInput(form.start);
  const end = fromLocalInput(form.end);
  if (start !== null && end !== null && end < start) problems.push('end');
  return problems;
}

/** Only what differs from the activity; dates compared as instants. */
export function changesOf(form: ActivityForm, activity: ActivityDetail): ActivityChanges {
  const before = formOf(activity);
  const changes: ActivityChanges = {};
  if (form.type !== before.type) changes.type = form.type;
  if (form.status !== before.status) changes.status = form.status;
  if (form.subject !== before.subject) changes.subject = form.subject;
  if (form.employee !== before.employee && form.employee !== '') changes.employee = form.employee;
  for (const field of ['contactPerson', 'businessPartner', 'project', 'inquiry'] as const) {
    if (form[field] !== before[field]) changes[field] = form[field];
  }
  for (const field of ['date', 'start', 'end', 'due'] as const) {
    if (form[field] === before[field]) continue;
    const instant = fromLocalInput(form[field]);
    if (field === 'date') {
      if (instant !== null) changes.date = instant;
    } else changes[field] = instant;
  }
  return changes;
}

/** Another business partner: what belonged to the former one goes. */
export function withPartner(form: ActivityForm, partner: string | null, partnerOf: (kind: 'contactPerson' | 'project' | 'inquiry', key: string) => string | null): ActivityForm {
  const keep = (kind: 'contactPerson' | 'project' | 'inquiry') => {
    const key = form[kind];
    return key !== null && partner !== null && partnerOf(kind, key) === partner ? key : null;
  };
  return { ...form, businessPartner: partner, contactPerson: keep('contactPerson'), project: keep('project'), inquiry: keep('inquiry') };
}

/** A contact person, project or inquiry chosen: the partner follows it when there was none or another. */
export function withAllocation(form: ActivityForm, kind: 'contactPerson' | 'project' | 'inquiry', key: string | null, partner: string | null): ActivityForm {
  if (key === null || partner === null || partner === form.businessPartner) return { ...form, [kind]: key };
  return { ...withPartner(form, partner, () => null), [kind]: key };
}
