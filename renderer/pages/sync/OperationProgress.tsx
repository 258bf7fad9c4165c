import { Field, ProgressBar, Spinner, makeStyles, tokens } from '@fluentui/react-components';
import type { SyncProgress } from '../../../shared/contract';

const useStyles = makeStyles({
  column: { display: 'flex', flexDirection: 'column', alignItems: 'flex-start', gap: tokens.spacingVerticalS },
  bar: { alignSelf: 'stretch' },
});

interface OperationProgressProps {
  label: string;
  progress: SyncProgress | null;
  /** "3 of 17 mails read": the numbers in words, per operation. */
  describe: (progress: SyncProgress) => string;
  /** A spinner as well (reading Outlook, where the first numbers take a moment). */
  spinner?: boolean;
}

/**
 * A running operation: its label (with a spinner if asked), and a bar that is indeterminate until the first
 * progress event says how much there is, then shows "done of total".
 */
export function OperationProgress({ label, progress, describe, spinner = false }: OperationProgressProps) {
  const styles = useStyles();
  const measurable = progress !== null && progress.total > 0;
  const bar = <ProgressBar className={styles.bar} thickness="large" aria-label={label} {...(measurable ? { value: progress.done, max: progress.total } : {})} />;
  if (!spinner) {
    return (
      <Field label={label} hint={measurable ? describe(progress) : undefined}>
        {bar}
      </Field>
    );
  }
  return (
    <div className={styles.column}>
      <Spinner size="small" labelPosition="after" label={label} />
      {measurable && (
        <Field className={styles.bar} hint={describe(progress)}>
          {bar}
        </Field>
      )}
    </div>
  );
}
