/**
 * The wizard's course as rules: which steps it has (the *Edit documents* step only while the admin setting is on
 * and mails are chosen — otherwise it is not shown and not counted), which areas start ticked (the user's
 * preferences; an area switched off there can still be ticked for this run), what `sync.candidates` is asked
 * for, and the activity selection's pages: one per chosen area, mails first. Pure.
 */
import type { Preferences } from '../../../shared/prefs/preferences';
import type { SyncArea } from '../../../shared/sync/mail-import-types';

export const ALL_STEPS = ['areas', 'activities', 'documents', 'import', 'completed'] as const;
export type StepName = (typeof ALL_STEPS)[number];

/**
 * The steps in order, as the indicator and "Step n of m" count them. Documents are the mails' attachments: without
 * mails there is nothing to categorize.
 */
export function wizardSteps(documentsStep: boolean, mailsChosen = true): readonly StepName[] {
  return documentsStep && mailsChosen ? ALL_STEPS : ALL_STEPS.filter((step) => step !== 'documents');
}

/** The step *Next* leads to from `step` (the import after the activity selection when there is no documents step). */
export function stepAfter(steps: readonly StepName[], step: StepName): StepName {
  return steps[steps.indexOf(step) + 1] ?? step;
}

export type AreaTicks = Readonly<Record<SyncArea, boolean>>;

/** The ticks the wizard starts with: the preferences' areas (mails only out of the box). */
export function initialAreas(preferences: Pick<Preferences, 'areas'>): AreaTicks {
  return { mails: preferences.areas.mails, tasks: preferences.areas.tasks, appointments: preferences.areas.appointments };
}

/** *Next* needs at least one area. */
export function canReadOutlook(ticks: AreaTicks): boolean {
  return AREA_ORDER.some((area) => ticks[area]);
}

/** The areas as the first step lists them, and the activity selection's pages follow them. */
export const AREA_ORDER: readonly SyncArea[] = ['mails', 'tasks', 'appointments'];

/** What `sync.candidates` is asked for — and the activity selection's pages, one per area: every ticked area, in order. */
export function requestedAreas(ticks: AreaTicks): SyncArea[] {
  return AREA_ORDER.filter((area) => ticks[area]);
}

/** The page after `page` on the activity selection, or null on the last. */
export function pageAfter(pages: readonly SyncArea[], page: SyncArea): SyncArea | null {
  return pages[pages.indexOf(page) + 1] ?? null;
}

/** The page before `page`, or null on the first (Back then leads to the area selection). */
export function pageBefore(pages: readonly SyncArea[], page: SyncArea): SyncArea | null {
  const at = pages.indexOf(page);
  return at > 0 ? (pages[at - 1] ?? null) : null;
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
