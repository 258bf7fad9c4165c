/**
 * The grid on the left, the mail preview on the right, and between them a splitter that is dragged or moved
 * with the arrow keys (WAI-ARIA window splitter: a focusable separator whose value is the preview's share of
 * the width; Enter hides the preview). The preview can be hidden down to a narrow strip with one button that
 * brings it back; focus moves to that button and back, so keyboard users are not dropped. On a narrow window
 * the preview goes below the grid. The grid comes first in the page's order, so Tab reaches it first.
 */
import { Button, Caption1, Tooltip, makeStyles, tokens } from '@fluentui/react-components';
import { PanelRightContractRegular, PanelRightExpandRegular } from '@fluentui/react-icons';
import { useEffect, useRef, type CSSProperties, type KeyboardEvent, type PointerEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { GRID_MAX_HEIGHT } from '../grid/CandidateGrid';
import { shareAfterKey, shareAtPointer, SPLIT } from './split-rules';

const NARROW = '@media (max-width: 760px)';

const useStyles = makeStyles({
  split: { display: 'flex', alignItems: 'stretch', minWidth: 0, [NARROW]: { flexDirection: 'column', gap: tokens.spacingVerticalM } },
  main: { flex: '1 1 0', minWidth: 0 },
  separator: {
    flex: '0 0 auto',
    width: tokens.spacingHorizontalM,
    cursor: 'col-resize',
    touchAction: 'none',
    display: 'flex',
    justifyContent: 'center',
    borderRadius: tokens.borderRadiusSmall,
    // The line users grab: the pane's border colour, the brand colour while held or hovered.
    '::before': { content: '""', width: tokens.strokeWidthThick, backgroundColor: tokens.colorNeutralStroke2 },
    ':hover::before': { backgroundColor: tokens.colorBrandStroke1 },
    ':focus-visible': { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}` },
    [NARROW]: { display: 'none' },
  },
  side: {
    flex: '0 0 var(--preview-share)',
    minWidth: '240px',
    height: GRID_MAX_HEIGHT,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    boxSizing: 'border-box',
    paddingInlineStart: tokens.spacingHorizontalXS,
    [NARROW]: { flexBasis: 'auto', minWidth: 0, paddingInlineStart: 0 },
  },
  toolbar: { display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: tokens.spacingHorizontalS },
  title: { color: tokens.colorNeutralForeground2, fontWeight: tokens.fontWeightSemibold },
  content: { flexGrow: 1, minHeight: 0, display: 'flex', flexDirection: 'column' },
  strip: { flex: '0 0 auto', display: 'flex', flexDirection: 'column', alignItems: 'center', paddingInlineStart: tokens.spacingHorizontalS, [NARROW]: { alignItems: 'flex-start', paddingInlineStart: 0 } },
});

interface PreviewSplitProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** The preview's share of the width (split-rules.ts). */
  share: number;
  onShareChange: (share: number) => void;
  grid: ReactNode;
  pane: ReactNode;
}

export function PreviewSplit({ open, onOpenChange, share, onShareChange, grid, pane }: PreviewSplitProps) {
  const { t } = useTranslation();
  const styles = useStyles();
  const container = useRef<HTMLDivElement>(null);
  const showButton = useRef<HTMLButtonElement>(null);
  const hideButton = useRef<HTMLButtonElement>(null);
  // Set when the user toggled: focus follows to the button that takes the place of the one pressed.
  const refocus = useRef(false);
  useEffect(() => {
    if (!refocus.current) return;
    refocus.current = false;
    (open ? hideButton : showButton).current?.focus();
  }, [open]);
  const toggle = (next: boolean) => {
    refocus.current = true;
    onOpenChange(next);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === 'Enter') {
      event.preventDefault(); // not the step's default button
      toggle(false);
      return;
    }
    const next = shareAfterKey(share, event.key);
    if (next === null) return;
    event.preventDefault();
    onShareChange(next);
  };
  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    if (event.button !== 0) return;
    event.currentTarget.setPointerCapture(event.pointerId);
  };
  const onPointerMove = (event: PointerEvent<HTMLDivElement>) => {
    const box = container.current?.getBoundingClientRect();
    if (!event.currentTarget.hasPointerCapture(event.pointerId) || box === undefined) return;
    onShareChange(shareAtPointer(event.clientX, { left: box.left, width: box.width }));
  };

  return (
    <div ref={container} className={styles.split} style={{ '--preview-share': `${share * 100}%` } as CSSProperties}>
      <div className={styles.main}>{grid}</div>
      {open ? (
        <>
          <div
            role="separator"
            tabIndex={0}
            aria-orientation="vertical"
            aria-label={t('mailPreview.resize')}
            aria-controls="mail-preview-pane"
            aria-valuenow={Math.round(share * 100)}
            aria-valuemin={SPLIT.min * 100}
            aria-valuemax={SPLIT.max * 100}
            className={styles.separator}
            onKeyDown={onKeyDown}
            onPointerDown={onPointerDown}
            onPointerMove={onPointerMove}
          />
          <section id="mail-preview-pane" className={styles.side} aria-label={t('mailPreview.regionLabel')}>
            <div className={styles.toolbar}>
              <Caption1 className={styles.title}>{t('mailPreview.title')}</Caption1>
              <Tooltip content={t('mailPreview.hide')} relationship="label">
                <Button
                  ref={hideButton}
                  size="small"
                  appearance="subtle"
                  icon={<PanelRightContractRegular />}
                  aria-expanded={true}
                  aria-controls="mail-preview-pane"
                  onClick={() => toggle(false)}
                />
              </Tooltip>
            </div>
            <div className={styles.content}>{pane}</div>
          </section>
        </>
      ) : (
        <div className={styles.strip}>
          <Tooltip content={t('mailPreview.show')} relationship="label">
            <Button ref={showButton} size="small" appearance="subtle" icon={<PanelRightExpandRegular />} aria-expanded={false} onClick={() => toggle(true)} />
          </Tooltip>
        </div>
      )}
    </div>
  );
}
