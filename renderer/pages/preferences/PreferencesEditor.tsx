/**
 * The *Groupware* preferences as a desktop preferences dialog handles them: edits stay in the form until
 * *Save* (or Enter) sends the changed fields with `prefs.update`; a value that cannot be saved is marked under
 * its field and nothing is sent; an error from the main side is shown in words and the form keeps every edit;
 * *Cancel* (or Esc) leaves, asking first when something is unsaved.
 */
import { Button, MessageBar, MessageBarBody, MessageBarTitle, Spinner, Text, makeStyles, tokens, typographyStyles } from '@fluentui/react-components';
import { CheckmarkCircleRegular } from '@fluentui/react-icons';
import { useEffect, useId, useMemo, useRef, useState, type FormEvent, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import type { ErrorInfo, Result } from '../../../shared/ipc/contract-kit';
import type { Preferences, PreferencesPatch, PreferencesState } from '../../../shared/prefs/preferences';
import { uiLanguage } from '../../../shared/i18n/language';
import { setLanguage } from '../../i18n/i18n';
import { GeneralFields } from './GeneralFields';
import { GroupwareFields } from './GroupwareFields';
import { LeaveDialog } from './LeaveDialog';
import { diffForm, formOf, type PreferencesForm, type TypedField } from './preferences-form';
import { useLeaveGuard } from './useLeaveGuard';

const useStyles = makeStyles({
  panel: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXXL,
    padding: `${tokens.spacingVerticalXL} ${tokens.spacingHorizontalXXL} 0`,
    backgroundColor: tokens.colorNeutralBackground1,
    borderRadius: tokens.borderRadiusLarge,
    boxShadow: tokens.shadow4,
  },
  intro: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  heading: { ...typographyStyles.subtitle1, margin: 0, ':focus': { outlineStyle: 'none' }, ':focus-visible': { outlineStyle: 'none' } },
  introText: { color: tokens.colorNeutralForeground2 },
  // The buttons stay in reach on a long page, as at the bottom of a dialog.
  footer: {
    position: 'sticky',
    bottom: 0,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    padding: `${tokens.spacingVerticalM} 0 ${tokens.spacingVerticalL}`,
    borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  bar: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalM },
  status: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalXS, flexGrow: 1, color: tokens.colorNeutralForeground2 },
  savedIcon: { color: tokens.colorPaletteGreenForeground1, fontSize: '16px' },
});

type SaveState =
  | { readonly kind: 'idle' }
  | { readonly kind: 'saving' }
  | { readonly kind: 'saved' }
  | { readonly kind: 'invalid'; readonly count: number }
  | { readonly kind: 'failed'; readonly error: ErrorInfo };

interface PreferencesEditorProps {
  /** The preferences as stored: what the form is compared with. */
  saved: Preferences;
  onSave: (patch: PreferencesPatch) => Promise<Result<PreferencesState>>;
  headingRef?: Ref<HTMLHeadingElement>;
}

export function PreferencesEditor({ saved, onSave, headingRef }: PreferencesEditorProps) {
  const { t } = useTranslation();
  const styles = useStyles();
  const headingId = useId();
  const intervalId = useId();
  const urlId = useId();
  const inputIds: Record<TypedField, string> = { syncIntervalMinutes: intervalId, webClientBaseUrl: urlId };

  const [form, setForm] = useState<PreferencesForm>(() => formOf(saved));
  const [saveState, setSaveState] = useState<SaveState>({ kind: 'idle' });
  // Problems show from the first try to save on (then they follow the typing), not while the first letters are
  // typed, and not when a field is left: a message appearing on blur moves everything below it, and the click
  // that caused the blur (on Save, on a switch) would land beside its target and be lost.
  const [saveTried, setSaveTried] = useState(false);
  const diff = useMemo(() => diffForm(saved, form), [saved, form]);
  const shownProblems = saveTried ? diff.problems : [];
  const saving = saveState.kind === 'saving';

  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  const change = (edit: Partial<PreferencesForm>) => {
    setForm((current) => ({ ...current, ...edit }));
    // "Saved" and "correct the field first" are about the form as it was; a failure stays until the next try.
    setSaveState((current) => (current.kind === 'saved' || current.kind === 'invalid' ? { kind: 'idle' } : current));
  };

  /** Resolves true when nothing unsaved is left. */
  const save = async (): Promise<boolean> => {
    if (saving) return false;
    setSaveTried(true);
    if (diff.problems.length > 0) {
      setSaveState({ kind: 'invalid', count: diff.problems.length });
      const first = diff.problems[0];
      if (first !== undefined) document.getElementById(inputIds[first.field])?.focus();
      return false;
    }
    if (!diff.dirty) {
      setSaveState({ kind: 'saved' });
      return true;
    }
    const submitted = form;
    setSaveState({ kind: 'saving' });
    const result = await onSave(diff.patch);
    if (!mounted.current) return result.ok;
    if (result.ok) {
      // A new language takes effect at once, on this page too (its texts re-render).
      if (diff.patch.language !== undefined) void setLanguage(uiLanguage(result.value.preferences.language, navigator.language));
      // Show the values as stored (e.g. the address without its trailing slash), unless the user typed on meanwhile.
      setForm((current) => (current === submitted ? formOf(result.value.preferences) : current));
      setSaveState({ kind: 'saved' });
      setSaveTried(false);
    } else {
      setSaveState({ kind: 'failed', error: result.error });
    }
    return result.ok;
  };

  const { blocker, leave } = useLeaveGuard(diff.dirty);
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    void save();
  };

  return (
    <>
      <form className={styles.panel} aria-labelledby={headingId} noValidate onSubmit={onSubmit}>
        <div className={styles.intro}>
          {/* Focus lands here after the notice above is dismissed: no control, so no focus ring. */}
          <h2 id={headingId} className={styles.heading} ref={headingRef} tabIndex={-1}>
            {t('preferences.groupware.heading')}
          </h2>
          <Text className={styles.introText}>{t('preferences.groupware.intro')}</Text>
        </div>

        <GroupwareFields form={form} onChange={change} problems={shownProblems} inputIds={inputIds} />

        <GeneralFields form={form} onChange={change} />

        <div className={styles.footer}>
          {saveState.kind === 'failed' && (
            <MessageBar intent="error" layout="multiline">
              <MessageBarBody>
                <MessageBarTitle>{t('preferences.saveFailed')}</MessageBarTitle>
                {saveState.error.message}
              </MessageBarBody>
            </MessageBar>
          )}
          {saveState.kind === 'invalid' && (
            <MessageBar intent="error">
              <MessageBarBody>{t('preferences.correctFirst', { count: saveState.count })}</MessageBarBody>
            </MessageBar>
          )}
          <div className={styles.bar}>
            <div role="status" className={styles.status}>
              {saveState.kind === 'saving' && <Spinner size="extra-tiny" labelPosition="after" label={t('preferences.saving')} />}
              {saveState.kind === 'saved' && (
                <>
                  <CheckmarkCircleRegular className={styles.savedIcon} aria-hidden />
                  <Text>{t('preferences.saved')}</Text>
                </>
              )}
              {saveState.kind === 'idle' && diff.dirty && <Text>{t('preferences.unsaved')}</Text>}
            </div>
            <Button type="submit" appearance="primary" disabledFocusable={saving}>
              {t('preferences.save')}
            </Button>
            <Button type="button" onClick={leave}>
              {t('preferences.cancel')}
            </Button>
          </div>
        </div>
      </form>

      <LeaveDialog
        open={blocker.state === 'blocked'}
        saving={saving}
        // Saved: the guard lets the held navigation go on. Not saved: stay, and the form says why.
        onSave={() => void save().then((done) => !done && blocker.state === 'blocked' && blocker.reset())}
        onDiscard={() => blocker.state === 'blocked' && blocker.proceed()}
        onStay={() => blocker.state === 'blocked' && blocker.reset()}
      />
    </>
  );
}
