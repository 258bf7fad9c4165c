/**
 * Runs the connection check's steps in order. A step whose prerequisite failed (or was itself skipped) is not
 * run but reported as skipped, naming the step that failed; a step that throws unexpectedly is a failed check in
 * words, never an exception out of the check.
 */
import type { ConnectionCheck, ConnectionCheckStatus } from '../../../shared/sync/connection-check-types';

export interface StepResult {
  status: Exclude<ConnectionCheckStatus, 'skipped'>;
  message: string;
  fix?: string | undefined;
  /** Checks the step found on the way (one per import subfolder), listed right after its own. */
  more?: ConnectionCheck[];
}

export interface CheckStep {
  id: string;
  title: string;
  /** Ids of earlier steps that must have passed (or warned) for this one to run. */
  needs: readonly string[];
  run(): Promise<StepResult>;
}

export interface RunnerTexts {
  skipped(failedTitle: string): string;
  unexpected(error: unknown): StepResult;
}

export async function runSteps(steps: readonly CheckStep[], texts: RunnerTexts): Promise<ConnectionCheck[]> {
  const checks: ConnectionCheck[] = [];
  /** Per step that did not pass: the title of the failed check behind it (a skipped step's is its blocker's). */
  const failedAt = new Map<string, string>();
  for (const step of steps) {
    const blocker = step.needs.find((id) => failedAt.has(id));
    if (blocker !== undefined) {
      const failed = failedAt.get(blocker) ?? '';
      checks.push({ id: step.id, title: step.title, status: 'skipped', message: texts.skipped(failed) });
      failedAt.set(step.id, failed);
      continue;
    }
    const result = await step.run().catch((error: unknown) => texts.unexpected(error));
    checks.push({ id: step.id, title: step.title, status: result.status, message: result.message, ...(result.fix === undefined ? {} : { fix: result.fix }) }, ...(result.more ?? []));
    if (result.status === 'failed') failedAt.set(step.id, step.title);
  }
  return checks;
}
