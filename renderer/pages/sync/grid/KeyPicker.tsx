/**
 * Picks one entry of a CRM list in place: a Fluent Combobox, open and focused as it appears, that filters as
 * the user types (name or key). Entries of the row's business partner come first under their own heading,
 * then the others; a link (contact person, partner, project, inquiry) can also be set to "none". Closing it —
 * by picking, Escape or leaving — hands back to the cell; `how` says whether focus should return there.
 */
import { Caption1, Combobox, Option, OptionGroup, makeStyles, tokens } from '@fluentui/react-components';
import { useMemo, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { pickOptions, type PickEntry, type PickKind } from './pick-lists';

const NONE = '\u0000none';
const LIMIT = 100;

const useStyles = makeStyles({
  picker: { width: '100%', minWidth: 0 },
  option: { display: 'flex', flexDirection: 'column' },
  key: { color: tokens.colorNeutralForeground3 },
});

export interface KeyPickerProps {
  kind: PickKind;
  entries: readonly PickEntry[];
  /** The key shown now (null: none). */
  current: string | null;
  /** Entries of this business partner come first. */
  prefer: { key: string; name: string } | null;
  /** Offer "(none)": the field is a link, not a mandatory field. */
  clearable: boolean;
  /** The mail's subject, for the picker's name. */
  subject: string;
  invalid: boolean;
  onPick: (key: string | null) => void;
  /** keyboard/pick: give focus back to the cell; blur: the user went elsewhere. */
  onClose: (how: 'keep-focus' | 'blur') => void;
}

export function KeyPicker({ kind, entries, current, prefer, clearable, subject, invalid, onPick, onClose }: KeyPickerProps) {
  const { t } = useTranslation();
  const styles = useStyles();
  const [query, setQuery] = useState('');
  const options = useMemo(() => pickOptions(entries, { prefer: prefer?.key ?? null, query, limit: LIMIT }), [entries, prefer, query]);
  const currentText = current === null ? undefined : (entries.find((e) => e.key === current)?.text ?? current);

  const option = (entry: PickEntry) => (
    <Option key={entry.key} value={entry.key} text={entry.text}>
      <span className={styles.option}>
        <span>{entry.text}</span>
        {entry.text !== entry.key && <Caption1 className={styles.key}>{entry.key}</Caption1>}
      </span>
    </Option>
  );
  const nothing = options.preferred.length === 0 && options.others.length === 0;

  return (
    <Combobox
      className={styles.picker}
      size="small"
      autoFocus
      defaultOpen
      aria-label={t('sync.grid.pickLabel', { column: t(`sync.columns.${kind}`), subject })}
      aria-invalid={invalid}
      placeholder={currentText ?? t('sync.grid.pickPlaceholder')}
      value={query}
      selectedOptions={current === null ? [] : [current]}
      onChange={(event) => setQuery(event.target.value)}
      onOptionSelect={(_event, data) => {
        if (data.optionValue === undefined || (data.optionValue.startsWith('\u0000') && data.optionValue !== NONE)) return;
        onPick(data.optionValue === NONE ? null : data.optionValue);
      }}
      onOpenChange={(event, data) => {
        if (!data.open) onClose(event.type === 'blur' || event.type === 'focusout' ? 'blur' : 'keep-focus');
      }}
      // Enter picks here; it must not also press the step's default button.
      onKeyDown={(event: KeyboardEvent) => {
        if (event.key === 'Enter') event.stopPropagation();
      }}
    >
      {clearable && (
        <Option value={NONE} text={t('sync.grid.none')}>
          {t('sync.grid.none')}
        </Option>
      )}
      {options.preferred.length > 0 && prefer !== null && (
        <OptionGroup label={t('sync.grid.ofPartner', { partner: prefer.name })}>{options.preferred.map(option)}</OptionGroup>
      )}
      {options.others.length > 0 &&
        (options.preferred.length > 0 ? <OptionGroup label={t('sync.grid.others')}>{options.others.map(option)}</OptionGroup> : options.others.map(option))}
      {nothing && (
        <Option value={'\u0000nothing'} text="" disabled>
          {t('sync.grid.nothingFound')}
        </Option>
      )}
      {options.more > 0 && (
        <Option value={'\u0000more'} text="" disabled>
          {t('sync.grid.more', { count: options.more })}
        </Option>
      )}
    </Combobox>
  );
}
