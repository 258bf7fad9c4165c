/**
 * The sender cell's menu for a sender without contact person (the seed's *Unknown e-mail addresses*): show the
 * address, assign it to a contact person, create a contact person with it. An unknown sender is marked with an
 * icon and the word "unknown" (not by colour alone) on the button that opens the menu; a sender whose business
 * partner was found by the address's domain gets the same menu behind a small icon button. A plain button
 * until opened: the grid mounts a screenful of rows with every scroll.
 */
import { Menu, MenuItem, MenuList, MenuPopover, MenuTrigger, Tooltip, makeStyles, mergeClasses, shorthands, tokens, typographyStyles } from '@fluentui/react-components';
import { ChevronDownRegular, MailRegular, PersonAddRegular, PersonLinkRegular, PersonQuestionMarkRegular } from '@fluentui/react-icons';
import { useState } from 'react';
import type { MailCandidate } from '../../../../shared/sync/mail-import-types';
import { useGridActions } from './grid-context';

const useStyles = makeStyles({
  trigger: {
    display: 'inline-flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalXXS,
    flexShrink: 0,
    height: '20px',
    margin: 0,
    paddingBlock: 0,
    paddingInline: tokens.spacingHorizontalXS,
    borderRadius: tokens.borderRadiusMedium,
    ...typographyStyles.caption1Strong,
    cursor: 'pointer',
    ':focus-visible': { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`, outlineOffset: '1px' },
  },
  // The look of Fluent's warning badge (tint), as the mark was before it became a button.
  unknown: {
    ...shorthands.border(tokens.strokeWidthThin, 'solid', tokens.colorPaletteDarkOrangeBorder1),
    backgroundColor: tokens.colorPaletteDarkOrangeBackground1,
    color: tokens.colorPaletteDarkOrangeForeground1,
    ':hover': { backgroundColor: tokens.colorPaletteDarkOrangeBackground2 },
  },
  noContact: {
    ...shorthands.border(tokens.strokeWidthThin, 'solid', 'transparent'),
    backgroundColor: 'transparent',
    color: tokens.colorNeutralForeground2,
    ':hover': { backgroundColor: tokens.colorSubtleBackgroundHover },
  },
  icon: { fontSize: '14px', flexShrink: 0 },
});

export function SenderMenu({ candidate, address }: { candidate: MailCandidate; address: string }) {
  const styles = useStyles();
  const { words, listsReady, locked, senderAction } = useGridActions();
  const unknown = candidate.senderMatch === 'unknown';
  // Both fixes pick from the CRM's lists and write to the CRM: not while those are missing or an import runs.
  const canFix = listsReady && !locked;
  // The hint stays away while the menu is open: it would cover the menu and take the first Escape.
  const [open, setOpen] = useState(false);
  const [hint, setHint] = useState(false);
  return (
    <Menu positioning="below-start" open={open} onOpenChange={(_event, data) => setOpen(data.open)}>
      <MenuTrigger disableButtonEnhancement>
        <Tooltip
          content={unknown ? words.unknownSenderHint : words.sender.noContactHint}
          relationship="description"
          visible={hint && !open}
          onVisibleChange={(_event, data) => setHint(data.visible)}
        >
          <button
            type="button"
            className={mergeClasses(styles.trigger, unknown ? styles.unknown : styles.noContact)}
            aria-label={unknown ? words.sender.menuUnknown(address) : words.sender.menuNoContact(address)}
            data-sender-menu={candidate.senderMatch}
          >
            <PersonQuestionMarkRegular className={styles.icon} aria-hidden />
            {unknown && <span>{words.unknownSender}</span>}
            <ChevronDownRegular className={styles.icon} aria-hidden />
          </button>
        </Tooltip>
      </MenuTrigger>
      <MenuPopover>
        <MenuList>
          <MenuItem icon={<MailRegular />} onClick={() => senderAction('showAddress', candidate)}>
            {words.sender.showAddress}
          </MenuItem>
          <MenuItem icon={<PersonLinkRegular />} disabled={!canFix} onClick={() => senderAction('assign', candidate)}>
            {words.sender.assign}
          </MenuItem>
          <MenuItem icon={<PersonAddRegular />} disabled={!canFix} onClick={() => senderAction('create', candidate)}>
            {words.sender.create}
          </MenuItem>
        </MenuList>
      </MenuPopover>
    </Menu>
  );
}
