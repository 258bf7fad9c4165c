import { Agent, fetch } from 'undici';
import { SANDBOX_PASSWORD } from './index';

// The user in front of the browser, for tests: an HTTP client that follows redirects, keeps cookies and fills
// in the sandbox's sign-in pages (device code, login, consent) — and finally the form_post to the app's
// loopback address, as a browser's auto-submitting page would. Forms are found by their fields, not by layout.

export interface SandboxUserOptions {
  /** The sandbox's certificate (PEM), to trust its HTTPS. */
  caPem: string;
  /** What the user types as user name where the page has none filled in (the device-code flow has no hint). */
  userName: string;
  password?: string;
  /** false: the user presses Cancel on the consent page. */
  consent?: boolean;
}

export interface SignInWalk {
  /** Each page's address and title, in order. */
  pages: Array<{ url: string; title: string }>;
  /** The user name the login page had filled in (Entra pre-fills login_hint). */
  prefilledUserName: string | undefined;
  /** The last page's text. */
  finalText: string;
}

interface Form { action: string; id: string | undefined; fields: Record<string, string> }

const decode = (s: string) => s.replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n)))
  .replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

const attributes = (tag: string) => Object.fromEntries([...tag.matchAll(/([\w.:-]+)\s*=\s*"([^"]*)"/g)].map(([, k, v]) => [k?.toLowerCase() ?? '', decode(v ?? '')]));

export function formsOf(html: string, pageUrl: string): Form[] {
  return [...html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/gi)].map(([, tag, inner]) => {
    const a = attributes(tag ?? '');
    const fields: Record<string, string> = {};
    for (const [, input] of (inner ?? '').matchAll(/<input\b([^>]*)>/gi)) {
      const i = attributes(input ?? '');
      if (i.name !== undefined) fields[i.name] = i.value ?? '';
    }
    return { action: new URL(a.action ?? pageUrl, pageUrl).href, id: a.id, fields };
  });
}

export class SandboxUser {
  private readonly cookies = new Map<string, string>();
  private readonly dispatcher: Agent;

  constructor(private readonly options: SandboxUserOptions) {
    this.dispatcher = new Agent({ connect: { ca: options.caPem } });
  }

  /** Opens `url` (an authorization URL, or a device code's verification page) and signs in through every page. */
  async signIn(url: string, userCode?: string): Promise<SignInWalk> {
    const walk: SignInWalk = { pages: [], prefilledUserName: undefined, finalText: '' };
    let page = await this.request('GET', url);
    for (let step = 0; step < 12; step++) {
      walk.pages.push({ url: page.url, title: /<title>([^<]*)<\/title>/i.exec(page.text)?.[1] ?? '' });
      const form = this.nextForm(formsOf(page.text, page.url), userCode, walk);
      if (!form) break;
      page = await this.request('POST', form.action, new URLSearchParams(form.fields).toString());
    }
    walk.finalText = page.text;
    return walk;
  }

  async close(): Promise<void> { await this.dispatcher.close(); }

  /** The form a user would submit on this page, filled in; undefined on a page without one (the end). */
  private nextForm(forms: Form[], userCode: string | undefined, walk: SignInWalk): Form | undefined {
    const login = forms.find(f => 'password' in f.fields);
    if (login) {
      walk.prefilledUserName = login.fields.login;
      return { ...login, fields: { ...login.fields, login: login.fields.login || this.options.userName, password: this.options.password ?? SANDBOX_PASSWORD } };
    }
    const codeInput = forms.find(f => 'user_code' in f.fields && f.id === 'op.deviceInputForm');
    if (codeInput) return { ...codeInput, fields: { ...codeInput.fields, user_code: userCode ?? codeInput.fields.user_code ?? '' } };
    const consent = forms.find(f => f.action.endsWith('/consent'));
    if (consent) return this.options.consent === false ? forms.find(f => f.action.endsWith('/abort')) : consent;
    return forms[0];
  }

  private async request(method: 'GET' | 'POST', url: string, body?: string): Promise<{ url: string; text: string }> {
    let current = url;
    let m: string = method;
    let b = body;
    for (let hop = 0; hop < 20; hop++) {
      const headers: Record<string, string> = {};
      const cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
      if (cookie !== '' && current.startsWith('https:')) headers.cookie = cookie;
      if (b !== undefined) headers['content-type'] = 'application/x-www-form-urlencoded';
      const res = await fetch(current, { method: m, headers, body: b, redirect: 'manual', ...(current.startsWith('https:') ? { dispatcher: this.dispatcher } : {}) });
      for (const c of res.headers.getSetCookie()) {
        const [pair] = c.split(';');
        const eq = pair?.indexOf('=') ?? -1;
        if (pair && eq > 0) this.cookies.set(pair.slice(0, eq), pair.slice(eq + 1));
      }
      const location = res.headers.get('location');
      if (res.status >= 300 && res.status < 400 && location !== null) {
        await res.body?.cancel();
        current = new URL(location, current).href;
        m = 'GET';
        b = undefined;
        continue;
      }
      return { url: current, text: await res.text() };
    }
    throw new Error(`too many redirects from ${url}`);
  }
}
