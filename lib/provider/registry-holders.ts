import { identifierKey } from '../ksef/identifiers';
import { PROVIDER_REGISTRY, type RegistryEntry } from './registry';

/** What of a grant record this needs (any KSeF grant shape has these). */
interface Grant {
  authorizedIdentifier: { type: string; value?: string | null };
  permissionScope: string;
  permissionState?: string;
}

/**
 * Without a provider set up, who of the known invoicing services (lib/provider/registry.ts) holds a grant in
 * what was read: a first answer on the first visit. Only active grants to a service's NIP count; the panel says
 * how much of the list this covers.
 */
export interface RegistryHolder {
  id: string;
  name: string;
  nips: string[];
  scopes: string[];
}

export function registryHolders(
  grants: readonly Grant[],
  registry: readonly RegistryEntry[] = PROVIDER_REGISTRY,
): RegistryHolder[] {
  const byNip = new Map<string, RegistryEntry>();
  for (const e of registry) for (const nip of e.nips) byNip.set(identifierKey('Nip', nip), e);
  const found = new Map<string, RegistryHolder>();
  for (const g of grants) {
    if (g.permissionState === 'Inactive' || g.authorizedIdentifier.type !== 'Nip') continue;
    const entry = byNip.get(identifierKey('Nip', g.authorizedIdentifier.value));
    if (!entry) continue;
    const holder = found.get(entry.id) ?? { id: entry.id, name: entry.name, nips: [...entry.nips], scopes: [] };
    if (!holder.scopes.includes(g.permissionScope)) holder.scopes.push(g.permissionScope);
    found.set(entry.id, holder);
  }
  return [...found.values()].sort((a, b) => a.name.localeCompare(b.name, 'pl'));
}
