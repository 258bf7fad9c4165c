import { describe, expect, it } from 'vitest';
import { nextSort, offeredLists, pageQuery, viewFromSearchParams } from './list-view';

describe('the activities window’s view', () => {
  it('opens *This import* from the tray link, a named list, or *Not assigned imported mails*', () => {
    expect(viewFromSearchParams(new URLSearchParams('run=r1'))).toMatchObject({ list: 'this-import', runId: 'r1' });
    expect(viewFromSearchParams(new URLSearchParams('list=all-activities'))).toMatchObject({ list: 'all-activities', runId: null });
    expect(viewFromSearchParams(new URLSearchParams('list=this-import'))).toMatchObject({ list: 'not-assigned-imported-mails' });
    expect(viewFromSearchParams(new URLSearchParams(''))).toMatchObject({ list: 'not-assigned-imported-mails' });
  });
  it('offers *This import* only with a run', () => {
    expect(offeredLists(null)).not.toContain('this-import');
    expect(offeredLists('r1')).toContain('this-import');
  });
  it('asks for a page without empty filters', () => {
    const view = { ...viewFromSearchParams(new URLSearchParams('run=r1')), search: ' hops ', filters: { subject: 'x', type: ' ' } };
    expect(pageQuery(view, 200)).toEqual({ list: 'this-import', runId: 'r1', search: 'hops', filters: { subject: 'x' }, sort: { column: 'date', direction: 'desc' }, offset: 200, limit: 200 });
  });
  it('sorts a new column ascending (dates newest first), the same column the other way', () => {
    expect(nextSort({ column: 'date', direction: 'desc' }, 'subject')).toEqual({ column: 'subject', direction: 'asc' });
    expect(nextSort({ column: 'subject', direction: 'asc' }, 'subject')).toEqual({ column: 'subject', direction: 'desc' });
    expect(nextSort({ column: 'subject', direction: 'asc' }, 'date')).toEqual({ column: 'date', direction: 'desc' });
  });
});
