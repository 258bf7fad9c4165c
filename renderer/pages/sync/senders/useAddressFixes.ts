/**
 * The sender fixes as the activity selection runs them: which dialog is open (for which row), and after a fix
 * the list read again (`sync.candidates`), so that every row from the address shows the contact person — the
 * ticks and edits the user made stay as they were (edits are kept by message id; ticks by tickedAfterRefresh).
 * If the list cannot be read again, the rows from the address get the contact person here, as the import's
 * sender matching will give it to them. The sentence about it is the notice's (AddressFixNotice).
 */
import { useCallback, useEffect, useRef, useState, type Dispatch, type SetStateAction } from 'react';
import { useTranslation } from 'react-i18next';
import { pickLanguage } from '../../../../shared/i18n/language';
import type { CandidateList, MailCandidate } from '../../../../shared/sync/mail-import-types';
import { api } from '../../../ipc/api';
import type { SenderAction } from '../grid/grid-context';
import type { TickState } from '../grid/tick-rules';
import type { FixNotice } from './AddressFixNotice';
import { candidateFixRequest, type AddressFixDone, type SenderFixRequest } from './SenderDialogs';
import { applyFixLocally, countFrom, fixableAddress, mergeRefreshed, tickedAfterRefresh } from './sender-rules';

/** The step's list and ticks: one state, so a refresh replaces both together. */
export interface SelectionState {
  list: CandidateList;
  ticked: TickState;
}

export interface AddressFixes {
  request: SenderFixRequest | null;
  onSenderAction: (action: SenderAction, candidate: MailCandidate) => void;
  closeDialog: () => void;
  onFixed: (fix: AddressFixDone) => void;
  notice: FixNotice | null;
  dismissNotice: () => void;
  /** The list is being read again: *Import* waits for it. */
  refreshing: boolean;
}

export function useAddressFixes(setSelection: Dispatch<SetStateAction<SelectionState>>, reloadLists: () => void): AddressFixes {
  const { i18n } = useTranslation();
  const [request, setRequest] = useState<SenderFixRequest | null>(null);
  const [notice, setNotice] = useState<FixNotice | null>(null);
  const [inFlight, setInFlight] = useState(0);
  // The sentence is about the last fix; an earlier fix's refresh still updates the list.
  const latest = useRef(0);

  const onSenderAction = useCallback((action: SenderAction, candidate: MailCandidate) => {
    const address = fixableAddress(candidate);
    if (address !== null) setRequest(candidateFixRequest(action, candidate, address));
  }, []);
  // A dialog closed without a fix hands focus back to the menu button it was opened from (the menu item that
  // opened it is gone by then).
  const returnTo = useRef<string | null>(null);
  const closeDialog = useCallback(() => {
    setRequest((current) => {
      returnTo.current = current?.origin ?? null;
      return null;
    });
  }, []);
  useEffect(() => {
    const messageId = returnTo.current;
    if (request !== null || messageId === null) return;
    returnTo.current = null;
    document.querySelector<HTMLElement>(`[role="row"][data-message-id="${CSS.escape(messageId)}"] [data-sender-menu]`)?.focus();
  }, [request]);
  const dismissNotice = useCallback(() => setNotice(null), []);

  const onFixed = useCallback(
    (fix: AddressFixDone) => {
      setRequest(null);
      // A new contact person: the pickers and the grid's names need the CRM's lists with it.
      if (fix.kind === 'created') reloadLists();
      const mine = ++latest.current;
      setNotice({ status: 'refreshing', fix });
      setInFlight((n) => n + 1);
      const lang = pickLanguage(i18n.resolvedLanguage ?? i18n.language);
      void api.call['sync.candidates']({ areas: ['mails'], lang }).then((result) => {
        setInFlight((n) => n - 1);
        if (result.ok) {
          const refreshed = result.value;
          setSelection((current) => ({
            list: mergeRefreshed(current.list, refreshed),
            ticked: tickedAfterRefresh(current.ticked, current.list.candidates, refreshed.candidates),
          }));
          if (mine === latest.current) setNotice({ status: 'done', fix, rows: countFrom(refreshed.candidates, fix.address) });
        } else {
          setSelection((current) => ({ ...current, list: { ...current.list, candidates: applyFixLocally(current.list.candidates, fix.address, fix) } }));
          if (mine === latest.current) setNotice({ status: 'refreshFailed', fix, message: result.error.message });
        }
      });
    },
    [i18n, reloadLists, setSelection],
  );

  return { request, onSenderAction, closeDialog, onFixed, notice, dismissNotice, refreshing: inFlight > 0 };
}
