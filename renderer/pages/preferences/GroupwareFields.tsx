/**
 * The *Groupware* preferences as controls, grouped as in the Windows client's dialog: import, synchronization,
 * what to show after an import, the Web Client, and the administrative documents step. Presentational: the
 * form's values come in, every change goes out through `onChange`; the editor decides when to save.
 */
import {
  Caption1,
  Checkbox,
  Field,
  Input,
  Radio,
  RadioGroup,
  SpinButton,
  Subtitle2,
  Switch,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ResultView } from '../../../shared/prefs/preferences';
import { INTERVAL_MINUTES, type FieldProblem, type PreferencesForm, type TypedField } from './preferences-form';

const useStyles = makeStyles({
  group: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  heading: { margin: 0 },
  fieldset: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS, border: 'none', margin: 0, padding: 0, minWidth: 0 },
  legend: { padding: 0, marginBottom: tokens.spacingVerticalXS },
  legendHint: { color: tokens.colorNeutralForeground3, marginBottom: tokens.spacingVerticalXS },
  // The interval belongs to the automatic synchronization: under its label, not under its switch.
  nested: { paddingInlineStart: '60px' },
  // A hint under a checkbox or switch starts where its label's text does (Fluent's indicator and gaps).
  checkboxHint: { paddingInlineStart: '36px' },
  switchHint: { paddingInlineStart: '60px' },
  interval: { maxWidth: '12rem' },
  url: { maxWidth: '40rem' },
});

export interface GroupwareFieldsProps {
  form: PreferencesForm;
  onChange: (change: Partial<PreferencesForm>) => void;
  /** The problems to show now (from the first try to save on). */
  problems: readonly FieldProblem[];
  /** Ids of the typed fields' inputs, so the editor can move focus to the first one that needs correcting. */
  inputIds: Record<TypedField, string>;
}

export function GroupwareFields({ form, onChange, problems, inputIds }: GroupwareFieldsProps) {
  const { t } = useTranslation();
  const styles = useStyles();
  const areasHintId = useId();
  const { areas } = form;
  const setArea = (area: keyof PreferencesForm['areas'], checked: boolean) => onChange({ areas: { ...areas, [area]: checked } });
  const intervalProblem = problems.find((p) => p.field === 'syncIntervalMinutes');
  const urlProblem = problems.find((p) => p.field === 'webClientBaseUrl');
  const typedInterval = form.syncIntervalMinutes.trim();

  return (
    <>
      <Group heading={t('preferences.import.heading')}>
        <fieldset className={styles.fieldset} aria-describedby={areasHintId}>
          <legend className={styles.legend}>
            <Text weight="semibold">{t('preferences.import.areas')}</Text>
          </legend>
          <Caption1 id={areasHintId} className={styles.legendHint}>
            {t('preferences.import.areasHint')}
          </Caption1>
          <Checkbox label={t('preferences.import.mails')} checked={areas.mails} onChange={(_e, data) => setArea('mails', data.checked === true)} />
          <Field hint={{ children: t('preferences.import.later'), className: styles.checkboxHint }}>
            <Checkbox label={t('preferences.import.tasks')} checked={areas.tasks} onChange={(_e, data) => setArea('tasks', data.checked === true)} />
          </Field>
          <Field hint={{ children: t('preferences.import.later'), className: styles.checkboxHint }}>
            <Checkbox
              label={t('preferences.import.appointments')}
              checked={areas.appointments}
              onChange={(_e, data) => setArea('appointments', data.checked === true)}
            />
          </Field>
          {!areas.mails && !areas.tasks && !areas.appointments && (
            <Text role="status" className={styles.legendHint}>
              {t('preferences.import.noArea')}
            </Text>
          )}
        </fieldset>
        <Field hint={{ children: t('preferences.import.mailsFromImportFolderHint'), className: styles.checkboxHint }}>
          <Checkbox
            label={t('preferences.import.mailsFromImportFolder')}
            checked={form.mailsFromImportFolder}
            onChange={(_e, data) => onChange({ mailsFromImportFolder: data.checked === true })}
          />
        </Field>
      </Group>

      <Group heading={t('preferences.sync.heading')}>
        <Field hint={{ children: t('preferences.sync.automaticHint'), className: styles.switchHint }}>
          <Switch label={t('preferences.sync.automatic')} checked={form.automaticSync} onChange={(_e, data) => onChange({ automaticSync: data.checked })} />
        </Field>
        <Field
          className={styles.nested}
          label={t('preferences.sync.interval')}
          hint={t('preferences.sync.intervalHint', INTERVAL_MINUTES)}
          validationState={intervalProblem ? 'error' : 'none'}
          validationMessage={intervalProblem ? t(`preferences.sync.${intervalProblem.kind}`, INTERVAL_MINUTES) : undefined}
        >
          <SpinButton
            id={inputIds.syncIntervalMinutes}
            className={styles.interval}
            min={INTERVAL_MINUTES.min}
            max={INTERVAL_MINUTES.max}
            // Controlled by the typed text: the form holds what the user sees, valid or not.
            value={/^\d+$/.test(typedInterval) ? Number(typedInterval) : null}
            displayValue={form.syncIntervalMinutes}
            onChange={(_e, data) => onChange({ syncIntervalMinutes: data.value != null ? String(data.value) : (data.displayValue ?? '') })}
            // Every keystroke, not only on leaving the field: Enter saves what is in the box.
            input={{ onInput: (e) => onChange({ syncIntervalMinutes: e.currentTarget.value }) }}
          />
        </Field>
        <Field
          hint={{
            children: form.automaticSync ? t('preferences.sync.activityWindowDisabled') : t('preferences.sync.activityWindowHint'),
            className: styles.checkboxHint,
          }}
        >
          <Checkbox
            label={t('preferences.sync.activityWindow')}
            checked={form.syncWhenActivityWindowOpens}
            disabled={form.automaticSync}
            onChange={(_e, data) => onChange({ syncWhenActivityWindowOpens: data.checked === true })}
          />
        </Field>
      </Group>

      <Group heading={t('preferences.result.heading')}>
        <Field label={t('preferences.result.label')}>
          <RadioGroup value={form.resultView} onChange={(_e, data) => onChange({ resultView: ResultView.parse(data.value) })}>
            {ResultView.options.map((view) => (
              <Radio key={view} value={view} label={t(`preferences.result.${view}`)} />
            ))}
          </RadioGroup>
        </Field>
      </Group>

      <Group heading={t('preferences.webClient.heading')}>
        <Field
          label={t('preferences.webClient.label')}
          hint={t('preferences.webClient.hint')}
          validationState={urlProblem ? 'error' : 'none'}
          validationMessage={urlProblem ? t(`preferences.webClient.${urlProblem.kind}`) : undefined}
        >
          <Input
            id={inputIds.webClientBaseUrl}
            className={styles.url}
            type="url"
            inputMode="url"
            autoComplete="url"
            spellCheck={false}
            placeholder="https://"
            value={form.webClientBaseUrl}
            onChange={(_e, data) => onChange({ webClientBaseUrl: data.value })}
          />
        </Field>
      </Group>

      <Group heading={t('preferences.admin.heading')}>
        <Field hint={{ children: t('preferences.admin.documentsStepHint'), className: styles.switchHint }}>
          <Switch label={t('preferences.admin.documentsStep')} checked={form.documentsStep} onChange={(_e, data) => onChange({ documentsStep: data.checked })} />
        </Field>
      </Group>
    </>
  );
}

/** One group of the dialog: its heading (h3 under the page's *Groupware* h2) and its controls. */
function Group({ heading, children }: { heading: string; children: ReactNode }) {
  const styles = useStyles();
  const headingId = useId();
  return (
    <section className={styles.group} aria-labelledby={headingId}>
      <Subtitle2 as="h3" id={headingId} className={styles.heading}>
        {heading}
      </Subtitle2>
      {children}
    </section>
  );
}
