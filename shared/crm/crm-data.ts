/**
 * The CRM master data file (`/work/shared/crm-data-format.md`): its schema and every rule that can be checked
 * without the store. The whole file is checked before anything is written; each problem names the entry and
 * the rule (see crm-data-problems.ts). The one rule that needs the store, "the business partner exists", is
 * `findUnknownBusinessPartners` below.
 */
import { z } from 'zod';
import { COMMUNICATION_TYPES } from './built-ins';
import { formatIssue, quote } from './crm-data-problems';
import { CRM_DATA_LISTS, type CrmDataList } from './import-report';

const EmailFormat = z.email();
export function isEmailAddress(value: string): boolean {
  return EmailFormat.safeParse(value).success;
}

/** A bare domain such as `gmx.de`: no `@`, no scheme, no path, at least one dot, letters for the top level. */
const BARE_DOMAIN = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/;

const Key = z
  .string()
  .min(1)
  .refine((key) => key.trim() === key, { message: 'must not start or end with a space' });

/** Status keys are written into Outlook folder names (`CRM Erledigt [E]`), so they cannot hold brackets. */
const StatusKeyValue = Key.refine((key) => !/[\s[\]]/.test(key), {
  message: 'must not contain spaces or square brackets: it is written in folder names like "CRM Erledigt [E]"',
});

const Name = z.string().min(1);

const Label = z
  .strictObject({ de: z.string().min(1).optional(), en: z.string().min(1).optional() })
  .superRefine((label, ctx) => {
    const missing = (['de', 'en'] as const).filter((language) => label[language] === undefined);
    if (missing.length > 0) {
      ctx.addIssue({ code: 'custom', message: `needs both "de" and "en" (missing ${missing.map(quote).join(' and ')})` });
    }
  })
  .transform(({ de, en }) => ({ de: de ?? '', en: en ?? '' }));

const Communication = z
  .strictObject({
    type: z.enum(COMMUNICATION_TYPES),
    value: z.string().min(1),
    standard: z.boolean().optional(),
  })
  .superRefine((communication, ctx) => {
    if (communication.type === 'email' && !isEmailAddress(communication.value)) {
      ctx.addIssue({ code: 'custom', path: ['value'], message: `${quote(communication.value)} is not a valid e-mail address` });
    }
  });

/** Sender matching and "invite the standard address" need one standard per type and owner. */
const Communications = z.array(Communication).superRefine((communications, ctx) => {
  const standardOfType = new Map<string, number>();
  communications.forEach((communication, index) => {
    if (!communication.standard) return;
    const first = standardOfType.get(communication.type);
    if (first === undefined) {
      standardOfType.set(communication.type, index);
    } else {
      ctx.addIssue({
        code: 'custom',
        path: [index],
        message: `is a second standard communication of type ${quote(communication.type)} (communications[${first}] is already standard; one per type)`,
      });
    }
  });
});

const Employee = z.strictObject({ key: Key, name: Name, email: z.email() });
const BusinessPartner = z.strictObject({ key: Key, name: Name, communications: Communications.optional() });
const ContactPerson = z.strictObject({
  key: Key,
  name: Name,
  businessPartner: Key,
  communications: Communications.optional(),
});
const PartnerItem = z.strictObject({ key: Key, name: Name, businessPartner: Key });
const KeyWithLabel = z.strictObject({ key: Key, label: Label });
const StatusKeyEntry = z.strictObject({ key: StatusKeyValue, label: Label });
const FreeMailDomain = z
  .string()
  .refine((domain) => BARE_DOMAIN.test(domain.toLowerCase()), {
    message: 'is not a bare domain (write it like "gmx.de": no "@", no "http://", no path)',
  })
  .transform((domain) => domain.toLowerCase());

/** Every list whose entries carry a `key` (free-mail domains are bare strings). */
const KEYED_LISTS = CRM_DATA_LISTS.filter(
  (list): list is Exclude<CrmDataList, 'freeMailDomains'> => list !== 'freeMailDomains',
);

export const CrmDataFile = z
  .strictObject({
    employees: z.array(Employee).optional(),
    businessPartners: z.array(BusinessPartner).optional(),
    contactPersons: z.array(ContactPerson).optional(),
    projects: z.array(PartnerItem).optional(),
    inquiries: z.array(PartnerItem).optional(),
    activityTypes: z.array(KeyWithLabel).optional(),
    statusKeys: z.array(StatusKeyEntry).optional(),
    documentCategories: z.array(KeyWithLabel).optional(),
    keywords: z.array(KeyWithLabel).optional(),
    freeMailDomains: z.array(FreeMailDomain).optional(),
  })
  .superRefine((data, ctx) => {
    for (const list of KEYED_LISTS) {
      reportDuplicates(ctx, list, (data[list] ?? []).map((entry) => entry.key), 'key');
    }
    // The signed-in employee is found by e-mail: two employees with one address would make that a guess.
    reportDuplicates(ctx, 'employees', (data.employees ?? []).map((employee) => employee.email.toLowerCase()), 'email');
    reportDuplicates(ctx, 'freeMailDomains', data.freeMailDomains ?? [], null);
  });

export type CrmData = z.output<typeof CrmDataFile>;
export type CrmEmployee = NonNullable<CrmData['employees']>[number];
export type CrmBusinessPartner = NonNullable<CrmData['businessPartners']>[number];
export type CrmContactPerson = NonNullable<CrmData['contactPersons']>[number];
export type CrmCommunication = NonNullable<CrmContactPerson['communications']>[number];
export type CrmPartnerItem = NonNullable<CrmData['projects']>[number];
export type CrmKeyWithLabel = NonNullable<CrmData['activityTypes']>[number];

function reportDuplicates(ctx: z.RefinementCtx, list: string, values: readonly string[], field: string | null): void {
  const firstIndex = new Map<string, number>();
  values.forEach((value, index) => {
    const first = firstIndex.get(value);
    if (first === undefined) {
      firstIndex.set(value, index);
      return;
    }
    ctx.addIssue({
      code: 'custom',
      path: field === null ? [list, index] : [list, index, field],
      message: `${field === null ? '' : `${quote(value)} `}appears twice (also ${list}[${first}])`,
    });
  });
}

export type CrmDataValidation = { ok: true; data: CrmData } | { ok: false; problems: string[] };

/** Checks the structure and every store-independent rule of a whole CRM data file. */
export function validateCrmData(raw: unknown): CrmDataValidation {
  const parsed = CrmDataFile.safeParse(raw, { reportInput: true });
  if (parsed.success) return { ok: true, data: parsed.data };
  return { ok: false, problems: parsed.error.issues.map((issue) => formatIssue(raw, issue)) };
}

/**
 * Contact persons, projects and inquiries must name a business partner that the same file brings or the store
 * already holds (an import may add contact persons to partners imported earlier).
 */
export function findUnknownBusinessPartners(data: CrmData, storeHas: (key: string) => boolean): string[] {
  const inFile = new Set((data.businessPartners ?? []).map((partner) => partner.key));
  const problems: string[] = [];
  for (const list of ['contactPersons', 'projects', 'inquiries'] as const) {
    (data[list] ?? []).forEach((entry, index) => {
      if (inFile.has(entry.businessPartner) || storeHas(entry.businessPartner)) return;
      problems.push(`${list}[${index}] ${quote(entry.key)}: businessPartner ${quote(entry.businessPartner)} does not exist`);
    });
  }
  return problems;
}
