/**
 * Crash injection for the tests of DESIGN §3's guarantee (a mail is imported once, ever, and never lost). The
 * engine calls `crashPoint(name)` at each step where a real process could die; when the test armed that point,
 * it throws a SimulatedCrash that nothing in the engine catches — no journal entry is finished, no cleanup
 * runs, as if the process had stopped there. A new engine on the same store then has to recover.
 */
export type CrashPoint =
  /** After the transaction that inserted an activity (documents, outbox rows, mirror mark) committed. */
  | 'afterInsert'
  /** After Outlook accepted the stamps, before the outbox records them. */
  | 'afterStamp'
  /** After Outlook accepted the moves, before anything of them is recorded. */
  | 'afterMove'
  /** Inside the transaction that records the moves, before it commits (so none of it stays). */
  | 'beforeOutboxDone'
  /** Inside the transaction of a delta round's last page: its rows are written, the deltaLink is not, no commit. */
  | 'midDeltaPage';

export class SimulatedCrash extends Error {
  override readonly name = 'SimulatedCrash';

  constructor(readonly point: CrashPoint) {
    super(`simulated crash at ${point}`);
  }
}

export function isSimulatedCrash(error: unknown): error is SimulatedCrash {
  return error instanceof SimulatedCrash;
}

/** Returns the function the engine calls at each point; it throws once, at the armed point. */
export function crashHook(armed: CrashPoint | undefined): (point: CrashPoint) => void {
  let fired = false;
  return (point) => {
    if (armed === point && !fired) {
      fired = true;
      throw new SimulatedCrash(point);
    }
  };
}
