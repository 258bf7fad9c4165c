import { describe, expect, it } from 'vitest';
import { countRemoteImages, sanitizeMailHtml, withoutRemoteImages } from './sanitize';

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

describe('withoutRemoteImages', () => {
  it('takes the address from every remote image and leaves the mail’s own pictures, text and links alone', () => {
    const stored = sanitizeMailHtml(
      '<p>Hello <a href="https://cursor.de">site</a></p>' +
        '<img src="https://tracker.example/p.gif" width="1" height="1"><IMG SRC=\'HTTP://t.example/b.png\' alt="Logo">' +
        '<img src="cid:logo@x"><img src="data:image/png;base64,AAAA">',
    );
    expect(countRemoteImages(stored)).toBe(2);
    const shown = withoutRemoteImages(stored);
    expect(shown).not.toMatch(/tracker\.example|t\.example/i);
    expect(shown).toContain('<img width="1" height="1" data-remote-image />');
    expect(shown).toContain('<img alt="Logo" data-remote-image />');
    expect(shown).toContain('<img src="cid:logo@x" />');
    expect(shown).toContain('<img src="data:image/png;base64,AAAA" />');
    expect(shown).toContain('<a href="https://cursor.de" target="_blank" rel="noopener noreferrer">site</a>');
    expect(countRemoteImages(shown)).toBe(0);
  });

  it('returns a mail without remote images as it is, and keeps markup that reads as text as text', () => {
    const stored = sanitizeMailHtml('<p>5 &lt; 6 &amp; <b>bold</b></p><img src="data:image/png;base64,AAAA">');
    expect(withoutRemoteImages(stored)).toBe(stored);
    const withPixel = sanitizeMailHtml('<p>&lt;script&gt;alert(1)&lt;/script&gt;</p><img src="https://t.example/p.gif">');
    expect(withoutRemoteImages(withPixel)).toBe('<p>&lt;script&gt;alert(1)&lt;/script&gt;</p><img data-remote-image />');
  });
});
