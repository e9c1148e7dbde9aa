import { nipDigits } from '../ksef/schemas/common';
import * as z from 'zod/mini';
import { storage } from 'wxt/utils/storage';

/**
 * User settings, versioned from day one (docs/architecture.md §8, habit 15). The provider API origin and the provider profile
 * the user entered live here; the provider credential never does (it is the background's).
 */
export const profileSetting = z.object({
  name: z.string().check(z.minLength(2), z.maxLength(100)),
  nips: z.array(nipDigits).check(z.minLength(1), z.maxLength(10)),
  state: z.enum(['active', 'disconnected', 'unknown']),
});
export type ProfileSetting = z.infer<typeof profileSetting>;

export const settingsSchema = z.object({
  providerApiUrl: z.nullable(z.url()),
  profile: z.nullable(profileSetting),
});
export type Settings = z.infer<typeof settingsSchema>;

export const DEFAULT_SETTINGS: Settings = { providerApiUrl: null, profile: null };

export const settingsItem = storage.defineItem<Settings>('local:settings', {
  fallback: DEFAULT_SETTINGS,
  version: 2,
  migrations: {
    // v2 added the provider profile entered on the options page.
    2: (old: { providerApiUrl?: string | null }) => ({ providerApiUrl: old.providerApiUrl ?? null, profile: null }),
  },
});

/** Read settings; anything stored that no longer fits the schema falls back to the defaults. */
export async function readSettings(): Promise<Settings> {
  const parsed = settingsSchema.safeParse(await settingsItem.getValue());
  return parsed.success ? parsed.data : DEFAULT_SETTINGS;
}

export async function writeSettings(next: Settings): Promise<void> {
  await settingsItem.setValue(settingsSchema.parse(next));
}
