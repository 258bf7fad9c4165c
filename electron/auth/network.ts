/**
 * MSAL's HTTP through Node's fetch with our CA certificate: MSAL's own client trusts only what the process
 * trusted at start (NODE_EXTRA_CA_CERTS), so the `--ca` option and the sandbox's certificate come in here.
 */
import type { INetworkModule, NetworkRequestOptions, NetworkResponse } from '@azure/msal-node';
import { Agent, fetch } from 'undici';

export interface ClosableNetworkModule extends INetworkModule {
  close(): Promise<void>;
}

export function fetchNetworkModule(caPem: string | undefined): ClosableNetworkModule {
  const dispatcher = new Agent(caPem === undefined ? {} : { connect: { ca: caPem } });
  const send = async <T>(method: 'GET' | 'POST', url: string, options: NetworkRequestOptions = {}, timeoutMs?: number): Promise<NetworkResponse<T>> => {
    const res = await fetch(url, {
      method,
      dispatcher,
      ...(options.headers !== undefined ? { headers: options.headers } : {}),
      ...(options.body !== undefined ? { body: options.body } : {}),
      ...(timeoutMs !== undefined && timeoutMs > 0 ? { signal: AbortSignal.timeout(timeoutMs) } : {}),
    });
    const text = await res.text();
    const headers: Record<string, string> = {};
    res.headers.forEach((value, name) => {
      headers[name.toLowerCase()] = value;
    });
    // MSAL reads error bodies too (invalid_grant arrives as 400 with JSON); a non-JSON body stays text.
    let body: unknown = text;
    try {
      body = text === '' ? {} : JSON.parse(text);
    } catch {
      // kept as text
    }
    return { status: res.status, headers, body: body as T };
  };
  return {
    sendGetRequestAsync: (url, options, timeout) => send('GET', url, options, timeout),
    sendPostRequestAsync: (url, options) => send('POST', url, options),
    close: () => dispatcher.close(),
  };
}
