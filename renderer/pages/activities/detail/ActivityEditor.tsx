/**
 * The activity page's details as a form: type, status, subject, its dates, *Delegated to*, business partner,
 * *Activity with*, *Main project*, *Main inquiry* — the pickers offer the entries of the chosen business partner
 * first, and choosing another partner takes off the former one's. *Save* sends what changed
 * (`activities.update`): the store refuses an invalid combination in words; a linked activity's change goes to
 * Outlook at once, and the sentence after saving says whether it did.
 */
import { Button, Dropdown, Field, Input, MessageBar, MessageBarBody, MessageBarTitle, Option, makeStyles, tokens } from '@fluentui/react-components';
import { ArrowUndoRegular, SaveRegular } from '@fluentui/react-icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ActivityDetail } from '../../../../shared/crm/activity-detail';
import type { ErrorInfo } from '../../../../shared/ipc/contract-kit';
import type { ChangeOutcome } from '../../../../shared/sync/two-way-types';
import { api } from '../../../ipc/api';
import type { PickIndex, PickKind } from '../../sync/grid/pick-lists';
import { CrmEntryPicker } from '../../sync/senders/CrmEntryPicker';
import { changesOf, dateFields, formOf, problemsOf, withAllocation, withPartner, type ActivityForm } from './activity-form';

const useStyles = makeStyles({
  form: { display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(280px, 1fr))', gap: tokens.spacingVerticalM },
  wide: { gridColumn: '1 / -1' },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center' },
});

type Saving = { status: 'idle' } | { status: 'saving' } | { status: 'saved'; outcome: ChangeOutcome } | { status: 'failed'; error: ErrorInfo };

interface ActivityEditorProps {
  activity: ActivityDetail;
  index: PickIndex;
  onSaved: () => void;
}

export function ActivityEditor({ activity, index, onSaved }: ActivityEditorProps) {
  const { t } = useTranslation();
  const styles = useStyles();
  const [form, setForm] = useState<ActivityForm>(() => formOf(activity));
  const [saving, setSaving] = useState<Saving>({ status: 'idle' });
  const [tried, setTried] = useState(false);
  // The activity read again (after a save or a fix): the form starts from what is stored; the sentence stays.
  const [shown, setShown] = useState(activity);
  if (shown !== activity) {
    setShown(activity);
    setForm(formOf(activity));
  }
  const problems = problemsOf(form);
  const changes = changesOf(form, activity);
  const changed = Object.keys(changes).length > 0;
  const problem = (field: (typeof problems)[number]) => (tried && problems.includes(field) ? t(`activities.edit.problems.${field}`) : undefined);

  const save = () => {
    setTried(true);
    if (problems.length > 0 || !changed || saving.status === 'saving') return;
    setSaving({ status: 'saving' });
    void api.call['activities.update']({ id: activity.id, changes }).then((result) => {
      setSaving(result.ok ? { status: 'saved', outcome: result.value } : { status: 'failed', error: result.error });
      if (result.ok) onSaved();
    });
  };

  const keyDropdown = (kind: 'type' | 'status' | 'employee', field: 'type' | 'status' | 'employee') => {
    const entries = index.entries(kind);
    return (
      <Field label={t(`activities.edit.fields.${field}`)} required>
        <Dropdown
          value={index.text(kind, form[field]) ?? form[field]}
          selectedOptions={[form[field]]}
          onOptionSelect={(_event, data) => data.optionValue !== undefined && setForm((f) => ({ ...f, [field]: data.optionValue }))}
        >
          {entries.map((entry) => (
            <Option key={entry.key} value={entry.key} text={entry.text}>
              {entry.text}
            </Option>
          ))}
        </Dropdown>
      </Field>
    );
  };
  const partnerOf = (kind: PickKind, key: string) => index.entries(kind).find((entry) => entry.key === key)?.partner ?? null;
  const prefer = form.businessPartner === null ? null : { key: form.businessPartner, name: index.text('businessPartner', form.businessPartner) ?? form.businessPartner };
  const allocation = (kind: 'contactPerson' | 'project' | 'inquiry') => (
    <CrmEntryPicker
      label={t(`activities.edit.fields.${kind}`)}
      required={false}
      entries={index.entries(kind)}
      selected={form[kind]}
      prefer={prefer}
      partnerName={(key) => index.text('businessPartner', key)}
      hint={prefer === null ? undefined : t('activities.edit.partnerFirst')}
      onSelect={(key) => setForm((f) => withAllocation(f, kind, key, partnerOf(kind, key)))}
      onClear={() => setForm((f) => ({ ...f, [kind]: null }))}
    />
  );

  return (
    <>
      <div className={styles.form} data-testid="activity-form">
        <Field className={styles.wide} label={t('activities.edit.fields.subject')} required validationMessage={problem('subject')} validationState={problem('subject') ? 'error' : 'none'}>
          <Input value={form.subject} onChange={(_event, data) => setForm((f) => ({ ...f, subject: data.value }))} />
        </Field>
        {keyDropdown('type', 'type')}
        {keyDropdown('status', 'status')}
        {dateFields(form).map((field) => (
          <Field key={field} label={t(`activities.edit.fields.${field}`)} required={field !== 'end'} validationMessage={problem(field)} validationState={problem(field) ? 'error' : 'none'}>
            <Input type="datetime-local" value={form[field]} onChange={(_event, data) => setForm((f) => ({ ...f, [field]: data.value }))} />
          </Field>
        ))}
        {keyDropdown('employee', 'employee')}
        <CrmEntryPicker
          label={t('activities.edit.fields.businessPartner')}
          required={false}
          entries={index.entries('businessPartner')}
          selected={form.businessPartner}
          prefer={null}
          onSelect={(key) => setForm((f) => withPartner(f, key, partnerOf))}
          onClear={() => setForm((f) => withPartner(f, null, partnerOf))}
        />
        {allocation('contactPerson')}
        {allocation('project')}
        {allocation('inquiry')}
      </div>
      <div className={styles.actions}>
        <Button appearance="primary" icon={<SaveRegular />} disabled={!changed || saving.status === 'saving'} onClick={save}>
          {saving.status === 'saving' ? t('activities.edit.saving') : t('activities.edit.save')}
        </Button>
        <Button icon={<ArrowUndoRegular />} disabled={!changed} onClick={() => setForm(formOf(activity))}>
          {t('activities.edit.undo')}
        </Button>
      </div>
      <SaveResult saving={saving} changed={changed} />
    </>
  );
}

function SaveResult({ saving, changed }: { saving: Saving; changed: boolean }) {
  const { t } = useTranslation();
  if (saving.status === 'failed') {
    return (
      <MessageBar intent="error" layout="multiline" data-testid="save-result">
        <MessageBarBody>
          <MessageBarTitle>{t('activities.edit.failed')}</MessageBarTitle>
          {saving.error.message}
        </MessageBarBody>
      </MessageBar>
    );
  }
  if (saving.status !== 'saved' || changed) return null;
  const { outcome } = saving;
  const reason = outcome.errors.map((error) => error.message).join(' ');
  return (
    <MessageBar intent={reason === '' ? 'success' : 'warning'} layout="multiline" data-testid="save-result">
      <MessageBarBody>{reason !== '' ? t('activities.edit.savedWaiting', { reason }) : outcome.pushed ? t('activities.edit.savedPushed') : t('activities.edit.saved')}</MessageBarBody>
    </MessageBar>
  );
}
