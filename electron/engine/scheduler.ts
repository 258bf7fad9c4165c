/**
 * The automatic synchronization's clock (DESIGN §3 *Preferences*: automatic synchronization and its interval).
 * One run at a time, ever: a run asked for while one is under way joins it. The next run is due one interval
 * after the last one ended, give or take a little jitter (so that the desktops of a whole office, started at
 * 8:00, do not all ask Exchange at the same second). After a failed run the wait doubles, up to 8 intervals,
 * and a success brings it back. A run that found Outlook out of reach (the network, not an answer) puts the
 * scheduler *offline*: instead of waiting intervals it looks every so often whether Outlook can be reached again
 * (a cheap probe, no sign-in, no mailbox data) and runs as soon as it can. While the scheduler is paused (switched off, no account, password blocked) no
 * run starts by the clock; `runNow` (the tray's *Sync now*) still runs unless the pause says it must not.
 *
 * Timers come from the caller's clock, so the tests drive time instead of waiting for it.
 */

export interface SchedulerClock {
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  /** 0 ≤ x < 1; the jitter's source. */
  random(): number;
}

export const systemClock: SchedulerClock = {
  setTimeout: (run, ms) => setTimeout(run, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  random: Math.random,
};

/** Why no run starts by the clock now; `blocksManualRuns`: not even the user's *Sync now*. */
export interface Pause {
  reason: string;
  blocksManualRuns: boolean;
}

export interface SyncSchedulerOptions<R> {
  run(): Promise<R>;
  /** Minutes between runs, read anew for each wait (the preference may change). */
  intervalMinutes(): number;
  /** Null: runs may start by the clock. */
  pause(): Pause | null;
  /** Called after each run, with its result or the error it threw. */
  onSettled?(outcome: Settled<R>): void;
  /** Offline: which runs say so, and how to tell that it is over. Without it, failures only back off. */
  offline?: OfflineWatch<R>;
  clock?: SchedulerClock;
}

export type Settled<R> = { ok: true; value: R } | { ok: false; error: unknown };

export interface OfflineWatch<R> {
  /** Whether the run found Outlook out of reach (no connection), as opposed to an answer it did not like. */
  detect(outcome: Settled<R>): boolean;
  /** Whether Outlook can be reached again: cheap, and sends nothing that signs in or reads the mailbox. */
  probe(): Promise<boolean>;
  /** How long between two probes. */
  everyMs: number;
}

export interface SyncScheduler<R> {
  /** Starts the clock (idempotent); the first run is due one interval from now. */
  start(): void;
  /** Takes the interval or the pause anew: call when the preferences or the account change. */
  reschedule(): void;
  /** Runs now (or joins the run under way); rejects with the pause's reason when it blocks manual runs. */
  runNow(): Promise<R>;
  /** The wait chosen for the next clock run (ms, jitter and backoff included); null when none is scheduled. */
  plannedWaitMs(): number | null;
  /** The last run found Outlook out of reach: the clock probes instead of waiting intervals. */
  readonly offline: boolean;
  readonly running: boolean;
  stop(): Promise<void>;
}

/** ±10% of the interval. */
const JITTER = 0.1;
const MAX_BACKOFF_FACTOR = 8;

export class SchedulerPausedError extends Error {
  override readonly name = 'SchedulerPausedError';
}

export function createSyncScheduler<R>(options: SyncSchedulerOptions<R>): SyncScheduler<R> {
  const clock = options.clock ?? systemClock;
  let started = false;
  let timer: unknown;
  let scheduledMs: number | null = null;
  let inFlight: Promise<R> | null = null;
  let failures = 0;
  let offline = false;

  const clear = () => {
    if (timer !== undefined) clock.clearTimeout(timer);
    timer = undefined;
    scheduledMs = null;
  };

  const waitMs = () => {
    const interval = options.intervalMinutes() * 60_000 * Math.min(2 ** failures, MAX_BACKOFF_FACTOR);
    return Math.round(interval * (1 - JITTER + 2 * JITTER * clock.random()));
  };

  const schedule = () => {
    clear();
    if (!started || inFlight !== null || options.pause() !== null) return;
    const watch = options.offline;
    if (offline && watch !== undefined) {
      scheduledMs = watch.everyMs;
      timer = clock.setTimeout(() => {
        timer = undefined;
        // Paused since (blocked, signed out, switched off): not even a probe goes out.
        if (options.pause() !== null) return;
        void watch.probe().then(
          (reachable) => {
            if (!started || inFlight !== null || options.pause() !== null) return;
            if (reachable) void execute().catch(() => undefined);
            else schedule();
          },
          () => schedule(),
        );
      }, scheduledMs);
      return;
    }
    scheduledMs = waitMs();
    timer = clock.setTimeout(() => {
      timer = undefined;
      // The pause may have begun since the wait started (e.g. the password got blocked by a manual run).
      if (options.pause() !== null) return;
      void execute().catch(() => undefined);
    }, scheduledMs);
  };

  const execute = (): Promise<R> => {
    if (inFlight !== null) return inFlight;
    clear();
    inFlight = options
      .run()
      .then(
        (value) => {
          failures = 0;
          offline = options.offline?.detect({ ok: true, value }) ?? false;
          options.onSettled?.({ ok: true, value });
          return value;
        },
        (error: unknown) => {
          failures++;
          offline = options.offline?.detect({ ok: false, error }) ?? false;
          options.onSettled?.({ ok: false, error });
          throw error;
        },
      )
      .finally(() => {
        inFlight = null;
        schedule();
      });
    return inFlight;
  };

  return {
    start() {
      if (started) return;
      started = true;
      schedule();
    },
    reschedule: () => {
      if (inFlight === null) schedule();
    },
    runNow() {
      const pause = options.pause();
      if (pause?.blocksManualRuns === true && inFlight === null) return Promise.reject(new SchedulerPausedError(pause.reason));
      return execute();
    },
    plannedWaitMs: () => scheduledMs,
    get offline() {
      return offline;
    },
    get running() {
      return inFlight !== null;
    },
    async stop() {
      started = false;
      clear();
      await inFlight?.catch(() => undefined);
    },
  };
}
