/**
 * The store lookups behind sender matching (DESIGN §3); the rules deciding between the results are shared
 * (shared/mail/sender-match.ts). Contacts by an e-mail communication equal to the address (the store keeps it
 * lower-cased for exactly this), business partners by their own e-mail communications on the address's domain,
 * and the free-mail domains. Answers are cached per address for one run.
 */
import type { Kysely } from 'kysely';
import { emailDomain, matchSender, type SenderMatch } from '../../../shared/mail/sender-match';
import type { CrmDatabase } from '../../crm/schema';

export interface SenderMatcher {
  match(address: string | null): Promise<SenderMatch | null>;
}

export function senderMatcher(db: Kysely<CrmDatabase>): SenderMatcher {
  const cache = new Map<string, Promise<SenderMatch>>();
  let freeMail: Promise<ReadonlySet<string>> | undefined;

  const lookUp = async (address: string): Promise<SenderMatch> => {
    freeMail ??= db
      .selectFrom('free_mail_domains')
      .select('domain')
      .execute()
      .then((rows) => new Set(rows.map((row) => row.domain.toLowerCase())));
    const contactsWithAddress = await db
      .selectFrom('communications')
      .innerJoin('contact_persons', 'contact_persons.key', 'communications.contact_person_key')
      .select(['contact_persons.key as key', 'contact_persons.business_partner_key as businessPartner'])
      .where('communications.type', '=', 'email')
      .where('communications.email_lower', '=', address.trim().toLowerCase())
      .execute();
    const domain = emailDomain(address);
    const partnersOnDomain =
      domain === null
        ? []
        : await db
            .selectFrom('communications')
            .select('business_partner_key as key')
            .distinct()
            .where('communications.type', '=', 'email')
            .where('communications.email_domain', '=', domain)
            .where('communications.business_partner_key', 'is not', null)
            .execute();
    return matchSender(address, {
      contactsWithAddress,
      partnersOnDomain: partnersOnDomain.flatMap((row) => (row.key === null ? [] : [{ key: row.key }])),
      freeMailDomains: await freeMail,
    });
  };

  return {
    match(address) {
      if (address === null || address.trim() === '') return Promise.resolve(null);
      const key = address.trim().toLowerCase();
      let answer = cache.get(key);
      if (answer === undefined) {
        answer = lookUp(address);
        cache.set(key, answer);
      }
      return answer;
    },
  };
}
