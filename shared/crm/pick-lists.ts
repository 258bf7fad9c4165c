/**
 * The CRM's own lists that the wizard's pickers offer (`crm.lists`): activity types and status keys with their
 * labels in both UI languages, employees and business partners by name, and contact persons, projects and
 * inquiries with the business partner each belongs to — so a picker can offer the entries that fit the row's
 * business partner first. Each list is sorted by what users read (label or name), then key.
 */
import { z } from 'zod';

export const LabelledKey = z.object({ key: z.string(), label: z.object({ de: z.string(), en: z.string() }) });
export type LabelledKey = z.infer<typeof LabelledKey>;

export const NamedKey = z.object({ key: z.string(), name: z.string() });
export type NamedKey = z.infer<typeof NamedKey>;

/** A contact person, project or inquiry: it belongs to one business partner. */
export const PartnerItem = NamedKey.extend({ businessPartner: z.string() });
export type PartnerItem = z.infer<typeof PartnerItem>;

export const CrmPickLists = z.object({
  types: z.array(LabelledKey),
  statuses: z.array(LabelledKey),
  employees: z.array(NamedKey),
  businessPartners: z.array(NamedKey),
  contactPersons: z.array(PartnerItem),
  projects: z.array(PartnerItem),
  inquiries: z.array(PartnerItem),
  /** The *Edit documents* step: a document's category and keyword. */
  documentCategories: z.array(LabelledKey),
  keywords: z.array(LabelledKey),
});
export type CrmPickLists = z.infer<typeof CrmPickLists>;
