/**
 * The wizard's course: *Area selection* → *Activity selection* (reads Outlook, then one page per chosen area:
 * the user ticks mails and completes them, ticks Outlook's new and changed tasks and appointed times) → *Edit
 * documents* (only while the admin setting is on and mails are chosen) → *Import* (in the main process, with
 * progress and *Cancel*) → *Import completed*. Calls the main side from the user's clicks, never from effects,
 * so a re-render or React's strict-mode double effects cannot read Outlook or import twice. Answers that
 * arrive after the user moved on (back, or away) are dropped. Each call names the UI language, so the server's
 * sentences (folder problems, warnings, the summary) come back in it.
 */
import { useCallback, useMemo, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import { useTranslation } from 'react-i18next';
import type { ErrorInfo } from '../../../shared/ipc/contract-kit';
import { pickLanguage } from '../../../shared/i18n/language';
import type { Preferences } from '../../../shared/prefs/preferences';
import type { MailImportSelection, SyncArea, SyncSummary } from '../../../shared/sync/mail-import-types';
import type { WizardCandidates } from '../../../shared/sync/two-way-types';
import { api } from '../../ipc/api';
import { mark, PerfMark } from '../../perf/marks';
import { selectionsWithDocuments, withChoice, type DocumentChoice, type DocumentChoices } from './documents-rules';
import { initialAreas, pageAfter, pageBefore, requestedAreas, stepAfter, wizardSteps, type AreaTicks, type StepName } from './wizard-course';

export type Loadable<T> = { status: 'loading' } | { status: 'ready'; value: T } | { status: 'failed'; error: ErrorInfo };

/** What the user chose on the activity selection: the selections for `sync.import`, and how many stay unticked. */
export interface ChosenMails {
  selections: MailImportSelection[];
  skipped: number;
}

/** The Outlook items the user ticked on one area's page, and how many of its items stay unticked. */
export interface ChosenItems {
  itemIds: string[];
  skipped: number;
}

export type ItemArea = Exclude<SyncArea, 'mails'>;

/** The import while the step shows it: running (perhaps being cancelled), or the call itself failed. */
export type ImportRun = { status: 'running'; cancelling: boolean; total: number } | { status: 'failed'; error: ErrorInfo };

/** What the last step shows; kept in the page's history entry, so coming back from an activity shows it again. */
export interface ImportResult {
  summary: SyncSummary;
  /** Mails left unticked. */
  skipped: number;
  /** Outlook items left unticked (absent: no appointments or tasks were chosen). */
  skippedItems?: number | undefined;
  /** The areas of this run (absent in a result kept from before areas were recorded: mails). */
  areas?: SyncArea[] | undefined;
}

export interface SyncWizard {
  step: StepName;
  /** The steps of this run, in order (without *Edit documents* when the admin setting is off). */
  steps: readonly StepName[];
  areas: AreaTicks;
  setArea: (area: SyncArea, ticked: boolean) => void;
  /** The areas Outlook was read for (the activity selection's pages, in order); empty before. */
  pages: readonly SyncArea[];
  /** The activity selection's page on show. */
  page: SyncArea;
  /** Null until the user first goes on from the area selection. */
  candidates: Loadable<WizardCandidates> | null;
  chosen: ChosenMails | null;
  documents: DocumentChoices;
  setDocument: (messageId: string, attachmentId: string, field: keyof DocumentChoice, value: string | null) => void;
  run: ImportRun | null;
  result: ImportResult | null;
  /** Step 1 → 2: read Outlook for the chosen areas. Also "try again" after a failed read. */
  loadCandidates: () => void;
  /** *Next* on the mails page: to the next area's page, the documents step, or straight into the import. */
  chooseMails: (selections: MailImportSelection[], skipped: number) => void;
  /** *Next* on a tasks or appointed-times page: likewise. */
  chooseItems: (area: ItemArea, chosen: ChosenItems) => void;
  /** Starts the import (*Import* on the documents step; *Try again* after a failed call). */
  startImport: () => void;
  /** Asks the main side to stop after the mails in hand; the summary then says what was imported. */
  cancelImport: () => void;
  back: () => void;
  restart: () => void;
}

interface State {
  step: StepName;
  pages: readonly SyncArea[];
  page: SyncArea;
  candidates: Loadable<WizardCandidates> | null;
  chosen: ChosenMails | null;
  items: Partial<Record<ItemArea, ChosenItems>>;
  run: ImportRun | null;
  result: ImportResult | null;
}

const START: State = { step: 'areas', pages: [], page: 'mails', candidates: null, chosen: null, items: {}, run: null, result: null };

export function useSyncWizard(preferences: Preferences, restored: ImportResult | null = null): SyncWizard {
  const [state, setState] = useState<State>(() => (restored === null ? START : { ...START, step: 'completed', result: restored }));
  // Null: as the preferences say, until the user ticks something.
  const [tickedAreas, setTickedAreas] = useState<AreaTicks | null>(null);
  const areas = tickedAreas ?? initialAreas(preferences);
  // Once Outlook is read, the areas it was read for decide; before, the ticks do.
  const mailsChosen =
    state.step === 'areas' ? areas.mails : state.step === 'completed' && state.result !== null ? (state.result.areas ?? ['mails']).includes('mails') : state.pages.includes('mails');
  const steps = useMemo(() => wizardSteps(preferences.documentsStep, mailsChosen), [preferences.documentsStep, mailsChosen]);
  const [documents, setDocuments] = useState<DocumentChoices>({});
  // Bumped whenever the user leaves a step: an answer for an older attempt is stale.
  const attempt = useRef(0);
  const { i18n } = useTranslation();
  // Read when the call is made: the language may be switched while the wizard is open.
  const uiLanguage = useCallback(() => pickLanguage(i18n.resolvedLanguage ?? i18n.language), [i18n]);

  const setArea = useCallback(
    (area: SyncArea, ticked: boolean) => setTickedAreas((current) => ({ ...(current ?? initialAreas(preferences)), [area]: ticked })),
    [preferences],
  );

  const loadCandidates = useCallback(() => {
    const mine = ++attempt.current;
    const pages = requestedAreas(areas);
    setState((current) => ({ ...current, step: 'activities', pages, page: pages[0] ?? 'mails', candidates: { status: 'loading' }, chosen: null, items: {}, run: null }));
    void api.call['sync.candidates']({ areas: pages, lang: uiLanguage() }).then((result) => {
      if (attempt.current !== mine) return;
      if (result.ok) mark(PerfMark.CandidatesReceived);
      const candidates: Loadable<WizardCandidates> = result.ok ? { status: 'ready', value: result.value } : { status: 'failed', error: result.error };
      // Rendered right here, in the task that brought the answer: scheduled for a later task, the step would
      // first wait for that task and for a frame still showing the spinner (after a long task the browser
      // renders a frame before anything else). The render is one synchronous pass either way.
      flushSync(() => setState((current) => ({ ...current, candidates })));
    });
  }, [areas, uiLanguage]);

  const runImport = useCallback(
    (chosen: ChosenMails | null, items: Partial<Record<ItemArea, ChosenItems>>) => {
      const list = state.candidates?.status === 'ready' ? state.candidates.value.candidates : [];
      const selections = chosen === null ? [] : selectionsWithDocuments(chosen.selections, list, documents, preferences.documentsStep);
      const chosenItems = Object.values(items);
      const itemIds = chosenItems.flatMap((c) => c.itemIds);
      const pages = state.pages;
      const mine = ++attempt.current;
      setState((current) => ({ ...current, step: 'import', chosen, items, run: { status: 'running', cancelling: false, total: selections.length + itemIds.length } }));
      void api.call['sync.import']({ selections, items: itemIds, areas: [...pages], lang: uiLanguage() }).then((result) => {
        if (attempt.current !== mine) return;
        if (!result.ok) {
          setState((current) => ({ ...current, run: { status: 'failed', error: result.error } }));
          return;
        }
        const skippedItems = pages.some((area) => area !== 'mails') ? chosenItems.reduce((sum, c) => sum + c.skipped, 0) : undefined;
        const outcome: ImportResult = { summary: result.value, skipped: chosen?.skipped ?? 0, skippedItems, areas: [...pages] };
        setState((current) => ({ ...current, step: 'completed', run: null, result: outcome }));
      });
    },
    [state.candidates, state.pages, documents, preferences.documentsStep, uiLanguage],
  );

  /** After a page's *Next*: the next area's page, else the documents step, else the import. */
  const goOn = useCallback(
    (from: SyncArea, chosen: ChosenMails | null, items: Partial<Record<ItemArea, ChosenItems>>) => {
      const next = pageAfter(state.pages, from);
      if (next !== null) setState((current) => ({ ...current, page: next, chosen, items }));
      else if (stepAfter(steps, 'activities') === 'import') runImport(chosen, items);
      else setState((current) => ({ ...current, step: 'documents', chosen, items }));
    },
    [state.pages, steps, runImport],
  );

  const chooseMails = useCallback(
    (selections: MailImportSelection[], skipped: number) => goOn('mails', { selections, skipped }, state.items),
    [goOn, state.items],
  );

  const chooseItems = useCallback(
    (area: ItemArea, chosen: ChosenItems) => goOn(area, state.chosen, { ...state.items, [area]: chosen }),
    [goOn, state.chosen, state.items],
  );

  const startImport = useCallback(() => runImport(state.chosen, state.items), [state.chosen, state.items, runImport]);

  const cancelImport = useCallback(() => {
    setState((current) => (current.run?.status === 'running' ? { ...current, run: { ...current.run, cancelling: true } } : current));
    void api.call['sync.cancel']({}).then((result) => {
      // Nothing was running any more (it just finished) or the call failed: Cancel can be pressed again.
      if (result.ok && result.value.cancelled) return;
      setState((current) => (current.run?.status === 'running' ? { ...current, run: { ...current.run, cancelling: false } } : current));
    });
  }, []);

  const setDocument = useCallback(
    (messageId: string, attachmentId: string, field: keyof DocumentChoice, value: string | null) =>
      setDocuments((current) => withChoice(current, messageId, attachmentId, field, value)),
    [],
  );

  const back = useCallback(() => {
    attempt.current += 1;
    setState((current) => {
      if (current.step === 'activities') {
        const before = pageBefore(current.pages, current.page);
        return before !== null ? { ...current, page: before } : { ...current, step: 'areas', candidates: null, chosen: null, items: {} };
      }
      if (current.step === 'documents') return { ...current, step: 'activities' };
      // Back from a failed import: to the step before it, everything chosen still there.
      if (current.step === 'import' && current.run?.status !== 'running') return { ...current, step: steps[steps.indexOf('import') - 1] ?? 'activities', run: null };
      return current;
    });
  }, [steps]);

  const restart = useCallback(() => {
    attempt.current += 1;
    setTickedAreas(null);
    setDocuments({});
    setState(START);
  }, []);

  return {
    step: state.step,
    steps,
    areas,
    setArea,
    pages: state.pages,
    page: state.page,
    candidates: state.candidates,
    chosen: state.chosen,
    documents,
    setDocument,
    run: state.run,
    result: state.result,
    loadCandidates,
    chooseMails,
    chooseItems,
    startImport,
    cancelImport,
    back,
    restart,
  };
}
