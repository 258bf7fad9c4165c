/**
 * What every row of the grid shares and what does not change from row to row: the CRM's lists, whether
 * editing is possible now, and the two things a cell can do — change a candidate's values, tick it. A context,
 * so the rows (memoized) get only their own data as props.
 */
import { createContext, useContext } from 'react';
import type { CandidateEdit } from '../selection-rules';
import type { PickIndex } from './pick-lists';

export interface GridActions {
  index: PickIndex;
  /** False while the lists load or after they failed: values are shown, not changeable. */
  listsReady: boolean;
  /** True while importing. */
  locked: boolean;
  edit: (messageId: string, patch: CandidateEdit) => void;
  /** `range`: Shift was held — tick from the last row ticked by hand to this one. */
  tick: (messageId: string, value: boolean, range: boolean) => void;
}

export const GridActionsContext = createContext<GridActions | null>(null);

export function useGridActions(): GridActions {
  const actions = useContext(GridActionsContext);
  if (actions === null) throw new Error('useGridActions needs a <GridActionsContext> above it');
  return actions;
}
