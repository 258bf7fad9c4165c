/**
 * A labelled search-and-pick over one of the CRM's lists (contact persons, business partners) for the sender
 * dialogs: a Fluent Combobox that filters by name or key as the user types, the entries of one business
 * partner first under its name, each option with its key (and, for a contact person, the partner it belongs
 * to) below its name. Capped like the grid's pickers, so thousands of entries still open at once.
 */
import { Caption1, Combobox, Field, Option, OptionGroup, makeStyles, tokens } from '@fluentui/react-components';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { pickOptions, type PickEntry } from '../grid/pick-lists';

const LIMIT = 100;
/** Values of the options that are no entry start with NUL. */
const NONE = '\u0000none';

const useStyles = makeStyles({
  option: { display: 'flex', flexDirection: 'column' },
  detail: { color: tokens.colorNeutralForeground3 },
});

interface CrmEntryPickerProps {
  label: string;
  entries: readonly PickEntry[];
  selected: string | null;
  onSelect: (key: string) => void;
  /** Entries of this business partner come first. */
  prefer: { key: string; name: string } | null;
  /** The name of a business partner, for the line under a contact person. */
  partnerName?: (key: string) => string | null;
  hint?: string | undefined;
  validation?: string | undefined;
  disabled?: boolean;
  /** Offers *(none)* first, which empties the choice (the activity page's optional allocations). */
  onClear?: () => void;
  required?: boolean;
}

export function CrmEntryPicker({ label, entries, selected, onSelect, prefer, partnerName, hint, validation, disabled = false, onClear, required = true }: CrmEntryPickerProps) {
  const { t } = useTranslation();
  const styles = useStyles();
  const selectedText = selected === null ? '' : (entries.find((e) => e.key === selected)?.text ?? selected);
  // What the user typed since the last pick; null shows the picked entry's name.
  const [query, setQuery] = useState<string | null>(null);
  const options = useMemo(() => pickOptions(entries, { prefer: prefer?.key ?? null, query: query ?? '', limit: LIMIT }), [entries, prefer, query]);

  const option = (entry: PickEntry) => {
    const partner = partnerName !== undefined && entry.partner !== null ? partnerName(entry.partner) : null;
    return (
      <Option key={entry.key} value={entry.key} text={entry.text}>
        <span className={styles.option}>
          <span>{entry.text}</span>
          <Caption1 className={styles.detail}>{partner === null ? entry.key : `${partner} · ${entry.key}`}</Caption1>
        </span>
      </Option>
    );
  };
  const nothing = options.preferred.length === 0 && options.others.length === 0;

  return (
    <Field label={label} hint={hint} validationMessage={validation} validationState={validation === undefined ? 'none' : 'error'} required={required}>
      <Combobox
        disabled={disabled}
        placeholder={t('unknownSender.searchPlaceholder')}
        value={query ?? selectedText}
        selectedOptions={selected === null ? [] : [selected]}
        onChange={(event) => setQuery(event.target.value)}
        onOptionSelect={(_event, data) => {
          if (data.optionValue === NONE) {
            setQuery(null);
            onClear?.();
          }
          if (data.optionValue === undefined || data.optionValue.startsWith('\u0000')) return;
          setQuery(null);
          onSelect(data.optionValue);
        }}
        onOpenChange={(_event, data) => {
          // Closed without a pick: show the picked entry again, not a half-typed search.
          if (!data.open) setQuery(null);
        }}
      >
        {onClear !== undefined && (
          <Option value={NONE} text={t('activities.edit.none')}>
            {t('activities.edit.none')}
          </Option>
        )}
        {options.preferred.length > 0 && prefer !== null && (
          <OptionGroup label={t('unknownSender.ofPartner', { partner: prefer.name })}>{options.preferred.map(option)}</OptionGroup>
        )}
        {options.others.length > 0 &&
          (options.preferred.length > 0 ? <OptionGroup label={t('unknownSender.others')}>{options.others.map(option)}</OptionGroup> : options.others.map(option))}
        {nothing && (
          <Option value={'\u0000nothing'} text="" disabled>
            {t('unknownSender.nothingFound')}
          </Option>
        )}
        {options.more > 0 && (
          <Option value={'\u0000more'} text="" disabled>
            {t('unknownSender.more', { count: options.more })}
          </Option>
        )}
      </Combobox>
    </Field>
  );
}
