/**
 * `/connection-check` (File › Check groupware connection…, the seed's "Check for Office installation"): runs the
 * check on opening and on *Check again*, and lists each check with an icon, its sentence and what to do. The
 * sentences come from the service in the page's language; a language switch checks again.
 */
import { Button, MessageBar, MessageBarBody, Spinner, Text, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { ArrowClockwiseRegular, CheckmarkCircleFilled, DismissCircleFilled, SubtractCircleRegular, WarningFilled } from '@fluentui/react-icons';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConnectionCheck, ConnectionCheckReport, ConnectionCheckStatus } from '../../../shared/sync/connection-check-types';
import { pickLanguage } from '../../../shared/i18n/language';
import { api } from '../../ipc/api';
import { PageLayout } from '../common/PageLayout';
import { formatDateTime } from '../sync/labels';
import type { Loadable } from '../sync/useSyncWizard';

const useStyles = makeStyles({
  actions: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalM, flexWrap: 'wrap' },
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  item: { display: 'grid', gridTemplateColumns: 'auto 1fr', columnGap: tokens.spacingHorizontalM, alignItems: 'start' },
  icon: { fontSize: '20px', marginTop: '1px' },
  body: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS, minWidth: 0, overflowWrap: 'anywhere' },
  passed: { color: tokens.colorPaletteGreenForeground1 },
  failed: { color: tokens.colorPaletteRedForeground1 },
  warning: { color: tokens.colorPaletteDarkOrangeForeground1 },
  skipped: { color: tokens.colorNeutralForeground3 },
  fix: { color: tokens.colorNeutralForeground2 },
});

export function ConnectionCheckPage() {
  const { t, i18n } = useTranslation();
  const styles = useStyles();
  const lang = pickLanguage(i18n.resolvedLanguage ?? i18n.language);
  // Each *Check again* counts up; a run answers for its own request, so an older answer never shows as the new one.
  const [runs, setRuns] = useState(0);
  const request = `${runs}:${lang}`;
  const [answer, setAnswer] = useState<{ request: string; report: Loadable<ConnectionCheckReport> } | null>(null);
  useEffect(() => {
    let stale = false;
    void api.call['groupware.check']({ lang }).then((result) => {
      if (!stale) setAnswer({ request, report: result.ok ? { status: 'ready', value: result.value } : { status: 'failed', error: result.error } });
    });
    return () => {
      stale = true;
    };
  }, [request, lang]);
  const report: Loadable<ConnectionCheckReport> = answer?.request === request ? answer.report : { status: 'loading' };

  return (
    <PageLayout title={t('connectionCheck.title')}>
      <Text>{t('connectionCheck.intro')}</Text>
      <div className={styles.actions}>
        <Button icon={<ArrowClockwiseRegular />} disabled={report.status === 'loading'} onClick={() => setRuns((n) => n + 1)}>
          {t('connectionCheck.checkAgain')}
        </Button>
        {report.status === 'loading' && <Spinner size="small" labelPosition="after" label={t('connectionCheck.checking')} />}
        {report.status === 'ready' && <Text>{t('connectionCheck.checkedAt', { time: formatDateTime(i18n.resolvedLanguage, report.value.checkedAt) })}</Text>}
      </div>
      {report.status === 'failed' && (
        <MessageBar intent="error">
          <MessageBarBody>
            {t('connectionCheck.runFailed')} {report.error.message}
          </MessageBarBody>
        </MessageBar>
      )}
      {report.status === 'ready' && (
        <>
          <Verdict checks={report.value.checks} />
          <ul className={styles.list} aria-label={t('connectionCheck.listLabel')}>
            {report.value.checks.map((check) => (
              <CheckItem key={check.id} check={check} />
            ))}
          </ul>
        </>
      )}
    </PageLayout>
  );
}

/** One line over the list: all well, warnings, or how many failed. */
function Verdict({ checks }: { checks: readonly ConnectionCheck[] }) {
  const { t } = useTranslation();
  const failures = checks.filter((check) => check.status === 'failed').length;
  const warnings = checks.filter((check) => check.status === 'warning').length;
  const [intent, text] =
    failures > 0
      ? (['error', t('connectionCheck.failures', { count: failures })] as const)
      : warnings > 0
        ? (['warning', t('connectionCheck.warnings', { count: warnings })] as const)
        : (['success', t('connectionCheck.allPassed')] as const);
  return (
    <MessageBar intent={intent} role="status">
      <MessageBarBody>{text}</MessageBarBody>
    </MessageBar>
  );
}

const ICONS: Readonly<Record<ConnectionCheckStatus, typeof CheckmarkCircleFilled>> = {
  passed: CheckmarkCircleFilled,
  failed: DismissCircleFilled,
  warning: WarningFilled,
  skipped: SubtractCircleRegular,
};

function CheckItem({ check }: { check: ConnectionCheck }) {
  const { t } = useTranslation();
  const styles = useStyles();
  const Icon = ICONS[check.status];
  return (
    <li className={styles.item} data-check-id={check.id} data-status={check.status}>
      <Icon className={mergeClasses(styles.icon, styles[check.status])} role="img" aria-label={t(`connectionCheck.status.${check.status}`)} />
      <div className={styles.body}>
        <Text weight="semibold">{check.title}</Text>
        <Text data-part="message">{check.message}</Text>
        {check.fix !== undefined && (
          <Text className={styles.fix} data-part="fix">
            {t('connectionCheck.fix')} {check.fix}
          </Text>
        )}
      </div>
    </li>
  );
}
