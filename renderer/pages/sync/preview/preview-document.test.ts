import { describe, expect, it } from 'vitest';
import { PREVIEW_SANDBOX, previewDocument, previewPolicy } from './preview-document';

/** The policy's directives as name → sources. */
function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .filter((words) => words[0] !== undefined && words[0] !== '')
      .map(([name, ...sources]) => [name ?? '', sources]),
  );
}

const META = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/;

function policyIn(doc: string): string {
  const match = META.exec(doc);
  if (match === null) throw new Error('no policy meta in the document');
  return match[1] ?? '';
}

describe('previewPolicy', () => {
  it('loads nothing by default: no script, no frame, no font, no connection, no form target', () => {
    const policy = directives(previewPolicy('blocked'));
    expect(policy.get('default-src')).toEqual(["'none'"]);
    for (const name of ['script-src', 'frame-src', 'font-src', 'connect-src', 'object-src']) expect(policy.has(name), name).toBe(false);
    expect(policy.get('form-action')).toEqual(["'none'"]);
    expect(policy.get('base-uri')).toEqual(["'none'"]);
  });

  it('shows only the images inside the mail while remote images are blocked', () => {
    expect(directives(previewPolicy('blocked')).get('img-src')).toEqual(['data:']);
  });

  it('adds web images once the user allowed them, and nothing else', () => {
    const blocked = directives(previewPolicy('blocked'));
    const allowed = directives(previewPolicy('allowed'));
    expect(allowed.get('img-src')).toEqual(['data:', 'https:', 'http:']);
    allowed.delete('img-src');
    blocked.delete('img-src');
    expect(allowed).toEqual(blocked);
  });

  it('keeps inline styles (mail is styled in attributes) without allowing style sheets from elsewhere', () => {
    expect(directives(previewPolicy('blocked')).get('style-src')).toEqual(["'unsafe-inline'"]);
  });
});

describe('previewDocument', () => {
  const body = '<p>Hallo <b>Maria</b></p><img src="https://tracker.example/p.gif">';

  it('puts the policy first in <head>, before anything of the mail', () => {
    const doc = previewDocument(body, { remoteImages: 'blocked', lang: 'de' });
    const policyAt = doc.search(META);
    expect(policyAt).toBeGreaterThan(doc.indexOf('<head>'));
    expect(policyAt).toBeLessThan(doc.indexOf('</head>'));
    expect(doc.indexOf('<head>')).toBeLessThan(doc.indexOf('<body>'));
    expect(doc.indexOf(body)).toBeGreaterThan(doc.indexOf('<body>'));
  });

  it('carries the policy for the choice made, as the frame parses it', () => {
    expect(policyIn(previewDocument(body, { remoteImages: 'blocked', lang: 'en' }))).toBe(previewPolicy('blocked'));
    expect(policyIn(previewDocument(body, { remoteImages: 'allowed', lang: 'en' }))).toBe(previewPolicy('allowed'));
  });

  it('shows the body as the server sanitized it, once', () => {
    const doc = previewDocument(body, { remoteImages: 'blocked', lang: 'en' });
    expect(doc.split(body)).toHaveLength(2);
    expect(doc.endsWith(`<body>${body}</body></html>`)).toBe(true);
  });

  it('sends no referrer with what it loads and names the language', () => {
    const doc = previewDocument(body, { remoteImages: 'allowed', lang: 'de' });
    expect(doc).toContain('<meta name="referrer" content="no-referrer">');
    expect(doc).toContain('<html lang="de">');
  });

  it('escapes the language: it cannot break out of its attribute', () => {
    const doc = previewDocument('', { remoteImages: 'blocked', lang: '"><script>x</script>' });
    expect(doc).not.toContain('<script>');
    expect(doc).toContain('<html lang="&quot;&gt;&lt;script&gt;x&lt;/script&gt;">');
  });
});

describe('PREVIEW_SANDBOX', () => {
  it('never lets the mail run script or share the app’s origin', () => {
    const tokens = PREVIEW_SANDBOX.split(/\s+/);
    expect(tokens).not.toContain('allow-scripts');
    expect(tokens).not.toContain('allow-same-origin');
    expect(tokens).not.toContain('allow-top-navigation');
    expect(tokens).not.toContain('allow-forms');
  });
});
