import type { Adapter, AdapterPayload } from 'oidc-provider';

// oidc-provider's storage for the sandbox: plain maps in memory, one per model, so the admin side can do what
// the library's own memory adapter cannot — revoke everything one account holds, or expire every access token.

interface Stored { payload: AdapterPayload; expiresAt: number }

export class IdpStorage {
  private readonly models = new Map<string, Map<string, Stored>>();

  private model(name: string): Map<string, Stored> {
    let m = this.models.get(name);
    if (!m) {
      m = new Map<string, Stored>();
      this.models.set(name, m);
    }
    return m;
  }

  adapterFor = (name: string): Adapter => {
    const items = this.model(name);
    const live = (id: string | undefined): AdapterPayload | undefined => {
      const s = id === undefined ? undefined : items.get(id);
      if (!s) return undefined;
      if (s.expiresAt <= Date.now()) { items.delete(id as string); return undefined; }
      return s.payload;
    };
    const findBy = (pick: (p: AdapterPayload) => unknown, value: string) => {
      for (const [id, s] of items) if (pick(s.payload) === value) return live(id);
      return undefined;
    };
    // oidc-provider awaits each call; the maps answer at once.
    const done = Promise.resolve();
    return {
      upsert: (id, payload, expiresIn) => { items.set(id, { payload, expiresAt: expiresIn === undefined ? Infinity : Date.now() + expiresIn * 1000 }); return done; },
      find: (id) => Promise.resolve(live(id)),
      findByUid: (uid) => Promise.resolve(findBy(p => p.uid, uid)),
      findByUserCode: (userCode) => Promise.resolve(findBy(p => p.userCode, userCode)),
      consume: (id) => { const s = items.get(id); if (s) s.payload.consumed = Math.floor(Date.now() / 1000); return done; },
      destroy: (id) => { items.delete(id); return done; },
      revokeByGrantId: (grantId) => { this.dropWhere(p => p.grantId === grantId); return done; },
    };
  };

  /** Grants, refresh and access tokens, codes and sessions of one account: as if an administrator revoked its sessions. */
  revokeAccount(accountId: string): number {
    const grants = new Set<string>();
    for (const [id, s] of this.model('Grant')) if (s.payload.accountId === accountId) grants.add(id);
    return this.dropWhere(p => p.accountId === accountId || (typeof p.grantId === 'string' && grants.has(p.grantId)));
  }

  /** Every access token issued so far stops working (their holders still think them valid). */
  expireAccessTokens(): number {
    const n = this.model('AccessToken').size;
    this.model('AccessToken').clear();
    return n;
  }

  /** Live, unconsumed entries of a model: for tests to inspect. */
  count(name: string): number {
    let n = 0;
    for (const s of this.model(name).values()) if (s.expiresAt > Date.now() && s.payload.consumed === undefined) n++;
    return n;
  }

  /** The ids of a model's entries: for opaque tokens, the token strings themselves (tests look for them). */
  ids(name: string): string[] { return [...this.model(name).keys()]; }

  /** Empties every model in place: oidc-provider's adapters keep their maps. */
  clear(): void { for (const items of this.models.values()) items.clear(); }

  private dropWhere(match: (p: AdapterPayload) => boolean): number {
    let n = 0;
    for (const items of this.models.values()) {
      for (const [id, s] of items) if (match(s.payload)) { items.delete(id); n++; }
    }
    return n;
  }
}
