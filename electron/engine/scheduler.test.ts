import { describe, expect, it } from 'vitest';
import { createSyncScheduler, SchedulerPausedError, type Pause, type SchedulerClock } from './scheduler';

/** A clock the test advances by hand: timers fire only when told. */
function manualClock(random = 0.5) {
  const timers = new Map<number, { run: () => void; ms: number }>();
  let next = 1;
  const clock: SchedulerClock = {
    setTimeout: (run, ms) => {
      timers.set(next, { run, ms });
      return next++;
    },
    clearTimeout: (handle) => {
      timers.delete(handle as number);
    },
    random: () => random,
  };
  return {
    clock,
    pending: () => [...timers.values()].map((t) => t.ms),
    fire() {
      const [id, timer] = [...timers.entries()][0] ?? [];
      if (id === undefined || timer === undefined) throw new Error('no timer pending');
      timers.delete(id);
      timer.run();
    },
  };
}

/** A run the test finishes by hand. */
function controllableRuns() {
  const waiting: Array<{ resolve: (v: string) => void; reject: (e: unknown) => void }> = [];
  let started = 0;
  return {
    run: () => {
      started++;
      return new Promise<string>((resolve, reject) => waiting.push({ resolve, reject }));
    },
    started: () => started,
    succeed: async (value = 'ok') => {
      waiting.shift()?.resolve(value);
      await flush();
    },
    fail: async (error: unknown = new Error('unreachable')) => {
      waiting.shift()?.reject(error);
      await flush();
    },
  };
}
const flush = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('sync scheduler', () => {
  it('runs one interval (±10% jitter) after start and after each run', async () => {
    const time = manualClock(0.75);
    const runs = controllableRuns();
    const s = createSyncScheduler({ run: runs.run, intervalMinutes: () => 15, pause: () => null, clock: time.clock });
    s.start();
    s.start();
    expect(time.pending()).toEqual([15 * 60_000 * 1.05]);
    time.fire();
    expect(runs.started()).toBe(1);
    expect(time.pending()).toEqual([]); // nothing scheduled while a run is under way
    await runs.succeed();
    expect(time.pending()).toEqual([15 * 60_000 * 1.05]);
  });

  it('never runs twice at once: Sync now during a run joins it', async () => {
    const time = manualClock();
    const runs = controllableRuns();
    const s = createSyncScheduler({ run: runs.run, intervalMinutes: () => 10, pause: () => null, clock: time.clock });
    s.start();
    const first = s.runNow();
    const second = s.runNow();
    expect(runs.started()).toBe(1);
    expect(s.running).toBe(true);
    await runs.succeed('done');
    await expect(Promise.all([first, second])).resolves.toEqual(['done', 'done']);
    expect(s.running).toBe(false);
  });

  it('backs off after failures (2×, 4×, 8× the interval at most) and returns to the interval after a success', async () => {
    const time = manualClock();
    const runs = controllableRuns();
    const settled: boolean[] = [];
    const s = createSyncScheduler({ run: runs.run, intervalMinutes: () => 5, pause: () => null, clock: time.clock, onSettled: (o) => settled.push(o.ok) });
    s.start();
    const waits: number[] = [];
    for (let i = 0; i < 4; i++) {
      time.fire();
      await runs.fail();
      waits.push(s.plannedWaitMs() ?? -1);
    }
    expect(waits).toEqual([10, 20, 40, 40].map((m) => m * 60_000));
    time.fire();
    await runs.succeed();
    expect(s.plannedWaitMs()).toBe(5 * 60_000);
    expect(settled).toEqual([false, false, false, false, true]);
  });

  it('starts no run by the clock while paused, resumes on reschedule, and Sync now obeys a blocking pause', async () => {
    const time = manualClock();
    const runs = controllableRuns();
    let pause: Pause | null = { reason: 'Automatic synchronization is switched off.', blocksManualRuns: false };
    const s = createSyncScheduler({ run: runs.run, intervalMinutes: () => 15, pause: () => pause, clock: time.clock });
    s.start();
    expect(time.pending()).toEqual([]);
    // Switched off still allows the user's own Sync now.
    const manual = s.runNow();
    await runs.succeed();
    await expect(manual).resolves.toBe('ok');
    expect(time.pending()).toEqual([]);

    pause = null;
    s.reschedule();
    expect(time.pending()).toHaveLength(1);

    // The password got blocked while waiting: the timer fires but no run starts, nor may the user start one.
    pause = { reason: 'The groupware password is blocked: sign in again.', blocksManualRuns: true };
    time.fire();
    expect(runs.started()).toBe(1);
    await expect(s.runNow()).rejects.toBeInstanceOf(SchedulerPausedError);
    await s.stop();
    expect(time.pending()).toEqual([]);
  });

  it('offline: probes every minute instead of waiting intervals, runs as soon as Outlook answers, and probes nothing while paused', async () => {
    const time = manualClock();
    const runs = controllableRuns();
    let reachable = false;
    let probes = 0;
    let pause: Pause | null = null;
    const s = createSyncScheduler({
      run: runs.run,
      intervalMinutes: () => 60,
      pause: () => pause,
      clock: time.clock,
      offline: {
        detect: (outcome) => outcome.ok && outcome.value === 'unreachable',
        probe: () => {
          probes++;
          return Promise.resolve(reachable);
        },
        everyMs: 60_000,
      },
    });
    s.start();
    time.fire();
    await runs.succeed('unreachable');
    expect(s.offline).toBe(true);
    expect(time.pending()).toEqual([60_000]);
    time.fire();
    await flush();
    expect([probes, runs.started()]).toEqual([1, 1]); // still out of reach: no run, another probe planned
    expect(time.pending()).toEqual([60_000]);

    // Paused meanwhile (e.g. the password got blocked): the probe's timer fires, but nothing is probed or run.
    pause = { reason: 'blocked', blocksManualRuns: true };
    time.fire();
    await flush();
    expect([probes, runs.started()]).toEqual([1, 1]);
    pause = null;
    s.reschedule();
    expect(time.pending()).toEqual([60_000]);

    reachable = true;
    time.fire();
    await flush();
    expect([probes, runs.started()]).toEqual([2, 2]); // back: the run starts at once
    await runs.succeed('ok');
    expect(s.offline).toBe(false);
    expect(time.pending()).toEqual([60 * 60_000]);
  });

  it('takes a changed interval at reschedule', () => {
    const time = manualClock();
    let minutes = 15;
    const s = createSyncScheduler({ run: () => Promise.resolve(1), intervalMinutes: () => minutes, pause: () => null, clock: time.clock });
    s.start();
    minutes = 60;
    s.reschedule();
    expect(time.pending()).toEqual([60 * 60_000]);
  });
});
