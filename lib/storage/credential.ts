import * as z from 'zod/mini';
import { storage } from 'wxt/utils/storage';

/**
 * The provider API key. Read and written by the background only: it goes into the `Authorization` header
 * of calls to the provider and nowhere else (no message carries it out, no report or receipt holds it).
 */
const credential = z.object({ apiKey: z.string().check(z.minLength(8), z.maxLength(512)) });
export type ProviderCredential = z.infer<typeof credential>;

const item = storage.defineItem<ProviderCredential | null>('local:providerCredential', { fallback: null, version: 1 });

export async function readCredential(): Promise<ProviderCredential | null> {
  const parsed = z.nullable(credential).safeParse(await item.getValue());
  return parsed.success ? parsed.data : null;
}

export async function writeCredential(next: ProviderCredential | null): Promise<void> {
  await item.setValue(next === null ? null : credential.parse(next));
}
