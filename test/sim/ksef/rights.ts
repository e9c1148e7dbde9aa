import { identifierKey } from '../../../lib/ksef/identifiers';
import type { Identifier, World } from './state';

/**
 * What a subject may do in a context (docs/ksef.md §4.1): the Owner role for the context's own NIP (or a PESEL
 * linked to it), plus the person and entity grants in force there. Owner satisfies every requirement except
 * VatUeManage (§2).
 */
export interface Rights {
  owner: boolean;
  permissions: string[];
}

export const sameId = (a: Identifier | undefined | null, b: Identifier | undefined | null): boolean =>
  !!a && !!b && identifierKey(a.type, a.value) === identifierKey(b.type, b.value);

export function rightsOf(world: World, subject: Identifier, contextNip: string, at: number): Rights {
  const owner =
    (subject.type === 'Nip' && subject.value === contextNip) ||
    (subject.type === 'Pesel' && !!subject.value && world.config.ownerLinks[subject.value] === contextNip);
  const permissions = new Set<string>();
  for (const p of world.permissions) {
    if (p.context !== contextNip || p.state !== 'Active') continue;
    if (p.effectiveAt > at || (p.revokedAt !== undefined && p.revokedAt <= at)) continue;
    if (p.kind !== 'person' && p.kind !== 'entity') continue;
    if (sameId(p.authorizedIdentifier, subject)) permissions.add(p.scope);
  }
  return { owner, permissions: [...permissions].sort() };
}

/** Any-of check of `x-required-permissions`; Owner passes all but VatUeManage. */
export function satisfies(rights: Rights, required: string[] | null): boolean {
  if (!required || required.length === 0) return true;
  if (rights.owner && required.some((r) => r !== 'VatUeManage')) return true;
  return required.some((r) => rights.permissions.includes(r));
}

export function hasAnyRight(rights: Rights): boolean {
  return rights.owner || rights.permissions.length > 0;
}
