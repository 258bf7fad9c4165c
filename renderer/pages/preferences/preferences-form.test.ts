import { describe, expect, it } from 'vitest';
import { DEFAULT_PREFERENCES, PreferencesPatch, type Preferences } from '../../../shared/prefs/preferences';
import { INTERVAL_MINUTES, diffForm, formOf, parseInterval, parseWebClientUrl, type PreferencesForm } from './preferences-form';

const saved: Preferences = { ...DEFAULT_PREFERENCES, webClientBaseUrl: 'https://crm.example.com/web' };

function edited(change: Partial<PreferencesForm>): PreferencesForm {
  return { ...formOf(saved), ...change };
}

describe('diffForm', () => {
  it('finds nothing to save in the untouched form', () => {
    expect(diffForm(saved, formOf(saved))).toEqual({ patch: {}, problems: [], dirty: false });
    expect(diffForm(DEFAULT_PREFERENCES, formOf(DEFAULT_PREFERENCES)).dirty).toBe(false);
  });

  it('sends only the changed fields, areas as a whole', () => {
    const form = edited({
      areas: { mails: true, tasks: true, appointments: false },
      automaticSync: true,
      syncIntervalMinutes: '30',
      resultView: 'summaryOnly',
      documentsStep: false,
      language: 'de',
    });
    const { patch, problems, dirty } = diffForm(saved, form);
    expect(patch).toEqual({
      areas: { mails: true, tasks: true, appointments: false },
      automaticSync: true,
      syncIntervalMinutes: 30,
      resultView: 'summaryOnly',
      documentsStep: false,
      language: 'de',
    });
    expect(problems).toEqual([]);
    expect(dirty).toBe(true);
    // What the page sends is what the contract accepts.
    expect(PreferencesPatch.safeParse(patch).success).toBe(true);
  });

  it('does not let the form share the stored areas object', () => {
    const form = formOf(saved);
    form.areas.tasks = true;
    expect(saved.areas.tasks).toBe(false);
    expect(diffForm(saved, form).patch).toEqual({ areas: { mails: true, tasks: true, appointments: false } });
  });

  it('counts a value as changed, not its spelling', () => {
    expect(diffForm(saved, edited({ syncIntervalMinutes: ' 015 ', webClientBaseUrl: ' https://crm.example.com/web/ ' })).dirty).toBe(false);
  });

  it('changing a field back makes the form clean again', () => {
    const there = edited({ mailsFromImportFolder: false });
    expect(diffForm(saved, there).dirty).toBe(true);
    expect(diffForm(saved, { ...there, mailsFromImportFolder: true }).dirty).toBe(false);
  });

  it('empties the Web Client address to null', () => {
    expect(diffForm(saved, edited({ webClientBaseUrl: '   ' })).patch).toEqual({ webClientBaseUrl: null });
  });

  it('keeps an invalid value out of the patch, reports it and still counts the form as changed', () => {
    const { patch, problems, dirty } = diffForm(saved, edited({ webClientBaseUrl: 'crm.example.com', syncIntervalMinutes: '2', documentsStep: false }));
    expect(patch).toEqual({ documentsStep: false });
    expect(problems).toEqual([
      { field: 'syncIntervalMinutes', kind: 'outOfRange' },
      { field: 'webClientBaseUrl', kind: 'notHttp' },
    ]);
    expect(dirty).toBe(true);
  });

  it('keeps the activity-window option as chosen while automatic sync is on (the page disables it; the value waits)', () => {
    expect(diffForm(saved, edited({ automaticSync: true, syncWhenActivityWindowOpens: true })).patch).toEqual({
      automaticSync: true,
      syncWhenActivityWindowOpens: true,
    });
  });
});

describe('parseInterval', () => {
  it('takes the schema bounds', () => {
    expect(INTERVAL_MINUTES).toEqual({ min: 5, max: 1440 });
  });

  it.each([
    ['5', 5],
    ['1440', 1440],
    [' 60 ', 60],
  ])('%j → %d minutes', (text, minutes) => {
    expect(parseInterval(text)).toEqual({ ok: true, value: minutes });
  });

  it.each([
    ['4', 'outOfRange'],
    ['1441', 'outOfRange'],
    ['0', 'outOfRange'],
    ['', 'notAWholeNumber'],
    ['15.5', 'notAWholeNumber'],
    ['-5', 'notAWholeNumber'],
    ['1e3', 'notAWholeNumber'],
    ['fifteen', 'notAWholeNumber'],
  ])('%j is refused: %s', (text, kind) => {
    expect(parseInterval(text)).toEqual({ ok: false, problem: { field: 'syncIntervalMinutes', kind } });
  });
});

describe('parseWebClientUrl', () => {
  it.each([
    ['https://crm.example.com/webclient/', 'https://crm.example.com/webclient'],
    ['  HTTP://crm.local:8080  ', 'HTTP://crm.local:8080'],
    ['', null],
  ])('%j → %j', (text, url) => {
    expect(parseWebClientUrl(text)).toEqual({ ok: true, value: url });
  });

  it.each([
    ['crm.example.com', 'notHttp'],
    ['ftp://crm.example.com', 'notHttp'],
    ['javascript:alert(1)', 'notHttp'],
    ['https:/crm.example.com', 'notHttp'],
    ['https://', 'notAUrl'],
    ['https://crm example.com', 'notAUrl'],
  ])('%j is refused: %s', (text, kind) => {
    expect(parseWebClientUrl(text)).toEqual({ ok: false, problem: { field: 'webClientBaseUrl', kind } });
  });
});
