import { describe, expect, it } from 'vitest';
import type { ActivityDetail } from '../../../../shared/crm/activity-detail';
import { changesOf, dateFields, formOf, fromLocalInput, problemsOf, toLocalInput, withAllocation, withPartner } from './activity-form';

const mail = {
  id: 'a1', type: 'MAILIN', status: 'I', subject: 'Hops', date: '2026-11-02T09:30:00.000Z', start: null, end: null, due: null,
  employee: 'MUE', contactPerson: 'CP-1', businessPartner: 'BP-1', project: 'PR-1', inquiry: null,
} as unknown as ActivityDetail;

describe('the activity form', () => {
  it('round-trips local date inputs', () => {
    expect(fromLocalInput(toLocalInput(mail.date))).toBe(mail.date);
    expect(fromLocalInput('')).toBeNull();
  });
  it('sends only what changed', () => {
    const form = { ...formOf(mail), type: 'PHONE', subject: 'Hops order' };
    expect(changesOf(form, mail)).toEqual({ type: 'PHONE', subject: 'Hops order' });
    expect(changesOf(formOf(mail), mail)).toEqual({});
  });
  it('says what is wrong: an empty subject, a missing date, an end before the start', () => {
    expect(problemsOf({ ...formOf(mail), subject: ' ', date: '' })).toEqual(['subject', 'date']);
    const event = { ...formOf(mail), start: '2026-11-02T10:00', end: '2026-11-02T09:00' };
    expect(dateFields(event)).toEqual(['start', 'end']);
    expect(problemsOf(event)).toEqual(['end']);
  });
  it('another partner takes off what belonged to the former one; a contact of another partner brings it', () => {
    const owner = (kind: string, key: string) => (key === 'PR-1' ? 'BP-2' : 'BP-1');
    expect(withPartner(formOf(mail), 'BP-2', owner)).toMatchObject({ businessPartner: 'BP-2', contactPerson: null, project: 'PR-1' });
    expect(withAllocation(formOf(mail), 'contactPerson', 'CP-9', 'BP-9')).toMatchObject({ businessPartner: 'BP-9', contactPerson: 'CP-9', project: null });
    expect(withAllocation(formOf(mail), 'inquiry', 'IN-1', 'BP-1')).toMatchObject({ businessPartner: 'BP-1', project: 'PR-1', inquiry: 'IN-1' });
  });
});
