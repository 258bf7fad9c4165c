/**
 * Step 1, *Area selection*: what to import. Mails are checked by default (the seed's default); tasks and
 * appointed times are shown, disabled, with the reason, so nobody wonders where they went.
 */
import { Button, Caption1, Checkbox, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { SyncArea } from '../../../shared/sync/mail-import-types';
import { WizardStepFrame } from './WizardStepFrame';

const useStyles = makeStyles({
  fieldset: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, border: 'none', margin: 0, padding: 0 },
  legend: { padding: 0, marginBottom: tokens.spacingVerticalS },
  option: { display: 'flex', flexDirection: 'column' },
  hint: { color: tokens.colorNeutralForeground3, paddingInlineStart: '32px' },
});

interface AreaStepProps {
  areas: readonly SyncArea[];
  onAreasChange: (areas: readonly SyncArea[]) => void;
  onNext: () => void;
}

export function AreaStep({ areas, onAreasChange, onNext }: AreaStepProps) {
  const { t } = useTranslation();
  const styles = useStyles();
  // Only mails can be imported in this version, so "something chosen" means "mails chosen".
  const canGoOn = areas.includes('mails');

  return (
    <WizardStepFrame
      step="areas"
      onDefaultAction={canGoOn ? onNext : undefined}
      actions={
        <>
          <Button appearance="primary" disabled={!canGoOn} onClick={onNext}>
            {t('sync.next')}
          </Button>
          {!canGoOn && <Text role="status">{t('sync.areas.noneChosen')}</Text>}
        </>
      }
    >
      <Text>{t('sync.areas.intro')}</Text>
      <fieldset className={styles.fieldset}>
        <legend className={styles.legend}>
          <Text weight="semibold">{t('sync.areas.legend')}</Text>
        </legend>
        <AreaOption
          label={t('sync.areas.mails')}
          hint={t('sync.areas.mailsHint')}
          checked={canGoOn}
          onChange={(checked) => onAreasChange(checked ? ['mails'] : [])}
        />
        <AreaOption label={t('sync.areas.tasks')} hint={t('sync.areas.later')} checked={false} />
        <AreaOption label={t('sync.areas.appointments')} hint={t('sync.areas.later')} checked={false} />
      </fieldset>
    </WizardStepFrame>
  );
}

/** A checkbox with its explanation below; without `onChange` it is disabled and the hint says why. */
function AreaOption({ label, hint, checked, onChange }: { label: string; hint: string; checked: boolean; onChange?: (checked: boolean) => void }) {
  const styles = useStyles();
  const hintId = useId();
  return (
    <div className={styles.option}>
      <Checkbox
        label={label}
        checked={checked}
        disabled={onChange === undefined}
        aria-describedby={hintId}
        onChange={(_event, data) => onChange?.(data.checked === true)}
      />
      <Caption1 id={hintId} className={styles.hint}>
        {hint}
      </Caption1>
    </div>
  );
}
