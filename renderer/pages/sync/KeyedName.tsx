/**
 * A CRM record as users know it: its name ("Lahntal Brauerei GmbH"), with its key (BP-LAHNTAL, what CRM
 * screens, exports and scripts use) below it in small grey text. Plain text, so screen readers read both and
 * nothing needs hovering. A key the CRM has no name for shows as the key alone.
 */
import { Caption1, makeStyles, tokens } from '@fluentui/react-components';

const useStyles = makeStyles({
  named: { display: 'flex', flexDirection: 'column', minWidth: 0 },
  key: { color: tokens.colorNeutralForeground3, whiteSpace: 'nowrap' },
});

export function KeyedName({ name, crmKey }: { name: string | null; crmKey: string }) {
  const styles = useStyles();
  // Plain spans: the name wraps or not as its table column says (Fluent's Text would always wrap).
  if (name === null || name.trim() === '' || name === crmKey) return <span data-crm-key={crmKey}>{crmKey}</span>;
  return (
    <span className={styles.named} data-crm-key={crmKey}>
      <span>{name}</span>
      <Caption1 className={styles.key}>{crmKey}</Caption1>
    </span>
  );
}
