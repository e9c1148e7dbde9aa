/**
 * Path hints: which kind of KSeF record a URL path carries, where the body alone cannot tell (an empty list
 * inside an envelope). Only names what was seen; recognition is by shape first (docs/architecture.md §2).
 * `source` says where each hint comes from; the AP's own paths are not public (docs/ap.md, "How the AP talks").
 */
import type { RecordKind } from '../ksef/endpoints';

export type { RecordKind };

export interface PathHint {
  pattern: RegExp;
  kind: RecordKind;
  source: string;
  seen: string;
}

export const PATH_HINTS: readonly PathHint[] = [
  {
    pattern: /\/v2\/permissions\/query\/authorizations\/grants$/,
    kind: 'authorizations',
    source: 'KSeF OpenAPI 2.6.0',
    seen: '2026-05-19',
  },
  {
    pattern: /\/v2\/permissions\/query\/persons\/grants$/,
    kind: 'grants',
    source: 'KSeF OpenAPI 2.6.0',
    seen: '2026-05-19',
  },
  {
    pattern: /\/v2\/permissions\/query\/subunits\/grants$/,
    kind: 'subunits',
    source: 'KSeF OpenAPI 2.6.0',
    seen: '2026-05-19',
  },
  { pattern: /\/v2\/certificates\/query$/, kind: 'certificates', source: 'KSeF OpenAPI 2.6.0', seen: '2026-05-19' },
  { pattern: /\/v2\/tokens$/, kind: 'tokens', source: 'KSeF OpenAPI 2.6.0', seen: '2026-05-19' },
  {
    pattern: /\/web\/api\/uprawnienia\/osoby$/,
    kind: 'grants',
    source: 'AP replica (proxied mode)',
    seen: '2026-11-25',
  },
  {
    pattern: /\/web\/api\/uprawnienia\/podmiotowe$/,
    kind: 'authorizations',
    source: 'AP replica (proxied mode)',
    seen: '2026-11-25',
  },
  {
    pattern: /\/web\/api\/uprawnienia\/jednostki$/,
    kind: 'subunits',
    source: 'AP replica (proxied mode)',
    seen: '2026-11-25',
  },
  { pattern: /\/web\/api\/tokeny$/, kind: 'tokens', source: 'AP replica (proxied mode)', seen: '2026-11-25' },
  {
    pattern: /\/web\/api\/certyfikaty$/,
    kind: 'certificates',
    source: 'AP replica (proxied mode)',
    seen: '2026-11-25',
  },
];

export function kindOfPath(url: string | URL): RecordKind | null {
  let path: string;
  try {
    path = (url instanceof URL ? url : new URL(url)).pathname.replace(/\/+$/, '');
  } catch {
    return null;
  }
  return PATH_HINTS.find((h) => h.pattern.test(path))?.kind ?? null;
}
