/**
 * DESIGN §3 "Sender matching": which contact person and business partner an imported mail belongs to. The
 * engine looks the address and its domain up in the store; the rules deciding between the results live here.
 */

/** A recipient as Graph gives it (`from`, `sender`): any part may be missing or null. */
export interface GraphRecipient {
  emailAddress?: { address?: string | null; name?: string | null } | null;
}

export interface SenderAddress {
  /** The display name as sent (commas, quotes and case kept); '' when there is none. */
  name: string;
  /** The address as sent, trimmed, case kept: compare it case-insensitively. */
  address: string;
}

/**
 * The address to match: the message's `from`, else its `sender` (Graph fills `sender` alone for some
 * delegated and system mails). Null when neither carries an address.
 */
export function senderAddress(message: { from?: GraphRecipient | null; sender?: GraphRecipient | null }): SenderAddress | null {
  return recipientAddress(message.from) ?? recipientAddress(message.sender);
}

function recipientAddress(recipient: GraphRecipient | null | undefined): SenderAddress | null {
  const address = recipient?.emailAddress?.address?.trim() ?? '';
  if (address === '') return null;
  return { name: recipient?.emailAddress?.name?.trim() ?? '', address };
}

/** Dot-separated labels without white space or the characters that frame or list addresses ("<a@b.de>", "a@b.de,"). */
const DOMAIN = /^[^\s.@<>()[\]\\,;:"']+(?:\.[^\s.@<>()[\]\\,;:"']+)+$/u;
/** A local part must not hold what separates addresses either ("a@x.de, b@x.de" is two addresses, not one). */
const LOCAL_PART = /^[^\s<>,;]+$/u;

/**
 * The domain of an address, lower-cased: exactly the part after the last "@" (`a@sub.cursor.de` →
 * `sub.cursor.de`, another domain than `cursor.de`). The store cuts communications the same way. Null when
 * there is no "@", nothing (or white space) before it, or the rest is no domain (no dot, an empty label, white
 * space, brackets) — e.g. the X.500 addresses Exchange gives internal senders (`/O=EXCHANGELABS/OU=…`).
 */
export function emailDomain(address: string): string | null {
  const trimmed = address.trim();
  const at = trimmed.lastIndexOf('@');
  const domain = trimmed.slice(at + 1).toLowerCase();
  return at > 0 && LOCAL_PART.test(trimmed.slice(0, at)) && DOMAIN.test(domain) ? domain : null;
}

export interface SenderDirectory {
  /** Contact persons having an e-mail communication equal to the address (case-insensitive), as the engine found them. */
  contactsWithAddress: ReadonlyArray<{ key: string; businessPartner: string | null }>;
  /** Business partners whose *own* e-mail communications are on the address's domain ("BPwithEmail"). */
  partnersOnDomain: ReadonlyArray<{ key: string }>;
  /** Built-in free-mail domains plus those the CRM data adds, lower-cased as the store keeps them. */
  freeMailDomains: ReadonlySet<string>;
}

export type UnknownSenderReason = 'noContact' | 'freeMail' | 'noPartnerOnDomain' | 'severalPartnersOnDomain' | 'invalidAddress';

export type SenderMatch =
  | { kind: 'contactPerson'; contactPerson: string; businessPartner: string | null }
  | { kind: 'businessPartnerDomain'; businessPartner: string }
  /** `noContact` is part of the agreed type but not produced: each unknown sender gets a more specific reason. */
  | { kind: 'unknown'; reason: UnknownSenderReason };

/**
 * (1) A contact person with this address wins, on free-mail domains too. (2) Otherwise the domain: exactly one
 * business partner on it is linked; none or several leave the mail unknown, and a free-mail domain is never
 * matched by domain, since anyone can have an address there. (3) Everything else is unknown, with the reason.
 */
export function matchSender(address: string, directory: SenderDirectory): SenderMatch {
  const contact = lowestKey(directory.contactsWithAddress);
  if (contact !== undefined) {
    return { kind: 'contactPerson', contactPerson: contact.key, businessPartner: contact.businessPartner };
  }
  const domain = emailDomain(address);
  if (domain === null) return { kind: 'unknown', reason: 'invalidAddress' };
  if (directory.freeMailDomains.has(domain)) return { kind: 'unknown', reason: 'freeMail' };
  // A partner with two addresses on the domain may be listed twice: it is still one partner.
  const partners = [...new Set(directory.partnersOnDomain.map((partner) => partner.key))];
  const [only] = partners;
  if (only === undefined) return { kind: 'unknown', reason: 'noPartnerOnDomain' };
  if (partners.length > 1) return { kind: 'unknown', reason: 'severalPartnersOnDomain' };
  return { kind: 'businessPartnerDomain', businessPartner: only };
}

/**
 * Several contact persons can share one address (a team mailbox, a person entered twice). The CRM data gives no
 * better tie-breaker, so the lowest key wins — compared by code unit, not by locale, so every machine picks the
 * same contact and a re-import links the same one.
 */
function lowestKey<T extends { key: string }>(entries: readonly T[]): T | undefined {
  return entries.reduce<T | undefined>((lowest, entry) => (lowest === undefined || entry.key < lowest.key ? entry : lowest), undefined);
}
