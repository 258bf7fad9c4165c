import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importCrmData } from '../crm/import';
import { openInMemoryCrmStore, type CrmStore } from '../crm/store';
import { seedMinimalCrmData } from '../crm/test-data';
import { resolveSignedInEmployee } from './signed-in-employee';

let store: CrmStore;
beforeEach(async () => {
  store = await openInMemoryCrmStore();
  await seedMinimalCrmData(store); // MUE m.mueller@example.com, SCH j.schneider@example.com
});
afterEach(async () => {
  await store.close();
});

const failure = (promise: Promise<unknown>) => promise.then(() => undefined, (e: unknown) => e as { code: string; message: string });

describe('resolveSignedInEmployee', () => {
  it('finds the employee by the mailbox mail, case-insensitively, else by the sign-in name', async () => {
    expect(await resolveSignedInEmployee(store, { mail: 'M.Mueller@Example.com', userPrincipalName: 'mm@tenant.onmicrosoft.com' })).toBe('MUE');
    expect(await resolveSignedInEmployee(store, { mail: null, userPrincipalName: 'J.SCHNEIDER@example.com' })).toBe('SCH');
    expect(await resolveSignedInEmployee(store, { mail: 'nobody@example.com', userPrincipalName: 'j.schneider@example.com' })).toBe('SCH');
  });

  it('takes the --employee override when that employee exists', async () => {
    expect(await resolveSignedInEmployee(store, { mail: 'm.mueller@example.com', userPrincipalName: 'x' }, 'SCH')).toBe('SCH');
    const unknown = await failure(resolveSignedInEmployee(store, { mail: 'm.mueller@example.com', userPrincipalName: 'x' }, 'XYZ'));
    expect(unknown).toMatchObject({ code: 'EMPLOYEE_NOT_FOUND', message: 'There is no CRM employee with the key "XYZ".' });
  });

  it('refuses a mailbox that matches no employee, saying which mailbox', async () => {
    const refused = await failure(resolveSignedInEmployee(store, { mail: 'm.x@y.de', userPrincipalName: 'mx@tenant.onmicrosoft.com' }));
    expect(refused?.code).toBe('EMPLOYEE_NOT_FOUND');
    expect(refused?.message).toMatch(/^The mailbox m\.x@y\.de matches no CRM employee .*--employee KEY/);
  });

  it('refuses to guess between two employees sharing the address', async () => {
    await importCrmData(store, { employees: [{ key: 'MUE2', name: 'Maria Müller (2)', email: 'm.mueller@example.com' }] });
    const ambiguous = await failure(resolveSignedInEmployee(store, { mail: 'm.mueller@example.com', userPrincipalName: 'x' }));
    expect(ambiguous).toMatchObject({ code: 'EMPLOYEE_AMBIGUOUS' });
    expect(ambiguous?.message).toContain('(MUE, MUE2)');
  });
});
