import { Subtitle2, makeStyles, tokens, typographyStyles } from '@fluentui/react-components';
import { BuildingRegular, PeopleRegular, PersonRegular, TaskListLtrRegular } from '@fluentui/react-icons';
import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppInfo } from '../../../shared/contract';

const useStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  heading: { margin: 0 },
  tiles: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(180px, 1fr))',
    gap: tokens.spacingHorizontalM,
    margin: 0,
  },
  tile: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalL}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  label: {
    ...typographyStyles.body1,
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
    color: tokens.colorNeutralForeground2,
  },
  icon: { fontSize: '20px', color: tokens.colorBrandForeground1 },
  count: { ...typographyStyles.title2, margin: 0, fontVariantNumeric: 'tabular-nums' },
});

/** How much master data and how many activities the CRM store holds. */
export function CrmCounts({ counts }: { counts: AppInfo['crm'] }) {
  const { t, i18n } = useTranslation();
  const styles = useStyles();
  const headingId = useId();
  const format = new Intl.NumberFormat(i18n.resolvedLanguage);
  return (
    <section className={styles.section} aria-labelledby={headingId}>
      <Subtitle2 as="h2" id={headingId} className={styles.heading}>
        {t('start.crm.heading')}
      </Subtitle2>
      <dl className={styles.tiles}>
        <CountTile icon={<PeopleRegular />} label={t('start.crm.employees')} value={format.format(counts.employees)} />
        <CountTile icon={<BuildingRegular />} label={t('start.crm.businessPartners')} value={format.format(counts.businessPartners)} />
        <CountTile icon={<PersonRegular />} label={t('start.crm.contactPersons')} value={format.format(counts.contactPersons)} />
        <CountTile icon={<TaskListLtrRegular />} label={t('start.crm.activities')} value={format.format(counts.activities)} />
      </dl>
    </section>
  );
}

function CountTile({ icon, label, value }: { icon: ReactNode; label: string; value: string }) {
  const styles = useStyles();
  return (
    <div className={styles.tile}>
      <dt className={styles.label}>
        <span className={styles.icon} aria-hidden>
          {icon}
        </span>
        {label}
      </dt>
      <dd className={styles.count}>{value}</dd>
    </div>
  );
}
