import { checkNip, checkPesel } from '../ksef/identifiers';

/**
 * Masking identifiers in a diagnostic report. A NIP keeps its first three and last four digits
 * (`123***7890`, as support staff read it on the phone); a PESEL and a certificate fingerprint become a tag
 * from a hash salted once per report (`PESEL#1a2b3c4d`), so the same person keeps the same mask within the
 * report and nothing about them can be read back. Found by shape wherever they are: values, keys, inside
 * longer strings (`Nip:…`, `DEMO:…`).
 */
export interface Masker {
  nip: (digits: string) => string;
  pesel: (digits: string) => string;
  fingerprint: (hex: string) => string;
}

/** FNV-1a over salt and value, twice with different offsets: 8 hex digits. A tag, not a secret-keeping hash. */
function tag(salt: string, value: string): string {
  const fnv = (seed: number) => {
    let h = seed >>> 0;
    for (const ch of `${salt}|${value}`) {
      h ^= ch.codePointAt(0)!;
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    return h;
  };
  return ((fnv(0x811c9dc5) ^ fnv(0x5bd1e995)) >>> 0).toString(16).padStart(8, '0');
}

export function createMasker(salt: string): Masker {
  return {
    nip: (d) => `${d.slice(0, 3)}***${d.slice(6)}`,
    pesel: (d) => `PESEL#${tag(salt, d)}`,
    fingerprint: (h) => `FP#${tag(salt, h.toUpperCase())}`,
  };
}

const FINGERPRINT = /(?<![0-9A-Fa-f])[0-9A-Fa-f]{64}(?![0-9A-Fa-f])/g;
const PESEL = /(?<![0-9A-Za-z])\d{11}(?![0-9A-Za-z])/g;
const NIP = /(?<![0-9A-Za-z])\d{10}(?![0-9A-Za-z])/g;

export function maskText(text: string, m: Masker): string {
  return text
    .replace(FINGERPRINT, (h) => m.fingerprint(h))
    .replace(PESEL, (d) => (checkPesel(d).ok ? m.pesel(d) : d))
    .replace(NIP, (d) => (checkNip(d).ok ? m.nip(d) : d));
}

/** A copy of `value` with every identifier in its strings and keys masked. */
export function redactDeep<T>(value: T, m: Masker): T {
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return maskText(v, m);
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object')
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [maskText(k, m), walk(x)]));
    return v;
  };
  return walk(value) as T;
}

const JWT = /eyJ[\w-]{4,}\.eyJ[\w-]{4,}\.[\w-]*/g;
export const REMOVED = '[usunięto / removed]';

/**
 * The last guard before a report leaves the background: JWTs (a KSeF access or refresh token) and the given
 * secrets (the provider credential) are cut out of the text, whatever the user chose to include.
 */
export function stripSecrets(json: string, secrets: readonly string[]): string {
  let out = json.replace(JWT, REMOVED);
  for (const s of secrets) if (s.length >= 8) out = out.split(JSON.stringify(s).slice(1, -1)).join(REMOVED);
  return out;
}
