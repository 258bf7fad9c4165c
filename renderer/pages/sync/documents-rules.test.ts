import { describe, expect, it } from 'vitest';
import { choiceOf, documentCount, documentGroups, selectionsWithDocuments, withChoice, type DocumentChoices } from './documents-rules';
import { candidate } from './test-candidates';

const offer = { id: 'att-1', name: 'offer.pdf', size: 2048, contentType: 'application/pdf' };
const prices = { id: 'att-2', name: 'prices.xlsx', size: 1024, contentType: null };
const withTwo = candidate('m-1', { attachmentCount: 2, attachments: [offer, prices] });
const without = candidate('m-2');
// The same attachment id in another mail: ids are only unique within a mail.
const sameId = candidate('m-3', { attachmentCount: 1, attachments: [{ ...offer, name: 'contract.pdf' }] });
const all = [withTwo, without, sameId];

describe('documentGroups', () => {
  it('lists the selected mails with attachments, in selection order, each once', () => {
    const groups = documentGroups(all, [{ messageId: 'm-3' }, { messageId: 'm-2' }, { messageId: 'm-1' }, { messageId: 'm-3' }]);
    expect(groups.map((g) => g.mail.messageId)).toEqual(['m-3', 'm-1']);
    expect(documentCount(groups)).toBe(3);
  });

  it('leaves out mails that are not selected', () => {
    expect(documentGroups(all, [{ messageId: 'm-2' }])).toEqual([]);
  });
});

describe('choices', () => {
  it('keep category and keyword per mail and attachment; "none" is null', () => {
    let choices: DocumentChoices = {};
    choices = withChoice(choices, 'm-1', 'att-1', 'category', 'OFFER');
    choices = withChoice(choices, 'm-1', 'att-1', 'keyword', 'LICENCE');
    choices = withChoice(choices, 'm-3', 'att-1', 'keyword', 'SUPPORT');
    expect(choiceOf(choices, 'm-1', 'att-1')).toEqual({ category: 'OFFER', keyword: 'LICENCE' });
    expect(choiceOf(choices, 'm-3', 'att-1')).toEqual({ category: null, keyword: 'SUPPORT' });
    expect(choiceOf(choices, 'm-1', 'att-2')).toEqual({ category: null, keyword: null });
    choices = withChoice(choices, 'm-1', 'att-1', 'category', '');
    expect(choiceOf(choices, 'm-1', 'att-1')).toEqual({ category: null, keyword: 'LICENCE' });
  });
});

describe('selectionsWithDocuments', () => {
  const choices = withChoice(withChoice(withChoice({}, 'm-1', 'att-1', 'category', 'OFFER'), 'm-1', 'att-1', 'keyword', 'LICENCE'), 'm-3', 'att-1', 'keyword', 'SUPPORT');
  const selections = [{ messageId: 'm-1', overrides: { subject: 'Offer' } }, { messageId: 'm-2' }, { messageId: 'm-3' }];

  it('adds the documents with a category or keyword to their own mail, overrides kept', () => {
    expect(selectionsWithDocuments(selections, all, choices, true)).toEqual([
      { messageId: 'm-1', overrides: { subject: 'Offer' }, documents: [{ attachmentId: 'att-1', category: 'OFFER', keyword: 'LICENCE' }] },
      { messageId: 'm-2' },
      { messageId: 'm-3', documents: [{ attachmentId: 'att-1', category: null, keyword: 'SUPPORT' }] },
    ]);
  });

  it('adds nothing for a mail that is not selected, and nothing at all without the documents step', () => {
    expect(selectionsWithDocuments([{ messageId: 'm-2' }], all, choices, true)).toEqual([{ messageId: 'm-2' }]);
    expect(selectionsWithDocuments(selections, all, choices, false)).toEqual(selections);
  });
});
