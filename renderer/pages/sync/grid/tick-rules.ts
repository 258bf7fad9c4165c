/**
 * Ticking in the grid: one row, a range with Shift (from the row ticked or unticked last to this one, in the
 * order the grid shows, all set to this row's new state — as in Outlook and Explorer), and the header's
 * all / none over the rows shown. Pure: the grid keeps the anchor and the state.
 */
import type { Ticked } from '../selection-rules';

export type TickState = Record<string, true>;

function copy(ticked: Ticked): TickState {
  const next: TickState = {};
  for (const [id, value] of Object.entries(ticked)) if (value === true) next[id] = true;
  return next;
}

function set(state: TickState, id: string, value: boolean): void {
  if (value) state[id] = true;
  else delete state[id];
}

/**
 * Ticks (value true) or unticks `target`; with `range` and an anchor that is still shown, every row between
 * the anchor and the target (both included) too. Rows not shown are never touched.
 */
export function tickRows(ticked: Ticked, order: readonly string[], target: string, value: boolean, range: { anchor: string | null } | null): TickState {
  const next = copy(ticked);
  const to = order.indexOf(target);
  const from = range === null || range.anchor === null ? -1 : order.indexOf(range.anchor);
  if (to < 0 || from < 0) {
    set(next, target, value);
    return next;
  }
  for (let i = Math.min(from, to); i <= Math.max(from, to); i++) set(next, order[i] ?? target, value);
  return next;
}

/** The header's tick: all shown rows ticked, or none of them; rows hidden by a filter keep their state. */
export function tickShown(ticked: Ticked, shown: readonly string[], value: boolean): TickState {
  const next = copy(ticked);
  for (const id of shown) set(next, id, value);
  return next;
}

export type HeaderTick = 'all' | 'some' | 'none';

export function headerTick(ticked: Ticked, shown: readonly string[]): HeaderTick {
  let count = 0;
  for (const id of shown) if (ticked[id] === true) count++;
  return count === 0 ? 'none' : count === shown.length ? 'all' : 'some';
}
