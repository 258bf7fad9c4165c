/**
 * The wizard's course as rules: which steps it has (the *Edit documents* step only while the admin setting is on
 * — otherwise it is not shown and not counted), which areas start ticked (the user's preferences; an area
 * switched off there can still be ticked for this run), and what `sync.candidates` is asked for. Pure.
 */
import type { Preferences } from '../../../shared/prefs/preferences';
import type { SyncArea } from '../../../shared/sync/mail-import-types';

export const ALL_STEPS = ['areas', 'activities', 'documents', 'import', 'completed'] as const;
export type StepName = (typeof ALL_STEPS)[number];

/** The steps in order, as the indicator and "Step n of m" count them. */
export function wizardSteps(documentsStep: boolean): readonly StepName[] {
  return documentsStep ? ALL_STEPS : ALL_STEPS.filter((step) => step !== 'documents');
}

/** The step *Next* leads to from `step` (the import after the activity selection when there is no documents step). */
export function stepAfter(steps: readonly StepName[], step: StepName): StepName {
  return steps[steps.indexOf(step) + 1] ?? step;
}

export type AreaTicks = Readonly<Record<SyncArea, boolean>>;

/** Areas this version imports; the others are shown, disabled, with the reason. */
export const IMPORTABLE_AREAS: readonly SyncArea[] = ['mails'];

export function isImportable(area: SyncArea): boolean {
  return IMPORTABLE_AREAS.includes(area);
}

/** The ticks the wizard starts with: the preferences' areas (mails only out of the box). */
export function initialAreas(preferences: Pick<Preferences, 'areas'>): AreaTicks {
  return { mails: preferences.areas.mails, tasks: preferences.areas.tasks, appointments: preferences.areas.appointments };
}

/** *Next* needs an area this version imports. */
export function canReadOutlook(ticks: AreaTicks): boolean {
  return IMPORTABLE_AREAS.some((area) => ticks[area]);
}

/**
 * What `sync.candidates` is asked for: every ticked area, in a fixed order — the ones this version does not
 * synchronize too, so the service's warning tells the user (rather than the wizard dropping them silently).
 */
export function requestedAreas(ticks: AreaTicks): SyncArea[] {
  return (['mails', 'tasks', 'appointments'] as const).filter((area) => ticks[area]);
}

/**
 * Whether leaving now would lose something, so that Esc or going elsewhere asks first: not on the first step
 * while its ticks are still the preferences' (nothing read, nothing chosen), nor on the last (all is done).
 */
export function leavingLosesWork(step: StepName, ticks: AreaTicks, preferences: Pick<Preferences, 'areas'>): boolean {
  if (step === 'completed') return false;
  if (step !== 'areas') return true;
  const start = initialAreas(preferences);
  return (Object.keys(start) as SyncArea[]).some((area) => start[area] !== ticks[area]);
}
