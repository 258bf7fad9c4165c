/**
 * The Content-Security-Policy both front doors send: the browser host as a response header, the Electron shell
 * through session.webRequest, and the built index.html as a <meta> tag (renderer/vite.config.ts) for file://
 * pages, where no response header exists. One policy, so the renderer bundle behaves the same everywhere.
 * style-src needs 'unsafe-inline' because Fluent UI (Griffel) inserts <style> tags at run time.
 * img-src admits web images for one reason: the wizard's mail preview is a sandboxed srcdoc frame, and such a
 * frame inherits this policy on top of its own. The preview's own policy blocks remote images until the user
 * asks for them for that mail (renderer/pages/sync/preview/preview-document.ts); this one must then let them
 * through. The app's own pages show no image from the web.
 */
export function contentSecurityPolicy(opts: { connect?: readonly string[]; meta?: boolean } = {}): string {
  const directives: Array<[string, string[]]> = [
    ['default-src', ["'self'"]],
    ['script-src', ["'self'"]],
    ['style-src', ["'self'", "'unsafe-inline'"]],
    ['img-src', ["'self'", 'data:', 'https:', 'http:']],
    ['connect-src', ["'self'", ...(opts.connect ?? [])]],
    ['frame-src', ["'self'", 'blob:']],
    ['object-src', ["'none'"]],
    ['base-uri', ["'none'"]],
    // Browsers ignore (and warn about) frame-ancestors in a <meta> policy; headers carry it.
    ...(opts.meta ? [] : ([['frame-ancestors', ["'none'"]]] as Array<[string, string[]]>)),
  ];
  return directives.map(([name, sources]) => `${name} ${sources.join(' ')}`).join('; ');
}
