/**
 * The field values an imported mail's activity gets: the defaults (shared/mail/mandatory.ts), what the sender
 * match found, and what the user changed in the wizard — then checked: every mandatory field filled, every key
 * one the CRM has (a stale wizard may send a key deleted since).
 */
import type { Kysely } from 'kysely';
import { defaultCandidateValues, missingMandatoryFields, partnerAfterEdits } from '../../../shared/mail/mandatory';
import type { SenderMatch } from '../../../shared/mail/sender-match';
import type { MailImportSelection, MandatoryField } from '../../../shared/sync/mail-import-types';
import type { CrmDatabase } from '../../crm/schema';

export type Overrides = NonNullable<MailImportSelection['overrides']>;

export interface ActivityValues {
  type: string | null;
  status: string | null;
  subject: string | null;
  employee: string | null;
  date: string | null;
  contactPerson: string | null;
  businessPartner: string | null;
  project: string | null;
  inquiry: string | null;
}

export function resolveValues(input: {
  folderStatus: string | null;
  subject: string | null;
  receivedAt: string | null;
  employeeKey: string;
  match: SenderMatch | null;
  overrides: Overrides;
  /** The business partner of the contact person the user picked, when they picked one. */
  partnerOfPickedContact: string | null;
}): ActivityValues {
  const { overrides, match } = input;
  const defaults = defaultCandidateValues({
    folderStatus: input.folderStatus,
    subject: overrides.subject ?? input.subject,
    receivedAt: input.receivedAt,
    signedInEmployee: input.employeeKey,
  });
  const matchedContact = match?.kind === 'contactPerson' ? match.contactPerson : null;
  const matchedPartner = match?.kind === 'contactPerson' || match?.kind === 'businessPartnerDomain' ? match.businessPartner : null;
  const partner = partnerAfterEdits({
    pickedPartner: overrides.businessPartner,
    pickedContact: overrides.contactPerson,
    partnerOfPickedContact: input.partnerOfPickedContact,
    matchedPartner,
  });
  return {
    type: blankToNull(overrides.type) ?? defaults.type,
    status: blankToNull(overrides.status) ?? defaults.status,
    subject: defaults.subject,
    employee: blankToNull(overrides.employee) ?? defaults.employee,
    date: defaults.date,
    contactPerson: overrides.contactPerson !== undefined ? overrides.contactPerson : matchedContact,
    businessPartner: partner,
    project: overrides.project ?? null,
    inquiry: overrides.inquiry ?? null,
  };
}

export function missingFields(values: ActivityValues): MandatoryField[] {
  return missingMandatoryFields({ type: values.type, status: values.status, subject: values.subject, employee: values.employee, date: values.date });
}

function blankToNull(value: string | undefined): string | undefined {
  return value === undefined ? undefined : value.trim() === '' ? undefined : value;
}

type KeyTable =
  | 'activity_types' | 'status_keys' | 'employees' | 'contact_persons' | 'business_partners' | 'projects' | 'inquiries'
  | 'document_categories' | 'keywords';

const KEY_FIELDS: ReadonlyArray<[keyof ActivityValues, KeyTable, { de: string; en: string }]> = [
  ['type', 'activity_types', { de: 'die Aktivitätsart', en: 'activity type' }],
  ['status', 'status_keys', { de: 'der Status', en: 'status' }],
  ['employee', 'employees', { de: 'der Mitarbeiter', en: 'employee' }],
  ['contactPerson', 'contact_persons', { de: 'der Ansprechpartner', en: 'contact person' }],
  ['businessPartner', 'business_partners', { de: 'der Geschäftspartner', en: 'business partner' }],
  ['project', 'projects', { de: 'das Projekt', en: 'project' }],
  ['inquiry', 'inquiries', { de: 'die Anfrage', en: 'inquiry' }],
];

/** Looks keys (and the business partner a contact person, project or inquiry belongs to) up once per run. */
export function keyChecker(db: Kysely<CrmDatabase>) {
  const known = new Map<string, Promise<boolean>>();
  const partners = new Map<string, Promise<string | null>>();
  const partnerIn = (table: 'contact_persons' | 'projects' | 'inquiries', key: string): Promise<string | null> => {
    const cacheKey = `${table}\u0000${key}`;
    let answer = partners.get(cacheKey);
    if (answer === undefined) {
      answer = db
        .selectFrom(table)
        .select('business_partner_key')
        .where('key', '=', key)
        .executeTakeFirst()
        .then((row) => row?.business_partner_key ?? null);
      partners.set(cacheKey, answer);
    }
    return answer;
  };
  const exists = (table: KeyTable, key: string): Promise<boolean> => {
    const cacheKey = `${table}\u0000${key}`;
    let answer = known.get(cacheKey);
    if (answer === undefined) {
      answer = db
        .selectFrom(table)
        .select('key')
        .where('key', '=', key)
        .executeTakeFirst()
        .then((row) => row !== undefined);
      known.set(cacheKey, answer);
    }
    return answer;
  };
  return {
    /** The first key that does not exist, named for a message; undefined when all are fine. */
    async firstUnknown(values: ActivityValues, lang: 'de' | 'en'): Promise<{ field: string; key: string } | undefined> {
      for (const [field, table, name] of KEY_FIELDS) {
        const key = values[field];
        if (key !== null && !(await exists(table, key))) return { field: name[lang], key };
      }
      return undefined;
    },
    /** Likewise for the documents' categories and keywords (wizard step *Edit documents*). */
    async firstUnknownDocumentKey(
      documents: ReadonlyArray<{ category: string | null; keyword: string | null }>,
      lang: 'de' | 'en',
    ): Promise<{ field: string; key: string } | undefined> {
      for (const { category, keyword } of documents) {
        if (category !== null && !(await exists('document_categories', category))) return { field: lang === 'de' ? 'die Dokumentkategorie' : 'document category', key: category };
        if (keyword !== null && !(await exists('keywords', keyword))) return { field: lang === 'de' ? 'das Stichwort' : 'keyword', key: keyword };
      }
      return undefined;
    },
    /**
     * The first allocation that belongs to another business partner than the activity's (a contact person,
     * project or inquiry is always some partner's): the CRM would not accept the activity otherwise.
     */
    async firstMismatch(values: ActivityValues, lang: 'de' | 'en'): Promise<{ field: string; key: string; partner: string } | undefined> {
      const checks: Array<[string | null, 'contact_persons' | 'projects' | 'inquiries', { de: string; en: string }]> = [
        [values.contactPerson, 'contact_persons', { de: 'der Ansprechpartner', en: 'contact person' }],
        [values.project, 'projects', { de: 'das Projekt', en: 'project' }],
        [values.inquiry, 'inquiries', { de: 'die Anfrage', en: 'inquiry' }],
      ];
      for (const [key, table, name] of checks) {
        if (key === null) continue;
        const partner = await partnerIn(table, key);
        if (partner !== null && partner !== values.businessPartner) return { field: name[lang], key, partner };
      }
      return undefined;
    },
    async partnerOf(contactPerson: string | null | undefined): Promise<string | null> {
      if (contactPerson == null) return null;
      return partnerIn('contact_persons', contactPerson);
    },
  };
}
