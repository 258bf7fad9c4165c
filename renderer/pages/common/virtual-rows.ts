/**
 * The look of a virtualized table's rows (the wizard's grid, the activities list): each row absolutely placed,
 * of fixed size and `contain: strict`, so a row scrolled in is laid out and painted on its own; its cells
 * fixed in width, so they line up with the header.
 */
import { tokens, type GriffelStyle } from '@fluentui/react-components';

export function virtualRowStyle(width: number, height: number): GriffelStyle {
  return {
    position: 'absolute',
    top: 0,
    left: 0,
    display: 'flex',
    width: `${width}px`,
    height: `${height}px`,
    boxSizing: 'border-box',
    contain: 'strict',
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    color: tokens.colorNeutralForeground1,
    fontFamily: tokens.fontFamilyBase,
    fontSize: tokens.fontSizeBase300,
    lineHeight: tokens.lineHeightBase300,
    ':hover': { backgroundColor: tokens.colorSubtleBackgroundHover },
  };
}

export const virtualCellStyle: GriffelStyle = {
  display: 'flex',
  alignItems: 'center',
  flexGrow: 0,
  flexShrink: 0,
  minWidth: 0,
  height: '100%',
  boxSizing: 'border-box',
  paddingInline: tokens.spacingHorizontalS,
  overflow: 'hidden',
};
