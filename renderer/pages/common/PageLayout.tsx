import { Title2, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import type { ReactNode } from 'react';

const useStyles = makeStyles({
  column: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalL,
    maxWidth: '960px',
    marginInline: 'auto',
  },
  // For pages whose content is a table with many columns (the sync wizard): wide screens get used.
  wide: { maxWidth: '1440px' },
  title: { margin: 0 },
});

type ColumnWidth = 'readable' | 'wide';

/** The readable column every page sits in. */
export function PageColumn({ children, width = 'readable' }: { children: ReactNode; width?: ColumnWidth }) {
  const styles = useStyles();
  return <div className={mergeClasses(styles.column, width === 'wide' && styles.wide)}>{children}</div>;
}

/** A page with its <h1> at the top of the column. */
export function PageLayout({ title, children, width }: { title: string; children: ReactNode; width?: ColumnWidth }) {
  const styles = useStyles();
  return (
    <PageColumn {...(width !== undefined ? { width } : {})}>
      <Title2 as="h1" className={styles.title}>
        {title}
      </Title2>
      {children}
    </PageColumn>
  );
}
