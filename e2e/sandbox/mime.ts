import { isJsonObject, text, type Json } from './json';
import { convertBody } from './render';
import type { Message } from './store';

// A plausible RFC 822 source for `GET /messages/{id}/$value` (graph-subset §3.2): headers, the HTML body and
// the file attachments as base64 parts.

function addresses(v: Json | undefined): string {
  const list = Array.isArray(v) ? v : v ? [v] : [];
  return list.map(r => {
    const e = isJsonObject(r) ? r.emailAddress : undefined;
    if (!isJsonObject(e)) return '';
    return e.name ? `"${text(e.name)}" <${text(e.address)}>` : `<${text(e.address)}>`;
  }).filter(Boolean).join(', ');
}

export function mime(m: Message): string {
  const p = m.props;
  const html = text(convertBody(p.body, 'html').content);
  const cc = addresses(p.ccRecipients);
  const head = [
    `From: ${addresses(p.from)}`, `To: ${addresses(p.toRecipients)}`, ...(cc ? [`Cc: ${cc}`] : []),
    `Subject: ${text(p.subject)}`, `Date: ${new Date(text(p.sentDateTime)).toUTCString()}`,
    `Message-ID: ${text(p.internetMessageId)}`, 'MIME-Version: 1.0',
  ];
  const files = m.attachments.filter(a => a.bytes !== undefined);
  if (!files.length) return [...head, 'Content-Type: text/html; charset="utf-8"', '', html].join('\r\n');
  const boundary = `sandbox_${m.immutableId.slice(-12)}`;
  const parts = [
    `Content-Type: text/html; charset="utf-8"\r\n\r\n${html}`,
    ...files.map(a => {
      const name = text(a.props.name);
      return [
        `Content-Type: ${text(a.props.contentType ?? 'application/octet-stream')}; name="${name}"`,
        'Content-Transfer-Encoding: base64',
        `Content-Disposition: ${a.props.isInline === true ? 'inline' : 'attachment'}; filename="${name}"`,
        '', a.bytes?.toString('base64').replace(/.{76}/g, '$&\r\n') ?? '',
      ].join('\r\n');
    }),
  ];
  return [...head, `Content-Type: multipart/mixed; boundary="${boundary}"`, '', ...parts.map(x => `--${boundary}\r\n${x}`), `--${boundary}--`, ''].join('\r\n');
}
