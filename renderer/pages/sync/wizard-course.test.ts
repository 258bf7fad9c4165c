import { describe, expect, it } from 'vitest';
import { DEFAULT_PREFERENCES } from '../../../shared/prefs/preferences';
import { canReadOutlook, initialAreas, leavingLosesWork, requestedAreas, stepAfter, wizardSteps } from './wizard-course';

describe('wizardSteps', () => {
  it('has the documents step between activity selection and import while the admin setting is on', () => {
    expect(wizardSteps(true)).toEqual(['areas', 'activities', 'documents', 'import', 'completed']);
  });

  it('leaves it out entirely when the setting is off: not shown, not counted', () => {
    expect(wizardSteps(false)).toEqual(['areas', 'activities', 'import', 'completed']);
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

  it('need mails to read Outlook: tasks and appointed times alone import nothing in this version', () => {
    expect(canReadOutlook({ mails: true, tasks: false, appointments: false })).toBe(true);
    expect(canReadOutlook({ mails: false, tasks: true, appointments: true })).toBe(false);
  });

  it('ask for every ticked area, so the service can say which it does not synchronize yet', () => {
    expect(requestedAreas({ mails: true, tasks: false, appointments: false })).toEqual(['mails']);
    expect(requestedAreas({ mails: true, tasks: true, appointments: true })).toEqual(['mails', 'tasks', 'appointments']);
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
