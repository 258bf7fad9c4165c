/**
 * Step 1, *Area selection*: what to import — mails, tasks, appointed times. Ticked at first as the user's
 * preferences say (mails only out of the box); an area switched off there is unticked but can be ticked for this
 * run, and its hint says so. The next step has a page for each area ticked here.
 */
import { Button, Caption1, Checkbox, MessageBar, MessageBarBody, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { Preferences } from '../../../shared/prefs/preferences';
import type { SyncArea } from '../../../shared/sync/mail-import-types';
import { canReadOutlook, type AreaTicks } from './wizard-course';
import { WizardStepFrame } from './WizardStepFrame';

const useStyles = makeStyles({
  fieldset: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, border: 'none', margin: 0, padding: 0 },
  legend: { padding: 0, marginBottom: tokens.spacingVerticalS },
  option: { display: 'flex', flexDirection: 'column' },
  hint: { color: tokens.colorNeutralForeground3, paddingInlineStart: '32px' },
});

interface AreaStepProps {
  areas: AreaTicks;
  preferences: Preferences;
  /** The preferences could not be read: the defaults apply, and the step says so. */
  preferencesFailed: boolean;
  onAreaChange: (area: SyncArea, ticked: boolean) => void;
  onNext: () => void;
}

export function AreaStep({ areas, preferences, preferencesFailed, onAreaChange, onNext }: AreaStepProps) {
  const { t } = useTranslation();
  const styles = useStyles();
  const canGoOn = canReadOutlook(areas);

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
      {preferencesFailed && (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>{t('wizard.preferencesFailed')}</MessageBarBody>
        </MessageBar>
      )}
      <Text>{t('sync.areas.intro')}</Text>
      <fieldset className={styles.fieldset}>
        <legend className={styles.legend}>
          <Text weight="semibold">{t('sync.areas.legend')}</Text>
        </legend>
        <AreaOption
          label={t('sync.areas.mails')}
          hints={[t('sync.areas.mailsHint'), ...(preferences.areas.mails ? [] : [t('sync.areas.offInPreferences')])]}
          checked={areas.mails}
          onChange={(checked) => onAreaChange('mails', checked)}
        />
        <AreaOption
          label={t('sync.areas.tasks')}
          hints={[t('sync.areas.tasksHint'), ...(preferences.areas.tasks ? [] : [t('sync.areas.offInPreferences')])]}
          checked={areas.tasks}
          onChange={(checked) => onAreaChange('tasks', checked)}
        />
        <AreaOption
          label={t('sync.areas.appointments')}
          hints={[t('sync.areas.appointmentsHint'), ...(preferences.areas.appointments ? [] : [t('sync.areas.offInPreferences')])]}
          checked={areas.appointments}
          onChange={(checked) => onAreaChange('appointments', checked)}
        />
      </fieldset>
    </WizardStepFrame>
  );
}

/** A checkbox with its explanation below; without `onChange` it is disabled and the hint says why. */
function AreaOption({ label, hints, checked, onChange }: { label: string; hints: string[]; checked: boolean; onChange?: (checked: boolean) => void }) {
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
        {hints.join(' ')}
      </Caption1>
    </div>
  );
}
