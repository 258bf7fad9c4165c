/**
 * `/conflicts` (File › Synchronization conflicts…): what the two-way sync would not decide alone — an item changed
 * both in the CRM and in Outlook since they were last in step (DESIGN §4). Each conflict shows the fields that
 * differ with both values; the user keeps one side's version, or picks a side field by field (an appointment's
 * times as one choice), and the choice goes to Outlook at once when it can (else it waits for the next sync, and
 * the page says so).
 */
import {
  Button,
  Card,
  CardHeader,
  MessageBar,
  MessageBarBody,
  Radio,
  RadioGroup,
  Spinner,
  Subtitle2,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import type { TFunction } from 'i18next';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { choiceGroups } from '../../../shared/sync/conflict-choices';
import type { FieldChoices, Side } from '../../../shared/sync/plan';
import type { SyncConflict } from '../../../shared/sync/two-way-types';
import { api } from '../../ipc/api';
import { PageLayout } from '../common/PageLayout';
import { formatDateTime } from '../sync/labels';
import type { Loadable } from '../sync/useSyncWizard';

const useStyles = makeStyles({
  list: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  value: { whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' },
  deleted: { color: tokens.colorPaletteRedForeground1, fontStyle: 'italic' },
  choice: { flexWrap: 'nowrap' },
});

type Notice = { intent: 'success' | 'warning' | 'error'; text: string };

export function ConflictsPage() {
  const { t } = useTranslation();
  const styles = useStyles();
  const [conflicts, setConflicts] = useState<Loadable<SyncConflict[]>>({ status: 'loading' });
  const [busy, setBusy] = useState<string | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);

  // Read again after each choice (`reads` counts them).
  const [reads, setReads] = useState(0);
  useEffect(() => {
    let stale = false;
    void api.call['conflicts.list']({}).then((result) => {
      if (!stale) setConflicts(result.ok ? { status: 'ready', value: result.value } : { status: 'failed', error: result.error });
    });
    return () => {
      stale = true;
    };
  }, [reads]);

  const resolve = async (conflict: SyncConflict, keep: Side | { fields: FieldChoices }) => {
    setBusy(conflict.id);
    const result = await api.call['conflicts.resolve']({ id: conflict.id, keep });
    setBusy(null);
    if (!result.ok) setNotice({ intent: 'error', text: `${t('conflicts.failed')} ${result.error.message}` });
    else if (result.value.pushed) setNotice({ intent: 'success', text: t('conflicts.pushed', { subject: conflict.subject }) });
    else setNotice({ intent: 'warning', text: t('conflicts.waiting', { subject: conflict.subject, reason: result.value.errors.map((e) => e.message).join(' ') }) });
    setReads((n) => n + 1);
  };

  return (
    <PageLayout title={t('conflicts.title')}>
      <Text>{t('conflicts.intro')}</Text>
      {notice !== null && (
        <MessageBar intent={notice.intent} role="status">
          <MessageBarBody>{notice.text}</MessageBarBody>
        </MessageBar>
      )}
      {conflicts.status === 'loading' && <Spinner size="small" labelPosition="after" label={t('conflicts.loading')} />}
      {conflicts.status === 'failed' && (
        <MessageBar intent="error">
          <MessageBarBody>
            {t('conflicts.loadFailed')} {conflicts.error.message}
          </MessageBarBody>
        </MessageBar>
      )}
      {conflicts.status === 'ready' && conflicts.value.length === 0 && (
        <MessageBar intent="success">
          <MessageBarBody>{t('conflicts.none')}</MessageBarBody>
        </MessageBar>
      )}
      {conflicts.status === 'ready' && conflicts.value.length > 0 && (
        <div className={styles.list}>
          {conflicts.value.map((conflict) => (
            <ConflictCard key={conflict.id} conflict={conflict} busy={busy} onResolve={(keep) => void resolve(conflict, keep)} />
          ))}
        </div>
      )}
    </PageLayout>
  );
}

/** One conflict: both versions, the whole-side buttons and — when both sides still have it — a choice per field. */
function ConflictCard({ conflict, busy, onResolve }: { conflict: SyncConflict; busy: string | null; onResolve: (keep: Side | { fields: FieldChoices }) => void }) {
  const { t } = useTranslation();
  const styles = useStyles();
  const byField = !conflict.crmDeleted && !conflict.outlookDeleted;
  const [choices, setChoices] = useState<FieldChoices>({});
  const groups = choiceGroups(conflict.kind, Object.keys(conflict.fields));
  // A choice on one field of a group is the choice for all of them.
  const choose = (field: string, side: Side) => setChoices((current) => ({ ...current, ...Object.fromEntries((groups.find((g) => g.includes(field)) ?? [field]).map((f) => [f, side])) }));
  const open = Object.keys(conflict.fields).filter((field) => choices[field] === undefined).length;
  return (
    <Card data-conflict-id={conflict.id}>
      <CardHeader header={<Subtitle2 as="h2">{conflict.subject}</Subtitle2>} description={<Text>{t(conflict.kind === 'event' ? 'conflicts.kindEvent' : 'conflicts.kindTask')}</Text>} />
      <ConflictTable conflict={conflict} choices={byField ? choices : null} onChoose={choose} />
      <div className={styles.actions}>
        <Button appearance="primary" disabled={busy !== null} onClick={() => onResolve('crm')}>
          {t('conflicts.keepCrm')}
        </Button>
        <Button disabled={busy !== null} onClick={() => onResolve('outlook')}>
          {t('conflicts.keepOutlook')}
        </Button>
        {byField && Object.keys(conflict.fields).length > 1 && (
          <Button disabled={busy !== null || open > 0} onClick={() => onResolve({ fields: choices })}>
            {t('conflicts.keepChosen')}
          </Button>
        )}
        {busy === conflict.id && <Spinner size="tiny" labelPosition="after" label={t('conflicts.resolving')} />}
      </div>
      {byField && Object.keys(conflict.fields).length > 1 && <Text>{open > 0 ? `${t('conflicts.byField')} ${t('conflicts.chooseAll', { count: open })}` : t('conflicts.byField')}</Text>}
    </Card>
  );
}

/** `choices` null: no choice per field (one side deleted the item). */
function ConflictTable({ conflict, choices, onChoose }: { conflict: SyncConflict; choices: FieldChoices | null; onChoose: (field: string, side: Side) => void }) {
  const { t, i18n } = useTranslation();
  const styles = useStyles();
  const perField = choices !== null && Object.keys(conflict.fields).length > 1;
  const side = (deleted: boolean, value: unknown, key: string) =>
    deleted ? <span className={styles.deleted}>{t(conflict.crmDeleted ? 'conflicts.deletedInCrm' : 'conflicts.deletedInOutlook')}</span> : <span className={styles.value}>{shown(t, i18n.resolvedLanguage, key, value)}</span>;
  return (
    <Table size="small" aria-label={t('conflicts.tableLabel', { subject: conflict.subject })}>
      <TableHeader>
        <TableRow>
          <TableHeaderCell>{t('conflicts.field')}</TableHeaderCell>
          <TableHeaderCell>{t('conflicts.inCrm')}</TableHeaderCell>
          <TableHeaderCell>{t('conflicts.inOutlook')}</TableHeaderCell>
          {perField && <TableHeaderCell>{t('conflicts.keep')}</TableHeaderCell>}
        </TableRow>
      </TableHeader>
      <TableBody>
        {Object.entries(conflict.fields).map(([key, values]) => (
          <TableRow key={key} data-field={key}>
            <TableCell>{fieldLabel(t, key)}</TableCell>
            <TableCell data-side="crm">{side(conflict.crmDeleted, values.crm, key)}</TableCell>
            <TableCell data-side="outlook">{side(conflict.outlookDeleted, values.outlook, key)}</TableCell>
            {perField && (
              <TableCell>
                <RadioGroup
                  layout="horizontal"
                  className={styles.choice}
                  aria-label={t('conflicts.keepFor', { field: fieldLabel(t, key) })}
                  value={choices[key] ?? ''}
                  onChange={(_event, data) => onChoose(key, data.value === 'outlook' ? 'outlook' : 'crm')}
                >
                  <Radio value="crm" label={t('conflicts.chooseCrm')} />
                  <Radio value="outlook" label={t('conflicts.chooseOutlook')} />
                </RadioGroup>
              </TableCell>
            )}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

const FIELD_KEYS = ['subject', 'body', 'start', 'end', 'allDay', 'location', 'reminder', 'importance', 'categories', 'seriesRule', 'contact', 'due', 'done'] as const;
type FieldKey = (typeof FIELD_KEYS)[number];

function fieldLabel(t: TFunction, key: string): string {
  return (FIELD_KEYS as readonly string[]).includes(key) ? t(`conflicts.fields.${key as FieldKey}`) : key;
}

/** A compared value in words: dates and times in the UI language, flags as yes/no, lists joined. */
function shown(t: TFunction, language: string | undefined, key: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return t('conflicts.noValue');
  if (typeof value === 'boolean') return t(value ? 'conflicts.yes' : 'conflicts.no');
  if (Array.isArray(value)) return value.length === 0 ? t('conflicts.noValue') : value.join(', ');
  if (key === 'reminder' && typeof value === 'number') return t('conflicts.reminderMinutes', { count: value });
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(value)) return formatDateTime(language, value);
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return new Date(`${value}T00:00:00Z`).toLocaleDateString(language, { timeZone: 'UTC', dateStyle: 'medium' });
  return typeof value === 'string' || typeof value === 'number' ? String(value) : JSON.stringify(value);
}
