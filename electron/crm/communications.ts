/**
 * The communications of one owner (a contact person or a business partner) as the CRM data gives them, and
 * their rows in the store. The import replaces an owner's list only when it differs, keeping row ids stable
 * for an unchanged list.
 */
import type { Kysely } from 'kysely';
import type { CommunicationType } from '../../shared/crm/built-ins';
import type { CrmCommunication } from '../../shared/crm/crm-data';
import { newId } from './ids';
import type { CrmDatabase, Flag, NewCommunication } from './schema';

export interface CommunicationShape {
  type: CommunicationType;
  value: string;
  standard: Flag;
}

export type OwnerColumn = 'contact_person_key' | 'business_partner_key';

export function shapesOf(communications: readonly CrmCommunication[]): CommunicationShape[] {
  return communications.map(({ type, value, standard }) => ({ type, value, standard: standard === true ? 1 : 0 }));
}

/** Same entries in the same order (the order is the CRM's display order). */
export function sameCommunications(a: readonly CommunicationShape[], b: readonly CommunicationShape[]): boolean {
  return (
    a.length === b.length &&
    a.every((x, i) => {
      const y = b[i];
      return y !== undefined && x.type === y.type && x.value === y.value && x.standard === y.standard;
    })
  );
}

export async function communicationsByOwner(
  db: Kysely<CrmDatabase>,
  owner: OwnerColumn,
): Promise<Map<string, CommunicationShape[]>> {
  const rows = await db
    .selectFrom('communications')
    .select([owner, 'type', 'value', 'standard'])
    .where(owner, 'is not', null)
    .orderBy(owner)
    .orderBy('sort_order')
    .execute();
  const byOwner = new Map<string, CommunicationShape[]>();
  for (const row of rows) {
    const key = row[owner];
    if (key === null) continue;
    const list = byOwner.get(key) ?? [];
    list.push({ type: row.type, value: row.value, standard: row.standard });
    byOwner.set(key, list);
  }
  return byOwner;
}

export async function replaceCommunications(
  db: Kysely<CrmDatabase>,
  owner: OwnerColumn,
  ownerKey: string,
  shapes: readonly CommunicationShape[],
): Promise<void> {
  await db.deleteFrom('communications').where(owner, '=', ownerKey).execute();
  await insertCommunications(db, owner, ownerKey, shapes);
}

export async function insertCommunications(
  db: Kysely<CrmDatabase>,
  owner: OwnerColumn,
  ownerKey: string,
  shapes: readonly CommunicationShape[],
): Promise<void> {
  if (shapes.length === 0) return;
  await db
    .insertInto('communications')
    .values(shapes.map((shape, sortOrder) => communicationRow(owner, ownerKey, shape, sortOrder)))
    .execute();
}

export function communicationRow(
  owner: OwnerColumn,
  ownerKey: string,
  shape: CommunicationShape,
  sortOrder: number,
): NewCommunication {
  const email = shape.type === 'email' ? shape.value.trim().toLowerCase() : null;
  return {
    id: newId(),
    contact_person_key: owner === 'contact_person_key' ? ownerKey : null,
    business_partner_key: owner === 'business_partner_key' ? ownerKey : null,
    type: shape.type,
    value: shape.value,
    standard: shape.standard,
    sort_order: sortOrder,
    email_lower: email,
    email_domain: email === null ? null : email.slice(email.lastIndexOf('@') + 1),
  };
}
