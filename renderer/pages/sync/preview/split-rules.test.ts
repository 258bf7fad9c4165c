import { describe, expect, it } from 'vitest';
import { clampShare, shareAfterKey, shareAtPointer, SPLIT } from './split-rules';

describe('the split between grid and preview', () => {
  it('keeps the preview between its bounds', () => {
    expect(clampShare(0.1)).toBe(SPLIT.min);
    expect(clampShare(0.95)).toBe(SPLIT.max);
    expect(clampShare(0.5)).toBe(0.5);
    expect(clampShare(Number.NaN)).toBe(SPLIT.initial);
  });

  it('moves with the arrow keys: left widens the preview (it is on the right), right narrows it', () => {
    expect(shareAfterKey(0.4, 'ArrowLeft')).toBeCloseTo(0.45);
    expect(shareAfterKey(0.4, 'ArrowRight')).toBeCloseTo(0.35);
    expect(shareAfterKey(SPLIT.max, 'ArrowLeft')).toBe(SPLIT.max);
    expect(shareAfterKey(SPLIT.min, 'ArrowRight')).toBe(SPLIT.min);
  });

  it('Home gives the preview its smallest size, End its largest; other keys are not the splitter’s', () => {
    expect(shareAfterKey(0.4, 'Home')).toBe(SPLIT.min);
    expect(shareAfterKey(0.4, 'End')).toBe(SPLIT.max);
    expect(shareAfterKey(0.4, 'Enter')).toBeNull();
    expect(shareAfterKey(0.4, 'a')).toBeNull();
  });

  it('follows the pointer: the preview spans from the pointer to the right edge', () => {
    const container = { left: 100, width: 1000 };
    expect(shareAtPointer(700, container)).toBeCloseTo(0.4);
    expect(shareAtPointer(150, container)).toBe(SPLIT.max);
    expect(shareAtPointer(1090, container)).toBe(SPLIT.min);
    expect(shareAtPointer(500, { left: 0, width: 0 })).toBe(SPLIT.initial);
  });
});
