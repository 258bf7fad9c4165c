/**
 * Small, valid building blocks for tests of the store and of code built on it (engine, CLI): one employee,
 * partner and contact person, and activities with every mandatory field filled.
 */
import { importCrmData } from './import';
import { newId } from './ids';
import type { NewActivity } from './schema';
import type { CrmStore } from './store';

export const MINIMAL_CRM_DATA = {
  employees: [
    { key: 'MUE', name: 'Maria Müller', email: 'm.mueller@example.com' },
    { key: 'SCH', name: 'Jonas Schneider', email: 'j.schneider@example.com' },
  ],
  businessPartners: [
    { key: 'BP-CURSOR', name: 'CURSOR Software AG', communications: [{ type: 'email', value: 'info@cursor.de', standard: true }] },
  ],
  contactPersons: [
    {
      key: 'CP-1',
      name: 'Anna Schmidt',
      businessPartner: 'BP-CURSOR',
      communications: [{ type: 'email', value: 'a.schmidt@cursor.de', standard: true }],
    },
  ],
  documentCategories: [{ key: 'OFFER', label: { de: 'Angebot', en: 'Offer' } }],
  keywords: [{ key: 'LICENCE', label: { de: 'Lizenz', en: 'Licence' } }],
};

export async function seedMinimalCrmData(store: CrmStore): Promise<void> {
  await importCrmData(store, MINIMAL_CRM_DATA);
}

/** An imported mail of MUE received at `date`; override any column. */
export function importedMail(date: string, overrides: Partial<NewActivity> = {}): NewActivity {
  const id = overrides.id ?? newId();
  return {
    id,
    type_key: 'MAILIN',
    status_key: 'I',
    subject: `Mail ${id}`,
    date,
    responsible_employee_key: 'MUE',
    origin: 'groupware',
    created_at: date,
    updated_at: date,
    imported_at: date,
    groupware_provider: 'graph',
    groupware_mailbox: 'm.mueller@example.com',
    groupware_kind: 'message',
    groupware_item_id: `item-${id}`,
    internet_message_id: `<${id}@mail.example.com>`,
    ...overrides,
  };
}
