/**
 * Below the grid, in a live region: how many mails are ticked, and — while ticked mails have an empty
 * mandatory field — how many block *Import*, with a button that jumps to the first of them.
 */
import { Button, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';

const useStyles = makeStyles({
  status: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  blockingLine: { display: 'flex', alignItems: 'center', flexWrap: 'wrap', gap: tokens.spacingHorizontalM },
  blocking: { color: tokens.colorPaletteRedForeground1 },
});

interface SelectionStatusProps {
  ticked: number;
  total: number;
  blocking: number;
  /** Whether *Next* needs a ticked mail (not when other areas' pages follow). */
  nothingTickedBlocks?: boolean;
  onGoToFirst: () => void;
}

export function SelectionStatus({ ticked, total, blocking, nothingTickedBlocks = true, onGoToFirst }: SelectionStatusProps) {
  const { t } = useTranslation();
  const styles = useStyles();
  return (
    <div className={styles.status}>
      <div role="status" className={styles.status}>
        <Text>{t('sync.ticked', { count: ticked, total })}</Text>
        {ticked === 0 && <Text>{t(nothingTickedBlocks ? 'sync.nothingTicked' : 'sync.nothingTickedStays')}</Text>}
        {blocking > 0 && (
          <Text className={styles.blocking} weight="semibold" data-testid="import-blocked">
            {t('sync.blocking', { count: blocking })}
          </Text>
        )}
      </div>
      {blocking > 0 && (
        <div className={styles.blockingLine}>
          <Button size="small" onClick={onGoToFirst}>
            {t('sync.grid.goToFirst')}
          </Button>
        </div>
      )}
    </div>
  );
}
