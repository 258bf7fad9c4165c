/**
 * The wizard's course: *Area selection* → *Activity selection* (reads Outlook, then the user ticks and
 * completes) → *Edit documents* (only while the admin setting is on) → *Import* (in the main process, with
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
import type { CandidateList, MailImportSelection, SyncArea, SyncSummary } from '../../../shared/sync/mail-import-types';
import { api } from '../../ipc/api';
import { mark, PerfMark } from '../../perf/marks';
import { selectionsWithDocuments, withChoice, type DocumentChoice, type DocumentChoices } from './documents-rules';
import { initialAreas, requestedAreas, stepAfter, wizardSteps, type AreaTicks, type StepName } from './wizard-course';

export type Loadable<T> = { status: 'loading' } | { status: 'ready'; value: T } | { status: 'failed'; error: ErrorInfo };

/** What the user chose on the activity selection: the selections for `sync.import`, and how many stay unticked. */
export interface ChosenMails {
  selections: MailImportSelection[];
  skipped: number;
}

/** The import while the step shows it: running (perhaps being cancelled), or the call itself failed. */
export type ImportRun = { status: 'running'; cancelling: boolean; total: number } | { status: 'failed'; error: ErrorInfo };

/** What the last step shows; kept in the page's history entry, so coming back from an activity shows it again. */
export interface ImportResult {
  summary: SyncSummary;
  skipped: number;
}

export interface SyncWizard {
  step: StepName;
  /** The steps of this run, in order (without *Edit documents* when the admin setting is off). */
  steps: readonly StepName[];
  areas: AreaTicks;
  setArea: (area: SyncArea, ticked: boolean) => void;
  /** Null until the user first goes on from the area selection. */
  candidates: Loadable<CandidateList> | null;
  chosen: ChosenMails | null;
  documents: DocumentChoices;
  setDocument: (messageId: string, attachmentId: string, field: keyof DocumentChoice, value: string | null) => void;
  run: ImportRun | null;
  result: ImportResult | null;
  /** Step 1 → 2: read Outlook for the chosen areas. Also "try again" after a failed read. */
  loadCandidates: () => void;
  /** *Next* on the activity selection: to the documents step, or straight into the import without it. */
  chooseMails: (selections: MailImportSelection[], skipped: number) => void;
  /** Starts the import (*Import* on the documents step; *Try again* after a failed call). */
  startImport: () => void;
  /** Asks the main side to stop after the mails in hand; the summary then says what was imported. */
  cancelImport: () => void;
  back: () => void;
  restart: () => void;
}

interface State {
  step: StepName;
  candidates: Loadable<CandidateList> | null;
  chosen: ChosenMails | null;
  run: ImportRun | null;
  result: ImportResult | null;
}

const START: State = { step: 'areas', candidates: null, chosen: null, run: null, result: null };

export function useSyncWizard(preferences: Preferences, restored: ImportResult | null = null): SyncWizard {
  const steps = useMemo(() => wizardSteps(preferences.documentsStep), [preferences.documentsStep]);
  const [state, setState] = useState<State>(() => (restored === null ? START : { ...START, step: 'completed', result: restored }));
  // Null: as the preferences say, until the user ticks something.
  const [tickedAreas, setTickedAreas] = useState<AreaTicks | null>(null);
  const areas = tickedAreas ?? initialAreas(preferences);
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
    setState((current) => ({ ...current, step: 'activities', candidates: { status: 'loading' }, chosen: null, run: null }));
    void api.call['sync.candidates']({ areas: requestedAreas(areas), lang: uiLanguage() }).then((result) => {
      if (attempt.current !== mine) return;
      if (result.ok) mark(PerfMark.CandidatesReceived);
      const candidates: Loadable<CandidateList> = result.ok ? { status: 'ready', value: result.value } : { status: 'failed', error: result.error };
      // Rendered right here, in the task that brought the answer: scheduled for a later task, the step would
      // first wait for that task and for a frame still showing the spinner (after a long task the browser
      // renders a frame before anything else). The render is one synchronous pass either way.
      flushSync(() => setState((current) => ({ ...current, candidates })));
    });
  }, [areas, uiLanguage]);

  const runImport = useCallback(
    (chosen: ChosenMails) => {
      const list = state.candidates?.status === 'ready' ? state.candidates.value.candidates : [];
      const selections = selectionsWithDocuments(chosen.selections, list, documents, preferences.documentsStep);
      const mine = ++attempt.current;
      setState((current) => ({ ...current, step: 'import', chosen, run: { status: 'running', cancelling: false, total: selections.length } }));
      void api.call['sync.import']({ selections, lang: uiLanguage() }).then((result) => {
        if (attempt.current !== mine) return;
        if (result.ok) setState((current) => ({ ...current, step: 'completed', run: null, result: { summary: result.value, skipped: chosen.skipped } }));
        else setState((current) => ({ ...current, run: { status: 'failed', error: result.error } }));
      });
    },
    [state.candidates, documents, preferences.documentsStep, uiLanguage],
  );

  const chooseMails = useCallback(
    (selections: MailImportSelection[], skipped: number) => {
      const chosen = { selections, skipped };
      if (stepAfter(steps, 'activities') === 'import') runImport(chosen);
      else setState((current) => ({ ...current, step: 'documents', chosen }));
    },
    [steps, runImport],
  );

  const startImport = useCallback(() => {
    if (state.chosen !== null) runImport(state.chosen);
  }, [state.chosen, runImport]);

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
      if (current.step === 'activities') return { ...current, step: 'areas', candidates: null, chosen: null };
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
    candidates: state.candidates,
    chosen: state.chosen,
    documents,
    setDocument,
    run: state.run,
    result: state.result,
    loadCandidates,
    chooseMails,
    startImport,
    cancelImport,
    back,
    restart,
  };
}
