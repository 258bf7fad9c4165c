/**
 * What every row of the grid shares and what does not change from row to row: the CRM's lists, whether
 * editing is possible now, and what a row can do — change a candidate's values, tick it, show its mail in the
 * preview, fix its sender. A context, so the rows (memoized) get only their own data as props.
 */
import { createContext, useContext } from 'react';
import type { MailCandidate, MandatoryField } from '../../../../shared/sync/mail-import-types';
import type { CandidateEdit } from '../selection-rules';
import type { PickIndex, PickKind } from './pick-lists';

/**
 * The grid's words in the UI language, worked out once per language: a row's cells read them here instead of
 * each asking i18next (hundreds of cells appear with every screenful scrolled).
 */
export interface GridWords {
  missingValue: string;
  notAssigned: string;
  noSender: string;
  noSubject: string;
  unknownSender: string;
  unknownSenderHint: string;
  subjectPlaceholder: string;
  missing: Readonly<Record<MandatoryField, string>>;
  columns: Readonly<Record<PickKind, string>>;
  tickRow: (subject: string, sender: string) => string;
  subjectLabel: (sender: string) => string;
  typeText: (key: string) => string;
  statusText: (key: string) => string;
  date: (iso: string) => string;
  /** The menu on a sender without contact person (senders/SenderMenu.tsx). */
  sender: {
    menuUnknown: (address: string) => string;
    menuNoContact: (address: string) => string;
    noContactHint: string;
    showAddress: string;
    assign: string;
    create: string;
  };
}

/** What the menu on a sender without contact person offers (the seed's *Unknown e-mail addresses*). */
export type SenderAction = 'showAddress' | 'assign' | 'create';

export interface GridActions {
  index: PickIndex;
  words: GridWords;
  /** False while the lists load or after they failed: values are shown, not changeable. */
  listsReady: boolean;
  /** True while importing. */
  locked: boolean;
  edit: (messageId: string, patch: CandidateEdit) => void;
  /** `range`: Shift was held — tick from the last row ticked by hand to this one. */
  tick: (messageId: string, value: boolean, range: boolean) => void;
  /** The row was focused or clicked: its mail is the one the preview shows. */
  preview: (messageId: string) => void;
  /** A sender's menu item was chosen. */
  senderAction: (action: SenderAction, candidate: MailCandidate) => void;
}

export const GridActionsContext = createContext<GridActions | null>(null);

export function useGridActions(): GridActions {
  const actions = useContext(GridActionsContext);
  if (actions === null) throw new Error('useGridActions needs a <GridActionsContext> above it');
  return actions;
}
