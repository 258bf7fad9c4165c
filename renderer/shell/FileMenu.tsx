import { Menu, MenuButton, MenuItem, MenuList, MenuPopover, MenuTrigger, makeStyles, tokens } from '@fluentui/react-components';
import { ArrowSyncRegular, BranchForkRegular, TaskListLtrRegular, PlugConnectedRegular, SettingsRegular } from '@fluentui/react-icons';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';

const useStyles = makeStyles({
  // A subtle button sits on the brand-coloured bar, so it takes the bar's "on brand" colours.
  trigger: {
    color: tokens.colorNeutralForegroundOnBrand,
    ':hover': { color: tokens.colorNeutralForegroundOnBrand, backgroundColor: tokens.colorBrandBackgroundHover },
    ':hover:active': { color: tokens.colorNeutralForegroundOnBrand, backgroundColor: tokens.colorBrandBackgroundPressed },
    '&[aria-expanded="true"]': { color: tokens.colorNeutralForegroundOnBrand, backgroundColor: tokens.colorBrandBackgroundSelected },
  },
});

/** The *File* menu, as in the Windows client: where the synchronization wizard and the preferences start. */
export function FileMenu() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const styles = useStyles();
  return (
    <Menu>
      <MenuTrigger disableButtonEnhancement>
        <MenuButton appearance="subtle" className={styles.trigger}>
          {t('shell.fileMenu')}
        </MenuButton>
      </MenuTrigger>
      <MenuPopover>
        <MenuList>
          <MenuItem icon={<ArrowSyncRegular />} onClick={() => void navigate('/sync')}>
            {t('shell.activitySynchronization')}
          </MenuItem>
          <MenuItem icon={<TaskListLtrRegular />} onClick={() => void navigate('/activities')}>
            {t('shell.activities')}
          </MenuItem>
          <MenuItem icon={<BranchForkRegular />} onClick={() => void navigate('/conflicts')}>
            {t('shell.conflicts')}
          </MenuItem>
          <MenuItem icon={<PlugConnectedRegular />} onClick={() => void navigate('/connection-check')}>
            {t('shell.connectionCheck')}
          </MenuItem>
          <MenuItem icon={<SettingsRegular />} onClick={() => void navigate('/preferences')}>
            {t('shell.userPreferences')}
          </MenuItem>
        </MenuList>
      </MenuPopover>
    </Menu>
  );
}
