import { Link as FluentLink, createCustomFocusIndicatorStyle, makeStyles, tokens, typographyStyles } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import { useHref } from 'react-router';
import { FileMenu } from './FileMenu';

const useStyles = makeStyles({
  // Slim and brand-coloured like Outlook's header, so users recognise where they are.
  bar: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalL,
    minHeight: '48px',
    paddingInline: tokens.spacingHorizontalL,
    backgroundColor: tokens.colorBrandBackground,
    color: tokens.colorNeutralForegroundOnBrand,
  },
  appName: {
    ...typographyStyles.subtitle2,
    color: tokens.colorNeutralForegroundOnBrand,
    textDecorationLine: 'none',
    ':hover': { color: tokens.colorNeutralForegroundOnBrand, textDecorationLine: 'underline' },
    ':hover:active': { color: tokens.colorNeutralForegroundOnBrand },
    // Fluent's link focus underline is dark; on the brand bar it must be light to be seen.
    ...createCustomFocusIndicatorStyle({
      textDecorationLine: 'underline',
      textDecorationStyle: 'double',
      textDecorationColor: tokens.colorNeutralForegroundOnBrand,
    }),
  },
});

export function TopBar() {
  const { t } = useTranslation();
  const styles = useStyles();
  const startHref = useHref('/');
  return (
    <div className={styles.bar}>
      {/* The app name leads home, as the product name does in Outlook's header. */}
      <FluentLink className={styles.appName} href={startHref}>
        {t('app.name')}
      </FluentLink>
      <FileMenu />
    </div>
  );
}
