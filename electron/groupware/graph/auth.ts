/**
 * Where the Graph client gets its access token. The SDK asks before every request (and again on a retry),
 * so a provider that refreshes tokens (MSAL, later) plugs in here without touching the client. For now the
 * token comes from the command line or the settings as it is.
 */
export interface GraphAuthProvider {
  getAccessToken(): Promise<string>;
}

export function staticTokenAuth(token: string): GraphAuthProvider {
  return { getAccessToken: () => Promise.resolve(token) };
}
