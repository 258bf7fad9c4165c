/**
 * DESIGN §3 "Signed-in employee": the employee whose e-mail equals the mailbox's `/me` mail or sign-in name
 * (case-insensitive); the CLI's `--employee KEY` overrides. A mailbox that matches no employee is refused with
 * a message saying so — importing mails for nobody would file them under the wrong person.
 */
import { sql } from 'kysely';
import { CompanionError } from '../../shared/ipc/contract-kit';
import type { CrmStore } from '../crm/store';
import type { MailboxUser } from '../groupware/mail-provider';

export async function resolveSignedInEmployee(
  store: CrmStore,
  me: Pick<MailboxUser, 'mail' | 'userPrincipalName'>,
  override?: string,
): Promise<string> {
  const wanted = override?.trim();
  if (wanted !== undefined && wanted !== '') {
    const employee = await store.db.selectFrom('employees').select('key').where('key', '=', wanted).executeTakeFirst();
    if (employee === undefined) throw new CompanionError('EMPLOYEE_NOT_FOUND', `There is no CRM employee with the key "${wanted}".`);
    return employee.key;
  }

  // The mail address first: it is what the CRM data records; the sign-in name only when it differs.
  const addresses = [...new Set([me.mail, me.userPrincipalName].map((a) => a?.trim().toLowerCase() ?? '').filter((a) => a !== ''))];
  const mailbox = addresses[0] ?? '(no address)';
  for (const address of addresses) {
    const matches = await store.db
      .selectFrom('employees')
      .select('key')
      .where(sql<string>`lower(trim(email))`, '=', address)
      .orderBy('key')
      .execute();
    const [only, ...more] = matches;
    if (only !== undefined && more.length === 0) return only.key;
    if (only !== undefined) {
      throw new CompanionError(
        'EMPLOYEE_AMBIGUOUS',
        `The mailbox ${mailbox} matches several CRM employees (${matches.map((m) => m.key).join(', ')}); choose one with --employee KEY.`,
      );
    }
  }
  const tried = addresses.length > 1 ? ` (neither ${addresses.join(' nor ')} is an employee's e-mail)` : '';
  throw new CompanionError(
    'EMPLOYEE_NOT_FOUND',
    `The mailbox ${mailbox} matches no CRM employee${tried}. Add the address to the employee in the CRM data, or choose the employee with --employee KEY.`,
  );
}
