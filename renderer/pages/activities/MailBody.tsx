/**
 * An activity's stored body (HTML, sanitized at import) shown where it can do no harm: in an `<iframe
 * sandbox="">` — no scripts, no forms, no navigation, an origin of its own — whose document carries a
 * Content-Security-Policy that loads nothing from anywhere (remote pictures, fonts, styles sheets, frames): a
 * mail's tracking pixel stays silent. Inline styles and embedded (data:) pictures still show.
 */
import { makeStyles, tokens } from '@fluentui/react-components';

/** The policy inside the frame: nothing is fetched; only what the mail carries inline is shown. */
export const MAIL_BODY_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:; form-action 'none'";

const useStyles = makeStyles({
  frame: {
    width: '100%',
    height: '420px',
    resize: 'vertical',
    overflow: 'auto',
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: '#ffffff', // mails are written for white paper, whatever the app's theme
    boxSizing: 'border-box',
  },
});

export function mailDocument(html: string, lang: string): string {
  return [
    '<!doctype html>',
    `<html lang="${lang.replace(/[^a-zA-Z-]/g, '')}"><head><meta charset="utf-8">`,
    `<meta http-equiv="Content-Security-Policy" content="${MAIL_BODY_CSP}">`,
    '<style>body{margin:12px;font-family:"Segoe UI",system-ui,sans-serif;font-size:14px;color:#242424;overflow-wrap:anywhere}</style>',
    '</head><body>',
    html,
    '</body></html>',
  ].join('');
}

export function MailBody({ html, title, lang }: { html: string; title: string; lang: string }) {
  const styles = useStyles();
  return <iframe className={styles.frame} sandbox="" title={title} srcDoc={mailDocument(html, lang)} referrerPolicy="no-referrer" />;
}
