/**
 * Ticking rows as in Outlook and Explorer: one row, a range with Shift (from the row ticked or unticked by hand
 * last), all or none of the rows shown. The anchor lives here; the tick state stays with the caller.
 */
import { useCallback, useRef } from 'react';
import { tickRows, tickShown, type TickState } from './tick-rules';

export function useRangeTicks(shown: readonly string[], setTicked: (update: (current: TickState) => TickState) => void) {
  const anchor = useRef<string | null>(null);
  const tick = useCallback(
    (id: string, value: boolean, range: boolean) => {
      const from = anchor.current;
      setTicked((current) => tickRows(current, shown, id, value, range ? { anchor: from } : null));
      anchor.current = id;
    },
    [setTicked, shown],
  );
  const tickAllShown = useCallback(
    (value: boolean) => {
      anchor.current = null;
      setTicked((current) => tickShown(current, shown, value));
    },
    [setTicked, shown],
  );
  return { tick, tickAllShown };
}
