import { makeStyles, tokens, typographyStyles } from '@fluentui/react-components';
import { DesktopRegular, GlobeRegular, MailRegular } from '@fluentui/react-icons';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppInfo } from '../../../shared/contract';

const useStyles = makeStyles({
  list: {
    display: 'grid',
    gridTemplateColumns: 'max-content 1fr',
    alignItems: 'center',
    columnGap: tokens.spacingHorizontalXXL,
    rowGap: tokens.spacingVerticalS,
    margin: 0,
  },
  term: { ...typographyStyles.body1, color: tokens.colorNeutralForeground3 },
  value: {
    ...typographyStyles.body1Strong,
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
    margin: 0,
    minWidth: 0,
    overflowWrap: 'anywhere', // long sandbox / tenant URLs wrap instead of widening the card
  },
  icon: { flexShrink: 0, fontSize: '20px', color: tokens.colorBrandForeground1 },
  notConfigured: { ...typographyStyles.body1, fontStyle: 'italic', color: tokens.colorNeutralForeground3 },
});

/** How the app runs (desktop or browser) and which Outlook it talks to. */
export function AppFacts({ info }: { info: AppInfo }) {
  const { t } = useTranslation();
  const styles = useStyles();
  return (
    <dl className={styles.list}>
      <Fact term={t('start.mode.label')} icon={info.mode === 'desktop' ? <DesktopRegular /> : <GlobeRegular />}>
        {info.mode === 'desktop' ? t('start.mode.desktop') : t('start.mode.browser')}
      </Fact>
      <Fact term={t('start.groupware.label')} icon={<MailRegular />}>
        {info.groupware.url ?? <span className={styles.notConfigured}>{t('start.groupware.notConfigured')}</span>}
      </Fact>
    </dl>
  );
}

function Fact({ term, icon, children }: { term: string; icon: ReactNode; children: ReactNode }) {
  const styles = useStyles();
  return (
    <>
      <dt className={styles.term}>{term}</dt>
      <dd className={styles.value}>
        <span className={styles.icon} aria-hidden>
          {icon}
        </span>
        <span>{children}</span>
      </dd>
    </>
  );
}
