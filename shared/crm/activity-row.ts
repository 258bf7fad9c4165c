/** An activity as lists show it and `crm-companion activities --json` prints it (DESIGN §5). */
import { z } from 'zod';

export const ActivityDocument = z.object({
  name: z.string(),
  category: z.string().nullable(),
  keyword: z.string().nullable(),
});

export const ActivityRow = z.object({
  id: z.string(),
  type: z.string(),
  status: z.string(),
  subject: z.string(),
  /** The stored, sanitized HTML. */
  body: z.string(),
  /** ISO 8601 with offset. */
  date: z.string(),
  contactPerson: z.string().nullable(),
  businessPartner: z.string().nullable(),
  employee: z.string().nullable(),
  /** The CRM's names for the three keys above (DESIGN §5 keeps the keys); null when the key is null. */
  contactPersonName: z.string().nullable(),
  businessPartnerName: z.string().nullable(),
  employeeName: z.string().nullable(),
  groupwareId: z.string().nullable(),
  internetMessageId: z.string().nullable(),
  documents: z.array(ActivityDocument),
  /** Appointments and tasks (DESIGN §5): ISO 8601 with offset; all-day values at 00:00 UTC of their date. */
  start: z.string().nullable(),
  end: z.string().nullable(),
  due: z.string().nullable(),
  allDay: z.boolean(),
  reminder: z.string().nullable(),
  location: z.string().nullable(),
  /** Where the activity was made: in the CRM, or taken over from the groupware. */
  origin: z.enum(['crm', 'groupware']),
  /** RFC 5545 RRULE of a recurring series, or null. */
  seriesRule: z.string().nullable(),
  importance: z.enum(['low', 'normal', 'high']),
  categories: z.array(z.string()),
});
export type ActivityRow = z.infer<typeof ActivityRow>;
