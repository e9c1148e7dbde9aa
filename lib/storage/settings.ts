import { nipDigits } from '../ksef/schemas/common';
import * as z from 'zod/mini';
import { readConfig, writeConfig } from './config';

/**
 * User settings (docs/architecture.md §8, habit 15): the provider API address and the provider profile. Kept in
 * the extension origin's IndexedDB (lib/storage/config.ts), out of every content script's reach: a page that
 * could rewrite the address would receive the key, one that could rewrite the profile would choose what counts
 * as the provider's. The provider credential is kept apart (it is the background's).
 */
export const profileSetting = z.object({
  name: z.string().check(z.minLength(2), z.maxLength(100)),
  nips: z.array(nipDigits).check(z.minLength(1), z.maxLength(10)),
  state: z.enum(['active', 'disconnected', 'unknown']),
});
export type ProfileSetting = z.infer<typeof profileSetting>;

/** A company a provider account serves, as its `GET /v1/account` lists it. */
export const accountCompany = z.object({ nip: nipDigits, name: z.string().check(z.maxLength(300)) });
export const MAX_ACCOUNT_COMPANIES = 1000;
export const MAX_CONFIRMED = 100;

/**
 * The linked provider account: whose it is, the companies it says it serves (null: it does not say), and the
 * companies the user confirmed for it by hand. The provider is called only for a company of one of the two.
 */
export const accountSetting = z.object({
  id: z.string().check(z.minLength(1), z.maxLength(200)),
  name: z.string().check(z.maxLength(300)),
  companies: z.nullable(z.array(accountCompany).check(z.maxLength(MAX_ACCOUNT_COMPANIES))),
  /** When the companies were last asked for (ms since the epoch). */
  readAt: z.number(),
  confirmed: z.array(nipDigits).check(z.maxLength(MAX_CONFIRMED)),
});
export type AccountSetting = z.infer<typeof accountSetting>;

export const settingsSchema = z.object({
  providerApiUrl: z.nullable(z.url()),
  profile: z.nullable(profileSetting),
  /** Absent in settings written before accounts were kept: read from the provider on the next call. */
  account: z.optional(z.nullable(accountSetting)),
});
export type Settings = z.infer<typeof settingsSchema>;

export const DEFAULT_SETTINGS: Settings = { providerApiUrl: null, profile: null, account: null };

/** Settings as an older version kept them in `storage.local` (v2), moved to IndexedDB on first read. */
const migrate = (old: unknown): unknown => {
  const o = (old ?? {}) as { providerApiUrl?: string | null; profile?: unknown; account?: unknown };
  // An account that no longer fits is asked for again; the address and profile stay.
  const account = accountSetting.safeParse(o.account);
  return {
    providerApiUrl: o.providerApiUrl ?? null,
    profile: o.profile ?? null,
    account: account.success ? account.data : null,
  };
};

/** Read settings; anything stored that no longer fits the schema falls back to the defaults. */
export async function readSettings(): Promise<Settings> {
  const stored = await readConfig('settings', 'local:settings');
  if (stored === undefined) return DEFAULT_SETTINGS;
  const parsed = settingsSchema.safeParse(migrate(stored));
  return parsed.success ? parsed.data : DEFAULT_SETTINGS;
}

export async function writeSettings(next: Settings): Promise<void> {
  await writeConfig('settings', settingsSchema.parse(next));
}
