/**
 * The wizard's steps in a row above the current one, as the Windows client's wizard lists them: done steps
 * ticked, the current one marked (aria-current="step"), the rest ahead. Only the steps of this run — without
 * *Edit documents* when the admin setting is off. Not a control: the buttons move between steps.
 */
import { Text, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { CheckmarkRegular } from '@fluentui/react-icons';
import { useTranslation } from 'react-i18next';
import type { StepName } from './wizard-course';

const useStyles = makeStyles({
  list: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalL, margin: 0, padding: 0, listStyleType: 'none' },
  item: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS, color: tokens.colorNeutralForeground3 },
  current: { color: tokens.colorNeutralForeground1 },
  done: { color: tokens.colorNeutralForeground2 },
  badge: {
    display: 'inline-flex',
    alignItems: 'center',
    justifyContent: 'center',
    width: '24px',
    height: '24px',
    borderRadius: tokens.borderRadiusCircular,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    fontSize: tokens.fontSizeBase200,
    flexShrink: 0,
  },
  currentBadge: {
    backgroundColor: tokens.colorBrandBackground,
    color: tokens.colorNeutralForegroundOnBrand,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorBrandBackground}`,
  },
  doneBadge: { color: tokens.colorBrandForeground1, border: `${tokens.strokeWidthThin} solid ${tokens.colorBrandStroke1}` },
});

export function StepIndicator({ steps, current }: { steps: readonly StepName[]; current: StepName }) {
  const { t } = useTranslation();
  const styles = useStyles();
  const currentIndex = steps.indexOf(current);
  return (
    <nav aria-label={t('wizard.indicator')}>
      <ol className={styles.list} data-testid="wizard-steps">
        {steps.map((step, index) => {
          const done = index < currentIndex;
          const isCurrent = index === currentIndex;
          return (
            <li
              key={step}
              className={mergeClasses(styles.item, done && styles.done, isCurrent && styles.current)}
              aria-current={isCurrent ? 'step' : undefined}
              data-step={step}
            >
              <span className={mergeClasses(styles.badge, done && styles.doneBadge, isCurrent && styles.currentBadge)} aria-hidden>
                {done ? <CheckmarkRegular /> : index + 1}
              </span>
              <Text weight={isCurrent ? 'semibold' : 'regular'}>{t(`sync.steps.${step}`)}</Text>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
