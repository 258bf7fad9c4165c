import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { displayNames } from './names';
import { openInMemoryCrmStore, type CrmStore } from './store';
import { seedMinimalCrmData } from './test-data';

let store: CrmStore;
beforeAll(async () => {
  store = await openInMemoryCrmStore();
  await seedMinimalCrmData(store);
});
afterAll(() => store.close());

/** The store's database, counting the queries sent through it. */
function counted() {
  const count = { queries: 0 };
  // transformResult runs once per query sent (transformQuery also once per part of a UNION).
  const db = store.db.withPlugin({
    transformQuery: (args) => args.node,
    transformResult: (args) => {
      count.queries += 1;
      return Promise.resolve(args.result);
    },
  });
  return { db, count };
}

describe('displayNames', () => {
  it('names partners, contact persons and employees of a whole list in one query', async () => {
    const { db, count } = counted();
    const names = await displayNames(db, {
      businessPartner: ['BP-CURSOR', null, 'BP-CURSOR', 'BP-GONE'],
      contactPerson: ['CP-1', 'CP-1', null],
      employee: ['MUE', 'SCH', 'MUE'],
    });
    expect(count.queries).toBe(1);
    expect(names.businessPartner('BP-CURSOR')).toBe('CURSOR Software AG');
    expect(names.contactPerson('CP-1')).toBe('Anna Schmidt');
    expect(names.employee('MUE')).toBe('Maria Müller');
    expect(names.employee('SCH')).toBe('Jonas Schneider');
    // A key of one kind does not name another kind; unknown and null keys have no name.
    expect(names.contactPerson('BP-CURSOR')).toBeNull();
    expect(names.businessPartner('BP-GONE')).toBeNull();
    expect(names.businessPartner(null)).toBeNull();
  });

  it('asks nothing when there is nothing to name', async () => {
    const { db, count } = counted();
    const names = await displayNames(db, { businessPartner: [null], employee: [] });
    expect(count.queries).toBe(0);
    expect(names.employee('MUE')).toBeNull();
  });

  it('splits very long lists into a few queries, not one per key', async () => {
    const { db, count } = counted();
    const many = Array.from({ length: 2500 }, (_, i) => `BP-${i}`);
    const names = await displayNames(db, { businessPartner: [...many, 'BP-CURSOR'], employee: ['MUE'] });
    expect(count.queries).toBe(3);
    expect(names.businessPartner('BP-CURSOR')).toBe('CURSOR Software AG');
    expect(names.employee('MUE')).toBe('Maria Müller');
  });
});
