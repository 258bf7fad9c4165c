import { makeStyles, tokens } from '@fluentui/react-components';
import { Outlet } from 'react-router';
import { DemoBanner } from './DemoBanner';
import { TopBar } from './TopBar';
import { TrayNoticeToasts } from './TrayNoticeToasts';

const useStyles = makeStyles({
  shell: { display: 'flex', flexDirection: 'column', minHeight: '100vh' },
  main: {
    flexGrow: 1,
    backgroundColor: tokens.colorNeutralBackground2,
    padding: `${tokens.spacingVerticalXXL} ${tokens.spacingHorizontalXXL}`,
  },
});

/** Every page's frame: the header landmark (top bar + demo banner), the routed page in <main>, notice toasts. */
export function AppShell() {
  const styles = useStyles();
  return (
    <div className={styles.shell}>
      <header>
        <TopBar />
        <DemoBanner />
      </header>
      <main className={styles.main}>
        <Outlet />
      </main>
      <TrayNoticeToasts />
    </div>
  );
}
