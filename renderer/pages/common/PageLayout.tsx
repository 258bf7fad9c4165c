import { Title2, makeStyles, tokens } from '@fluentui/react-components';
import type { ReactNode } from 'react';

const useStyles = makeStyles({
  column: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalL,
    maxWidth: '960px',
    marginInline: 'auto',
  },
  title: { margin: 0 },
});

/** The readable column every page sits in. */
export function PageColumn({ children }: { children: ReactNode }) {
  const styles = useStyles();
  return <div className={styles.column}>{children}</div>;
}

/** A page with its <h1> at the top of the column. */
export function PageLayout({ title, children }: { title: string; children: ReactNode }) {
  const styles = useStyles();
  return (
    <PageColumn>
      <Title2 as="h1" className={styles.title}>
        {title}
      </Title2>
      {children}
    </PageColumn>
  );
}
