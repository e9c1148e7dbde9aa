import * as z from 'zod/mini';
import { storage } from 'wxt/utils/storage';

/**
 * User settings, versioned from day one (style habit 15). The provider API origin lives here; the provider
 * credential never does (it is the background's, issue "provider side").
 */
export const settingsSchema = z.object({
  providerApiUrl: z.nullable(z.url()),
});
export type Settings = z.infer<typeof settingsSchema>;

export const DEFAULT_SETTINGS: Settings = { providerApiUrl: null };

export const settingsItem = storage.defineItem<Settings>('local:settings', {
  fallback: DEFAULT_SETTINGS,
  version: 1,
});

/** Read settings; anything stored that no longer fits the schema falls back to the defaults. */
export async function readSettings(): Promise<Settings> {
  const parsed = settingsSchema.safeParse(await settingsItem.getValue());
  return parsed.success ? parsed.data : DEFAULT_SETTINGS;
}

export async function writeSettings(next: Settings): Promise<void> {
  await settingsItem.setValue(settingsSchema.parse(next));
}
