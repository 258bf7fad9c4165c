/**
 * The sign-in settings: the groupware user name (the sign-in page's login hint) and where Microsoft 365's sign-in
 * is (authority, client id, tenant, from the administrator). Saved together with `account.update`; an invalid
 * value is refused by the main side as a whole, and its sentence shown.
 */
import { Button, Field, Input, Subtitle1, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AccountInfo, AccountUpdate } from '../../../shared/account/account-info';
import type { ErrorInfo, Result } from '../../../shared/ipc/contract-kit';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  heading: { margin: 0 },
  input: { maxWidth: '40rem' },
  bar: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalM },
});

type Fields = { groupwareUserName: string; authority: string; clientId: string; tenant: string };

const fieldsOf = (info: AccountInfo): Fields => ({
  groupwareUserName: info.groupwareUserName ?? '',
  authority: info.signIn.authority ?? '',
  clientId: info.signIn.clientId ?? '',
  tenant: info.signIn.tenant ?? '',
});

export function AccountSettingsForm({ info, onSave }: { info: AccountInfo; onSave: (change: AccountUpdate) => Promise<Result<AccountInfo>> }) {
  const { t } = useTranslation();
  const styles = useStyles();
  const [fields, setFields] = useState<Fields>(() => fieldsOf(info));
  const [outcome, setOutcome] = useState<{ kind: 'saved' } | { kind: 'failed'; error: ErrorInfo } | null>(null);
  const [saving, setSaving] = useState(false);
  const set = (name: keyof Fields) => (_e: unknown, data: { value: string }) => {
    setOutcome(null);
    setFields((current) => ({ ...current, [name]: data.value }));
  };

  const save = (event: FormEvent) => {
    event.preventDefault();
    setSaving(true);
    void onSave({ groupwareUserName: fields.groupwareUserName, signIn: { authority: fields.authority, clientId: fields.clientId, tenant: fields.tenant } }).then((result) => {
      setSaving(false);
      setOutcome(result.ok ? { kind: 'saved' } : { kind: 'failed', error: result.error });
      if (result.ok) setFields(fieldsOf(result.value));
    });
  };

  const field = (name: keyof Fields, label: string, hint: string) => (
    <Field label={label} hint={hint}>
      <Input className={styles.input} name={name} value={fields[name]} onChange={set(name)} />
    </Field>
  );

  return (
    <form className={styles.form} onSubmit={save} aria-labelledby="account-settings-heading">
      <Subtitle1 as="h2" id="account-settings-heading" className={styles.heading}>
        {t('account.settings.heading')}
      </Subtitle1>
      {field('groupwareUserName', t('account.settings.groupwareUserName'), t('account.settings.groupwareUserNameHint'))}
      {field('authority', t('account.settings.authority'), t('account.settings.authorityHint'))}
      {field('clientId', t('account.settings.clientId'), t('account.settings.clientIdHint'))}
      {field('tenant', t('account.settings.tenant'), t('account.settings.tenantHint'))}
      <div className={styles.bar}>
        <Button type="submit" appearance="secondary" disabled={saving}>
          {t('account.settings.save')}
        </Button>
        {outcome !== null && (
          <Text role="status">{outcome.kind === 'saved' ? t('account.settings.saved') : t('account.settings.saveFailed', { message: outcome.error.message })}</Text>
        )}
      </div>
    </form>
  );
}
