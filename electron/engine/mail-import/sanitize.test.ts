import { describe, expect, it } from 'vitest';
import { sanitizeMailHtml } from './sanitize';

describe('sanitizeMailHtml', () => {
  it('removes scripts, event handlers, active URLs, frames and forms', () => {
    const html = sanitizeMailHtml(
      '<html><head><title>x</title><style>p{}</style></head><body>' +
        '<script>alert(1)</script><p onclick="steal()" onmouseover="x()">Hi</p>' +
        '<a href="javascript:steal()">a</a><a href="JaVaScRiPt:steal()">b</a><a href="vbscript:x">c</a>' +
        '<iframe src="https://evil.example"></iframe><form action="https://evil.example"><input name="pw"></form>' +
        '<img src="javascript:alert(1)"><object data="x.swf"></object><svg onload="x()"></svg></body></html>',
    );
    expect(html).not.toMatch(/script|onclick|onmouseover|onload|iframe|<form|<input|<object|<svg|vbscript|<title|<style/i);
    expect(html).toContain('<p>Hi</p>');
  });

  it('keeps what makes a mail readable: structure, tables, safe inline styles, web and mail links, images as they are', () => {
    const html = sanitizeMailHtml(
      '<table border="1"><tr><td colspan="2" style="color: #333; font-weight: bold">Cell</td></tr></table>' +
        '<p style="background-image: url(https://t.example/x.png); color: red">Styled</p>' +
        '<a href="https://cursor.de">site</a> <a href="mailto:a@cursor.de">mail</a>' +
        '<img src="https://tracker.example/p.png" alt="remote"><img src="cid:logo@x"><img src="data:image/png;base64,AAAA">',
    );
    expect(html).toContain('<td colspan="2" style="color:#333;font-weight:bold">Cell</td>');
    expect(html).toContain('<p style="color:red">Styled</p>');
    expect(html).toContain('<a href="https://cursor.de" target="_blank" rel="noopener noreferrer">site</a>');
    expect(html).toContain('href="mailto:a@cursor.de"');
    // The viewer blocks remote loads; the address is kept so the user can choose to load it.
    expect(html).toContain('<img src="https://tracker.example/p.png" alt="remote" />');
    expect(html).toContain('<img src="cid:logo@x" />');
    expect(html).toContain('<img src="data:image/png;base64,AAAA" />');
  });
});
