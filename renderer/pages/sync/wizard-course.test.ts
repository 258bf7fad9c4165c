import { describe, expect, it } from 'vitest';
import { DEFAULT_PREFERENCES } from '../../../shared/prefs/preferences';
import { canReadOutlook, initialAreas, leavingLosesWork, pageAfter, pageBefore, requestedAreas, stepAfter, wizardSteps } from './wizard-course';

describe('wizardSteps', () => {
  it('has the documents step between activity selection and import while the admin setting is on', () => {
    expect(wizardSteps(true)).toEqual(['areas', 'activities', 'documents', 'import', 'completed']);
  });

  it('leaves it out entirely when the setting is off: not shown, not counted', () => {
    expect(wizardSteps(false)).toEqual(['areas', 'activities', 'import', 'completed']);
  });

  it('leaves it out when no mails are chosen: appointments and tasks have no documents to categorize', () => {
    expect(wizardSteps(true, false)).toEqual(['areas', 'activities', 'import', 'completed']);
    expect(wizardSteps(true, true)).toEqual(['areas', 'activities', 'documents', 'import', 'completed']);
  });

  it('goes from the activity selection to the documents, or straight to the import', () => {
    expect(stepAfter(wizardSteps(true), 'activities')).toBe('documents');
    expect(stepAfter(wizardSteps(true), 'documents')).toBe('import');
    expect(stepAfter(wizardSteps(false), 'activities')).toBe('import');
    expect(stepAfter(wizardSteps(false), 'completed')).toBe('completed');
  });
});

describe('areas', () => {
  it('start as the preferences say: mails only out of the box', () => {
    expect(initialAreas(DEFAULT_PREFERENCES)).toEqual({ mails: true, tasks: false, appointments: false });
    expect(initialAreas({ areas: { mails: false, tasks: true, appointments: true } })).toEqual({ mails: false, tasks: true, appointments: true });
  });

  it('need one of them ticked to read Outlook, whichever it is', () => {
    expect(canReadOutlook({ mails: true, tasks: false, appointments: false })).toBe(true);
    expect(canReadOutlook({ mails: false, tasks: true, appointments: false })).toBe(true);
    expect(canReadOutlook({ mails: false, tasks: false, appointments: true })).toBe(true);
    expect(canReadOutlook({ mails: false, tasks: false, appointments: false })).toBe(false);
  });

  it('are asked for, ticked ones only, in the order the first step lists them', () => {
    expect(requestedAreas({ mails: true, tasks: false, appointments: false })).toEqual(['mails']);
    expect(requestedAreas({ mails: true, tasks: true, appointments: true })).toEqual(['mails', 'tasks', 'appointments']);
    expect(requestedAreas({ mails: false, tasks: true, appointments: true })).toEqual(['tasks', 'appointments']);
  });

  it('give the activity selection one page each, walked forward and back', () => {
    const pages = requestedAreas({ mails: true, tasks: false, appointments: true });
    expect(pageAfter(pages, 'mails')).toBe('appointments');
    expect(pageAfter(pages, 'appointments')).toBeNull();
    expect(pageBefore(pages, 'appointments')).toBe('mails');
    expect(pageBefore(pages, 'mails')).toBeNull();
  });
});

describe('leavingLosesWork', () => {
  const untouched = initialAreas(DEFAULT_PREFERENCES);

  it('is false on the first step while its ticks are the preferences', () => {
    expect(leavingLosesWork('areas', untouched, DEFAULT_PREFERENCES)).toBe(false);
  });

  it('is true on the first step once a tick differs from the preferences', () => {
    expect(leavingLosesWork('areas', { ...untouched, tasks: true }, DEFAULT_PREFERENCES)).toBe(true);
    expect(leavingLosesWork('areas', { ...untouched, mails: false }, DEFAULT_PREFERENCES)).toBe(true);
  });

  it('is true from the activity selection to the import, and false once the import is completed', () => {
    for (const step of ['activities', 'documents', 'import'] as const) expect(leavingLosesWork(step, untouched, DEFAULT_PREFERENCES)).toBe(true);
    expect(leavingLosesWork('completed', untouched, DEFAULT_PREFERENCES)).toBe(false);
  });
});
