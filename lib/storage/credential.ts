import * as z from 'zod/mini';
import { readConfig, writeConfig } from './config';

/**
 * The provider API key. Read and written by the background only, kept in the extension origin's IndexedDB
 * (lib/storage/config.ts) where no content script reaches: it goes into the `Authorization` header of calls to
 * the provider and nowhere else (no message carries it out, no report or receipt holds it).
 */
const credential = z.object({ apiKey: z.string().check(z.minLength(8), z.maxLength(512)) });
export type ProviderCredential = z.infer<typeof credential>;

export async function readCredential(): Promise<ProviderCredential | null> {
  const parsed = credential.safeParse(await readConfig('credential', 'local:providerCredential'));
  return parsed.success ? parsed.data : null;
}

export async function writeCredential(next: ProviderCredential | null): Promise<void> {
  await writeConfig('credential', next === null ? null : credential.parse(next));
}
