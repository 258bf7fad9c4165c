/**
 * The CRM's lists for the grid's pickers (`crm.lists`), loaded when the activity selection step opens — a read of
 * the local store, so an effect is fine here (unlike reading Outlook, which only a click may start) — and
 * indexed in the UI language. `retry` loads them again after a failure; `reload` reads them again after the
 * CRM changed (a contact person created from the wizard), showing the old lists until the new ones are there.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CrmPickLists } from '../../../../shared/crm/pick-lists';
import { pickLanguage } from '../../../../shared/i18n/language';
import { api } from '../../../ipc/api';
import type { Loadable } from '../useSyncWizard';
import { EMPTY_PICK_INDEX, indexPickLists, type PickIndex } from './pick-lists';

export interface CrmLists {
  lists: Loadable<CrmPickLists>;
  index: PickIndex;
  retry: () => void;
  reload: () => void;
}

export function useCrmLists(): CrmLists {
  const { i18n } = useTranslation();
  const [lists, setLists] = useState<Loadable<CrmPickLists>>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let stale = false;
    void api.call['crm.lists']({}).then((result) => {
      if (!stale) setLists(result.ok ? { status: 'ready', value: result.value } : { status: 'failed', error: result.error });
    });
    return () => {
      stale = true;
    };
  }, [attempt]);
  const language = pickLanguage(i18n.resolvedLanguage ?? i18n.language);
  const index = useMemo(() => (lists.status === 'ready' ? indexPickLists(lists.value, language) : EMPTY_PICK_INDEX), [lists, language]);
  const retry = useCallback(() => {
    setLists({ status: 'loading' });
    setAttempt((n) => n + 1);
  }, []);
  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  return { lists, index, retry, reload };
}
