/**
 * The wizard's course: *Area selection* → *Activity selection* (reads Outlook, then the user ticks and
 * completes) → *Import completed*. Calls the main side from the user's clicks, never from effects, so a
 * re-render or React's strict-mode double effects cannot read Outlook twice. Answers that arrive after the
 * user moved on (back, or away) are dropped. Each call names the UI language, so the server's sentences
 * (folder problems, warnings) come back in it.
 */
import { useCallback, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ErrorInfo } from '../../../shared/ipc/contract-kit';
import { pickLanguage } from '../../../shared/i18n/language';
import type { CandidateList, MailImportSelection, SyncArea, SyncSummary } from '../../../shared/sync/mail-import-types';
import { api } from '../../ipc/api';
import { mark, PerfMark } from '../../perf/marks';

export type Loadable<T> = { status: 'loading' } | { status: 'ready'; value: T } | { status: 'failed'; error: ErrorInfo };

export type WizardStep =
  | { name: 'areas' }
  | {
      name: 'activities';
      candidates: Loadable<CandidateList>;
      importing: boolean;
      importError: ErrorInfo | null;
    }
  | { name: 'completed'; summary: SyncSummary; skipped: number };

export interface SyncWizard {
  step: WizardStep;
  areas: readonly SyncArea[];
  setAreas: (areas: readonly SyncArea[]) => void;
  /** Step 1 → 2: read Outlook for the chosen areas. Also "try again" after a failed read. */
  loadCandidates: () => void;
  importSelected: (selections: MailImportSelection[], skipped: number) => void;
  back: () => void;
  restart: () => void;
}

const DEFAULT_AREAS: readonly SyncArea[] = ['mails'];

export function useSyncWizard(): SyncWizard {
  const [step, setStep] = useState<WizardStep>({ name: 'areas' });
  const [areas, setAreas] = useState<readonly SyncArea[]>(DEFAULT_AREAS);
  // Bumped whenever the user leaves a step: an answer for an older attempt is stale.
  const attempt = useRef(0);
  const { i18n } = useTranslation();
  // Read when the call is made: the language may be switched while the wizard is open.
  const uiLanguage = useCallback(() => pickLanguage(i18n.resolvedLanguage ?? i18n.language), [i18n]);

  const loadCandidates = useCallback(() => {
    const mine = ++attempt.current;
    setStep({ name: 'activities', candidates: { status: 'loading' }, importing: false, importError: null });
    void api.call['sync.candidates']({ areas: [...areas], lang: uiLanguage() }).then((result) => {
      if (attempt.current !== mine) return;
      if (result.ok) mark(PerfMark.CandidatesReceived);
      const candidates: Loadable<CandidateList> = result.ok ? { status: 'ready', value: result.value } : { status: 'failed', error: result.error };
      setStep({ name: 'activities', candidates, importing: false, importError: null });
    });
  }, [areas, uiLanguage]);

  const importSelected = useCallback((selections: MailImportSelection[], skipped: number) => {
    const mine = ++attempt.current;
    setStep((current) => (current.name === 'activities' ? { ...current, importing: true, importError: null } : current));
    void api.call['sync.import']({ selections, lang: uiLanguage() }).then((result) => {
      if (attempt.current !== mine) return;
      if (result.ok) setStep({ name: 'completed', summary: result.value, skipped });
      else setStep((current) => (current.name === 'activities' ? { ...current, importing: false, importError: result.error } : current));
    });
  }, [uiLanguage]);

  const back = useCallback(() => {
    attempt.current += 1;
    setStep({ name: 'areas' });
  }, []);

  const restart = useCallback(() => {
    attempt.current += 1;
    setAreas(DEFAULT_AREAS);
    setStep({ name: 'areas' });
  }, []);

  return { step, areas, setAreas, loadCandidates, importSelected, back, restart };
}
