/**
 * The sync's progress on a terminal: one bar, redrawn in place. Only for a person watching: with --json, or
 * when standard output is a pipe or file, a bar would put control characters into what a script reads.
 */
import cliProgress from 'cli-progress';
import type { ImportProgressStep } from '../service/mail-import-engine';

export interface ProgressDisplay {
  onProgress?: (step: ImportProgressStep) => void;
  /** Removes the bar (idempotent); call before printing the result. */
  stop(): void;
}

export function progressDisplay(options: { enabled: boolean; label: string; stream?: NodeJS.WritableStream }): ProgressDisplay {
  if (!options.enabled) return { stop: () => undefined };
  const bar = new cliProgress.SingleBar(
    {
      format: `${options.label} [{bar}] {value}/{total} {item}`,
      stream: options.stream ?? process.stdout,
      clearOnComplete: true,
      hideCursor: true,
    },
    cliProgress.Presets.shades_classic,
  );
  let running = false;
  const stop = () => {
    if (running) bar.stop();
    running = false;
  };
  return {
    onProgress: (step) => {
      const item = { item: step.item ?? '' };
      if (step.phase === 'finished') return stop();
      if (!running) {
        bar.start(step.total, step.done, item);
        running = true;
        return;
      }
      bar.setTotal(step.total);
      bar.update(step.done, item);
    },
    stop,
  };
}
