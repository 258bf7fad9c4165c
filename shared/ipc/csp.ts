/**
 * The Content-Security-Policy both front doors send: the browser host as a response header, the Electron shell
 * through session.webRequest, and the built index.html as a <meta> tag (renderer/vite.config.ts) for file://
 * pages, where no response header exists. One policy, so the renderer bundle behaves the same everywhere.
 * style-src needs 'unsafe-inline' because Fluent UI (Griffel) inserts <style> tags at run time.
 */
export function contentSecurityPolicy(opts: { connect?: readonly string[]; meta?: boolean } = {}): string {
  const directives: Array<[string, string[]]> = [
    ['default-src', ["'self'"]],
    ['script-src', ["'self'"]],
    ['style-src', ["'self'", "'unsafe-inline'"]],
    ['img-src', ["'self'", 'data:']],
    ['connect-src', ["'self'", ...(opts.connect ?? [])]],
    ['frame-src', ["'self'", 'blob:']],
    ['object-src', ["'none'"]],
    ['base-uri', ["'none'"]],
    // Browsers ignore (and warn about) frame-ancestors in a <meta> policy; headers carry it.
    ...(opts.meta ? [] : ([['frame-ancestors', ["'none'"]]] as Array<[string, string[]]>)),
  ];
  return directives.map(([name, sources]) => `${name} ${sources.join(' ')}`).join('; ');
}
