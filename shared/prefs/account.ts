/**
 * The employee account's settings (DESIGN §3 *Employee account*), stored beside the preferences in the same file
 * (key `account`, layout 1.1.0): the groupware user name (offered to the sign-in page as login hint) and how to
 * reach Microsoft 365's sign-in (authority, client id, tenant). Tokens never live here: they are in the
 * encrypted token cache. Pure: zod only.
 */
import { z } from 'zod';

const optionalText = z.string().trim().max(512).transform((text) => (text === '' ? null : text)).nullable();

export const SignInEndpointSettings = z
  .object({
    /** `https://login.microsoftonline.com/<tenant>` or another https identity provider; null: not set up yet. */
    authority: z
      .string()
      .trim()
      .refine((url) => url === '' || /^https:\/\/[^/\s]+/i.test(url), { message: 'The sign-in authority must be an https:// address, e.g. https://login.microsoftonline.com/organizations' })
      .transform((url) => (url === '' ? null : url.replace(/\/+$/, '')))
      .nullable(),
    /** The app registration's Application (client) ID. */
    clientId: optionalText,
    /** Tenant id or domain, when the authority names none. */
    tenant: optionalText,
  })
  .strict();
export type SignInEndpointSettings = z.infer<typeof SignInEndpointSettings>;

export const AccountSettings = z
  .object({
    /** The user name for Microsoft 365 when it differs from the CRM user; the sign-in page gets it pre-filled. */
    groupwareUserName: optionalText,
    signIn: SignInEndpointSettings,
  })
  .strict();
export type AccountSettings = z.infer<typeof AccountSettings>;

export const DEFAULT_ACCOUNT_SETTINGS: AccountSettings = {
  groupwareUserName: null,
  signIn: { authority: null, clientId: null, tenant: null },
};

/** A change from the Employee account page: any of the fields, the sign-in endpoint field by field. */
export const AccountSettingsPatch = z
  .object({ groupwareUserName: AccountSettings.shape.groupwareUserName.optional(), signIn: SignInEndpointSettings.partial().strict().optional() })
  .strict();
export type AccountSettingsPatch = z.input<typeof AccountSettingsPatch>;

/** Stored account settings, read leniently: what does not parse takes the defaults (the user sets it again). */
export function readAccountSettings(stored: unknown): { account: AccountSettings; repaired: boolean } {
  if (stored === undefined) return { account: DEFAULT_ACCOUNT_SETTINGS, repaired: false };
  const parsed = AccountSettings.safeParse(stored);
  return parsed.success ? { account: parsed.data, repaired: false } : { account: DEFAULT_ACCOUNT_SETTINGS, repaired: true };
}

export function applyAccountPatch(current: AccountSettings, patch: unknown): AccountSettings {
  const change = AccountSettingsPatch.parse(patch);
  return AccountSettings.parse({
    groupwareUserName: change.groupwareUserName !== undefined ? change.groupwareUserName : current.groupwareUserName,
    signIn: { ...current.signIn, ...change.signIn },
  });
}
