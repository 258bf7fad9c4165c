import fc from 'fast-check';
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { z } from 'zod';
import type { SenderMatchKind } from '../sync/mail-import-types';
import { emailDomain, matchSender, senderAddress, type SenderDirectory, type SenderMatch } from './sender-match';

const freeMailDomains: ReadonlySet<string> = new Set(['gmail.com', 'gmx.de', 'web.de', 't-online.de', 'outlook.com']);
const nobody: SenderDirectory = { contactsWithAddress: [], partnersOnDomain: [], freeMailDomains };

describe('senderAddress', () => {
  it('takes from', () => {
    const message = {
      from: { emailAddress: { name: 'Anna Schmidt', address: 'a.schmidt@cursor.de' } },
      sender: { emailAddress: { name: 'Assistant', address: 'assistant@cursor.de' } },
    };
    expect(senderAddress(message)).toEqual({ name: 'Anna Schmidt', address: 'a.schmidt@cursor.de' });
  });

  it('keeps display names with commas and quotes as they are', () => {
    const comma = { from: { emailAddress: { name: 'Müller, Anna', address: 'a@x.de' } } };
    const quoted = { from: { emailAddress: { name: '"Quote" Name', address: 'q@x.de' } } };
    expect(senderAddress(comma)).toEqual({ name: 'Müller, Anna', address: 'a@x.de' });
    expect(senderAddress(quoted)).toEqual({ name: '"Quote" Name', address: 'q@x.de' });
  });

  it('trims but does not lower-case', () => {
    const message = { from: { emailAddress: { name: '  Anna  ', address: ' A.Schmidt@CURSOR.de\t' } } };
    expect(senderAddress(message)).toEqual({ name: 'Anna', address: 'A.Schmidt@CURSOR.de' });
  });

  it('gives an empty name when there is none', () => {
    expect(senderAddress({ from: { emailAddress: { address: 'a@x.de', name: null } } })).toEqual({ name: '', address: 'a@x.de' });
    expect(senderAddress({ from: { emailAddress: { address: 'a@x.de' } } })).toEqual({ name: '', address: 'a@x.de' });
  });

  it.each([
    ['from is missing', {}],
    ['from is null', { from: null }],
    ['from has no emailAddress', { from: {} }],
    ['from has a null emailAddress', { from: { emailAddress: null } }],
    ['from has no address', { from: { emailAddress: { name: 'Anna' } } }],
    ['from has a blank address', { from: { emailAddress: { name: 'Anna', address: '  ' } } }],
  ])('uses sender when %s', (_case, from) => {
    const message = { ...from, sender: { emailAddress: { name: 'Bob', address: 'bob@x.de' } } };
    expect(senderAddress(message)).toEqual({ name: 'Bob', address: 'bob@x.de' });
  });

  it('is null when neither from nor sender has an address', () => {
    expect(senderAddress({})).toBeNull();
    expect(senderAddress({ from: null, sender: null })).toBeNull();
    expect(senderAddress({ from: { emailAddress: { name: 'Anna', address: null } }, sender: { emailAddress: { address: '' } } })).toBeNull();
  });
});

describe('emailDomain', () => {
  it.each([
    ['a@cursor.de', 'cursor.de'],
    ['A.Schmidt@CURSOR.DE', 'cursor.de'],
    ['a@sub.cursor.de', 'sub.cursor.de'],
    ['"a@b"@cursor.de', 'cursor.de'], // the part after the *last* @
    ['a+tag@mail.example.co.uk', 'mail.example.co.uk'],
    ['m@MÜLLER.de', 'müller.de'],
    [' a@cursor.de ', 'cursor.de'],
  ])('%j → %j', (address, domain) => {
    expect(emailDomain(address)).toBe(domain);
  });

  it.each([
    [''],
    ['cursor.de'],
    ['@cursor.de'],
    ['a@'],
    ['a@localhost'],
    ['a@cursor.de.'],
    ['a@.cursor.de'],
    ['a@cursor..de'],
    ['a@cur sor.de'],
    ['Anna <a@cursor.de>'],
    ['a b@cursor.de'],
    ['a@cursor.de, b@cursor.de'],
    ['a@[192.168.0.1]'],
    ['/O=EXCHANGELABS/OU=EXCHANGE ADMINISTRATIVE GROUP/CN=RECIPIENTS/CN=ANNA'],
  ])('%j → null', (address) => {
    expect(emailDomain(address)).toBeNull();
  });

  it('is the lower-cased text after the last @ for any valid address', () => {
    const label = fc.stringMatching(/^[A-Za-z0-9-]{1,10}$/);
    const domain = fc.array(label, { minLength: 2, maxLength: 4 }).map((labels) => labels.join('.'));
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Za-z0-9._%+-]{1,20}$/), domain, (local, host) => {
        expect(emailDomain(`${local}@${host}`)).toBe(host.toLowerCase());
      }),
    );
  });
});

describe('matchSender', () => {
  it('links a contact person with this address and its business partner', () => {
    const directory = { ...nobody, contactsWithAddress: [{ key: 'CP-1', businessPartner: 'BP-CURSOR' }] };
    expect(matchSender('a.schmidt@cursor.de', directory)).toEqual({
      kind: 'contactPerson',
      contactPerson: 'CP-1',
      businessPartner: 'BP-CURSOR',
    });
  });

  it('links a contact person without a business partner', () => {
    const directory = { ...nobody, contactsWithAddress: [{ key: 'CP-9', businessPartner: null }] };
    expect(matchSender('solo@x.de', directory)).toEqual({ kind: 'contactPerson', contactPerson: 'CP-9', businessPartner: null });
  });

  it('links a contact person on a free-mail domain too', () => {
    const directory = { ...nobody, contactsWithAddress: [{ key: 'CP-2', businessPartner: 'BP-SMALL' }] };
    expect(matchSender('Hans.Meier@GMX.de', directory)).toEqual({ kind: 'contactPerson', contactPerson: 'CP-2', businessPartner: 'BP-SMALL' });
  });

  it('prefers the contact person over a business partner on the domain', () => {
    const directory = {
      ...nobody,
      contactsWithAddress: [{ key: 'CP-1', businessPartner: 'BP-CURSOR' }],
      partnersOnDomain: [{ key: 'BP-OTHER' }],
    };
    expect(matchSender('a@cursor.de', directory)).toMatchObject({ kind: 'contactPerson', contactPerson: 'CP-1' });
  });

  it('picks the contact person with the lowest key when several share the address', () => {
    const directory = {
      ...nobody,
      contactsWithAddress: [
        { key: 'CP-20', businessPartner: 'BP-B' },
        { key: 'CP-10', businessPartner: 'BP-A' },
        { key: 'CP-3', businessPartner: 'BP-C' },
      ],
    };
    // Code-unit order: "CP-10" < "CP-20" < "CP-3".
    expect(matchSender('team@cursor.de', directory)).toEqual({ kind: 'contactPerson', contactPerson: 'CP-10', businessPartner: 'BP-A' });
  });

  it('picks the same contact person whatever order the store returns them in', () => {
    const contacts = fc.uniqueArray(fc.record({ key: fc.string({ minLength: 1 }), businessPartner: fc.option(fc.string()) }), {
      minLength: 1,
      selector: (contact) => contact.key,
    });
    fc.assert(
      fc.property(contacts, (list) => {
        const forward = matchSender('a@x.de', { ...nobody, contactsWithAddress: list });
        const backward = matchSender('a@x.de', { ...nobody, contactsWithAddress: [...list].reverse() });
        expect(backward).toEqual(forward);
        const lowest = list.map((contact) => contact.key).sort()[0];
        expect(forward).toMatchObject({ kind: 'contactPerson', contactPerson: lowest });
      }),
    );
  });

  it('links the one business partner on the domain', () => {
    const directory = { ...nobody, partnersOnDomain: [{ key: 'BP-CURSOR' }] };
    expect(matchSender('new.person@cursor.de', directory)).toEqual({ kind: 'businessPartnerDomain', businessPartner: 'BP-CURSOR' });
  });

  it('counts a business partner listed twice (two addresses on the domain) once', () => {
    const directory = { ...nobody, partnersOnDomain: [{ key: 'BP-CURSOR' }, { key: 'BP-CURSOR' }] };
    expect(matchSender('new.person@cursor.de', directory)).toEqual({ kind: 'businessPartnerDomain', businessPartner: 'BP-CURSOR' });
  });

  it('leaves the mail unknown when two business partners are on the domain', () => {
    const directory = { ...nobody, partnersOnDomain: [{ key: 'BP-A' }, { key: 'BP-B' }] };
    expect(matchSender('x@shared-domain.de', directory)).toEqual({ kind: 'unknown', reason: 'severalPartnersOnDomain' });
  });

  it('leaves the mail unknown when no business partner is on the domain', () => {
    expect(matchSender('x@nowhere.de', nobody)).toEqual({ kind: 'unknown', reason: 'noPartnerOnDomain' });
  });

  it.each(['someone@gmail.com', 'Someone@GMail.COM', 'x@t-online.de'])('never matches the free-mail domain of %s', (address) => {
    // Even if a business partner (wrongly) has an address there.
    const directory = { ...nobody, partnersOnDomain: [{ key: 'BP-PRIVATE' }] };
    expect(matchSender(address, directory)).toEqual({ kind: 'unknown', reason: 'freeMail' });
  });

  it('treats a subdomain of a free-mail domain as a domain of its own', () => {
    const directory = { ...nobody, partnersOnDomain: [{ key: 'BP-MAILHOST' }] };
    expect(matchSender('x@mail.gmx.de', directory)).toEqual({ kind: 'businessPartnerDomain', businessPartner: 'BP-MAILHOST' });
  });

  it.each(['', 'not an address', '@cursor.de', 'a@localhost', '/O=EXCHANGELABS/OU=X/CN=RECIPIENTS/CN=ANNA'])(
    'calls %j an invalid address',
    (address) => {
      expect(matchSender(address, { ...nobody, partnersOnDomain: [{ key: 'BP-ANY' }] })).toEqual({ kind: 'unknown', reason: 'invalidAddress' });
    },
  );

  it('still links a contact person whose stored address is not a valid one', () => {
    const directory = { ...nobody, contactsWithAddress: [{ key: 'CP-1', businessPartner: null }] };
    expect(matchSender('a@localhost', directory)).toMatchObject({ kind: 'contactPerson', contactPerson: 'CP-1' });
  });

  it('works on the address senderAddress returns for a display name with a comma', () => {
    const from = senderAddress({ from: { emailAddress: { name: 'Müller, Anna', address: 'Anna.Mueller@Cursor.de' } } });
    expect(from).not.toBeNull();
    expect(matchSender(from?.address ?? '', { ...nobody, partnersOnDomain: [{ key: 'BP-CURSOR' }] })).toEqual({
      kind: 'businessPartnerDomain',
      businessPartner: 'BP-CURSOR',
    });
  });

  it('uses exactly the kinds the contract knows', () => {
    expectTypeOf<SenderMatch['kind']>().toEqualTypeOf<z.infer<typeof SenderMatchKind>>();
  });
});
