/**
 * The Content-Security-Policy both front doors send: the browser host as a response header, the Electron shell
 * through session.webRequest. One policy, so the renderer bundle behaves the same in both.
 * style-src needs 'unsafe-inline' because Fluent UI (Griffel) inserts <style> tags at run time.
 */
export function contentSecurityPolicy(opts: { connect?: readonly string[] } = {}): string {
  const directives: Array<[string, string[]]> = [
    ['default-src', ["'self'"]],
    ['script-src', ["'self'"]],
    ['style-src', ["'self'", "'unsafe-inline'"]],
    ['img-src', ["'self'", 'data:']],
    ['connect-src', ["'self'", ...(opts.connect ?? [])]],
    ['frame-src', ["'self'", 'blob:']],
    ['object-src', ["'none'"]],
    ['base-uri', ["'none'"]],
    ['frame-ancestors', ["'none'"]],
  ];
  return directives.map(([name, sources]) => `${name} ${sources.join(' ')}`).join('; ');
}
