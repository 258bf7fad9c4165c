/**
 * The general preferences: the UI language — the operating system's (named, so the user sees what that means
 * here) or one chosen. Presentational, like GroupwareFields: values in, changes out through `onChange`.
 */
import { Field, Select, Subtitle1, makeStyles, tokens } from '@fluentui/react-components';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { pickLanguage } from '../../../shared/i18n/language';
import { UiLanguage } from '../../../shared/prefs/preferences';
import type { PreferencesForm } from './preferences-form';

const useStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  heading: { margin: 0 },
  select: { maxWidth: '24rem' },
});

export function GeneralFields({ form, onChange }: { form: PreferencesForm; onChange: (change: Partial<PreferencesForm>) => void }) {
  const { t } = useTranslation();
  const styles = useStyles();
  const headingId = useId();
  const system = t(`preferences.languageNames.${pickLanguage(navigator.language)}`);
  return (
    <section className={styles.section} aria-labelledby={headingId}>
      <Subtitle1 as="h2" id={headingId} className={styles.heading}>
        {t('preferences.general.heading')}
      </Subtitle1>
      <Field label={t('preferences.general.language')} hint={t('preferences.general.languageHint')}>
        <Select className={styles.select} value={form.language} onChange={(_e, data) => onChange({ language: UiLanguage.parse(data.value) })}>
          {UiLanguage.options.map((language) => (
            <option key={language} value={language}>
              {language === 'system' ? t('preferences.general.languageSystem', { language: system }) : t(`preferences.languageNames.${language}`)}
            </option>
          ))}
        </Select>
      </Field>
    </section>
  );
}
