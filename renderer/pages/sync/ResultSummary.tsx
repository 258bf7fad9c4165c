/**
 * The result's summary in words: mails imported, not imported (they stay in Outlook), not ticked; tasks and
 * appointed times taken from Outlook, not ticked, the CRM's changes written to Outlook, conflicts; warnings and errors —
 * then each problem itself. A cancelled import says so first, with the server's sentence (how many were imported,
 * that the rest stays in Outlook); an import that broke off (e.g. the connection was lost) shows its error
 * sentence among the errors, and the list below still shows what it imported.
 */
import { MessageBar, MessageBarBody, MessageBarTitle, Subtitle2, makeStyles, tokens } from '@fluentui/react-components';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { Problem, SyncSummary } from '../../../shared/sync/mail-import-types';

const useStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  heading: { margin: 0 },
  list: { margin: 0, paddingInlineStart: tokens.spacingHorizontalXL },
});

/** The engine's code for "the user cancelled": its sentence is the news, not a warning among others. */
const SYNC_CANCELLED = 'SYNC_CANCELLED';

interface ResultSummaryProps {
  summary: SyncSummary;
  /** Mails left unticked. */
  skipped: number;
  /** Outlook items left unticked; undefined when no tasks or appointed times were chosen. */
  skippedItems?: number | undefined;
  /** Whether mails were chosen (their lines are left out otherwise). */
  mails?: boolean;
}

export function ResultSummary({ summary, skipped, skippedItems, mails = true }: ResultSummaryProps) {
  const { t } = useTranslation();
  const styles = useStyles();
  const headingId = useId();
  const cancelled = summary.warnings.filter((w) => w.code === SYNC_CANCELLED);
  const warnings = summary.warnings.filter((w) => w.code !== SYNC_CANCELLED);
  const problems = warnings.length + summary.errors.length;
  return (
    <section className={styles.section} aria-labelledby={headingId} data-testid="sync-result">
      <Subtitle2 as="h3" id={headingId} className={styles.heading}>
        {t('sync.result.summary')}
      </Subtitle2>
      {cancelled.map((problem, index) => (
        <MessageBar key={`cancelled-${index}`} intent="info" layout="multiline" data-testid="sync-cancelled">
          <MessageBarBody>
            <MessageBarTitle>{t('sync.result.cancelledTitle')}</MessageBarTitle>
            {problem.message}
          </MessageBarBody>
        </MessageBar>
      ))}
      <ul className={styles.list}>
        {mails && (
          <>
            <li>{t('sync.result.imported', { count: summary.imported - (summary.itemsImported ?? 0) })}</li>
            <li>{t('sync.result.pending', { count: summary.pending })}</li>
            <li>{t('sync.result.skipped', { count: skipped })}</li>
          </>
        )}
        {skippedItems !== undefined && (
          <>
            <li>{t('sync.result.itemsImported', { count: summary.itemsImported ?? 0 })}</li>
            <li>{t('sync.result.itemsSkipped', { count: skippedItems })}</li>
            <li>{t('sync.result.pushed', { count: summary.pushed })}</li>
          </>
        )}
        {summary.conflicts > 0 && <li>{t('sync.result.conflicts', { count: summary.conflicts })}</li>}
        {problems === 0 ? (
          <li>{t('sync.result.noProblems')}</li>
        ) : (
          <>
            <li>{t('sync.result.warnings', { count: warnings.length })}</li>
            <li>{t('sync.result.errors', { count: summary.errors.length })}</li>
          </>
        )}
      </ul>
      <Problems intent="error" title={t('sync.result.errorsTitle')} problems={summary.errors} />
      <Problems intent="warning" title={t('sync.result.warningsTitle')} problems={warnings} />
    </section>
  );
}

function Problems({ intent, title, problems }: { intent: 'warning' | 'error'; title: string; problems: Problem[] }) {
  return problems.map((problem, index) => (
    <MessageBar key={`${problem.code}-${index}`} intent={intent} layout="multiline">
      <MessageBarBody>
        <MessageBarTitle>{title}</MessageBarTitle>
        {problem.message}
      </MessageBarBody>
    </MessageBar>
  ));
}
