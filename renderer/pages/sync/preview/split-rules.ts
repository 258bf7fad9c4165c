/**
 * The split between the grid and the mail preview as numbers: the preview's share of the width, kept between
 * bounds so that neither side becomes unusable, moved by the splitter's keys (WAI-ARIA window splitter) or by
 * dragging it. Pure.
 */

export const SPLIT = {
  /** The preview's share when the step opens. */
  initial: 0.4,
  min: 0.25,
  max: 0.7,
  /** One arrow key press. */
  step: 0.05,
} as const;

export function clampShare(share: number): number {
  if (Number.isNaN(share)) return SPLIT.initial;
  return Math.min(SPLIT.max, Math.max(SPLIT.min, share));
}

/**
 * The share after a key on the splitter, or null for a key it does not handle. The preview is on the right and
 * is the pane the splitter controls: ArrowLeft moves the splitter left and so widens it; Home gives it its
 * smallest size, End its largest (as the WAI-ARIA window splitter pattern has it).
 */
export function shareAfterKey(share: number, key: string): number | null {
  switch (key) {
    case 'ArrowLeft':
      return clampShare(share + SPLIT.step);
    case 'ArrowRight':
      return clampShare(share - SPLIT.step);
    case 'Home':
      return SPLIT.min;
    case 'End':
      return SPLIT.max;
    default:
      return null;
  }
}

/** The share with the splitter dragged to `pointerX` in a container spanning `left` … `left + width`. */
export function shareAtPointer(pointerX: number, container: { left: number; width: number }): number {
  if (container.width <= 0) return SPLIT.initial;
  return clampShare((container.left + container.width - pointerX) / container.width);
}
