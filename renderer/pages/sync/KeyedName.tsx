/**
 * A CRM record as users know it: its name ("Lahntal Brauerei GmbH"), with its key (BP-LAHNTAL, what CRM
 * screens, exports and scripts use) below it in small grey text. Plain text, so screen readers read both and
 * nothing needs hovering. A key the CRM has no name for shows as the key alone.
 */
import { makeStyles, mergeClasses, tokens, typographyStyles } from '@fluentui/react-components';

const useStyles = makeStyles({
  named: { display: 'flex', flexDirection: 'column', minWidth: 0 },
  // In a grid of fixed row height: one line for the name, cut with an ellipsis.
  oneLine: { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' },
  // Caption typography on a plain span: the candidate grid shows hundreds of these while scrolling.
  key: { ...typographyStyles.caption1, color: tokens.colorNeutralForeground3, whiteSpace: 'nowrap' },
});

export function KeyedName({ name, crmKey, oneLine = false }: { name: string | null; crmKey: string; oneLine?: boolean }) {
  const styles = useStyles();
  // Plain spans: the name wraps or not as its table column says (Fluent's Text would always wrap).
  if (name === null || name.trim() === '' || name === crmKey) return <span data-crm-key={crmKey}>{crmKey}</span>;
  return (
    <span className={styles.named} data-crm-key={crmKey}>
      <span className={mergeClasses(oneLine && styles.oneLine)} title={oneLine ? name : undefined}>
        {name}
      </span>
      <span className={styles.key}>{crmKey}</span>
    </span>
  );
}
