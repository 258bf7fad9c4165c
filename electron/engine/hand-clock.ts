/** For tests: a scheduler clock whose timers the test fires by hand instead of waiting for them. */
import type { SchedulerClock } from './scheduler';

export function handClock() {
  const timers: Array<{ run: () => void; ms: number }> = [];
  const clock: SchedulerClock = {
    setTimeout: (run, ms) => timers.push({ run, ms }) - 1,
    clearTimeout: (handle) => {
      timers[handle as number] = { run: () => undefined, ms: -1 };
    },
    random: () => 0.5,
  };
  /** The timers set and neither cleared nor run. */
  const live = () => timers.filter((t) => t.ms >= 0);
  /** Runs the last timer set; once run it is no longer live. */
  const fire = () => {
    const index = timers.findLastIndex((t) => t.ms >= 0);
    const timer = timers[index];
    if (timer === undefined) throw new Error('no timer is set');
    timers[index] = { run: () => undefined, ms: -1 };
    timer.run();
  };
  return { clock, live, fire };
}
