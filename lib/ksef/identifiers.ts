import { NIP_DIGITS } from './hosts';

/**
 * KSeF identifier validation and normalisation (docs/ksef.md §2). Every comparison of identifiers in the
 * project goes through `normalise*`, so "123-456-32-18", "123 456 32 18" and "PL1234563218" are one NIP.
 */
export type IdentifierCheck<T extends string = string> =
  { ok: true; value: T } | { ok: false; reason: IdentifierProblem };

export type IdentifierProblem = 'empty' | 'format' | 'length' | 'checksum' | 'date' | 'country' | 'not-a-string';

const NIP_WEIGHTS = [6, 5, 7, 2, 3, 4, 5, 6, 7];
const PESEL_WEIGHTS = [1, 3, 7, 9, 1, 3, 7, 9, 1, 3];
/** KSeF's own NIP pattern: no zero first digit, second and third digits not both zero. */
const NIP_PATTERN = /^[1-9]((\d[1-9])|([1-9]\d))\d{7}$/;

function digits(value: string): number[] {
  const out = new Array<number>(value.length);
  for (let i = 0; i < value.length; i++) out[i] = value.charCodeAt(i) - 48;
  return out;
}

/** A NIP as people write it, `123-456-78-90`; anything that is not ten digits is shown as it came. */
export function formatNip(nip: string): string {
  return NIP_DIGITS.test(nip) ? `${nip.slice(0, 3)}-${nip.slice(3, 6)}-${nip.slice(6, 8)}-${nip.slice(8)}` : nip;
}

/** Strip what people type around a NIP: spaces, dashes, dots and a leading "PL". */
export function normaliseNip(input: string): string {
  // Separators first, then any country prefix, so that normalising twice changes nothing.
  return input.replace(/[\s\u00a0.-]/g, '').replace(/^(?:PL)+/i, '');
}

export function nipChecksumOk(nip: string): boolean {
  if (!NIP_DIGITS.test(nip)) return false;
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += NIP_WEIGHTS[i]! * (nip.charCodeAt(i) - 48);
  const check = sum % 11;
  return check !== 10 && check === nip.charCodeAt(9) - 48;
}

export function checkNip(input: unknown): IdentifierCheck {
  if (typeof input !== 'string') return { ok: false, reason: 'not-a-string' };
  const value = normaliseNip(input);
  if (value === '') return { ok: false, reason: 'empty' };
  if (!/^\d+$/.test(value)) return { ok: false, reason: 'format' };
  if (value.length !== 10) return { ok: false, reason: 'length' };
  if (!NIP_PATTERN.test(value)) return { ok: false, reason: 'format' };
  if (!nipChecksumOk(value)) return { ok: false, reason: 'checksum' };
  return { ok: true, value };
}

export function isValidNip(input: unknown): boolean {
  return checkNip(input).ok;
}

/** Birth date encoded in a PESEL (the month carries the century), or null when it is not a real date. */
export function peselBirthDate(pesel: string): Date | null {
  if (!/^\d{11}$/.test(pesel)) return null;
  const yy = Number(pesel.slice(0, 2));
  const mm = Number(pesel.slice(2, 4));
  const dd = Number(pesel.slice(4, 6));
  const centuries: Array<[number, number]> = [
    [80, 1800],
    [0, 1900],
    [20, 2000],
    [40, 2100],
    [60, 2200],
  ];
  for (const [offset, century] of centuries) {
    const month = mm - offset;
    if (month >= 1 && month <= 12) {
      const year = century + yy;
      const date = new Date(Date.UTC(year, month - 1, dd));
      if (date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === dd) {
        return date;
      }
      return null;
    }
  }
  return null;
}

export function checkPesel(input: unknown): IdentifierCheck {
  if (typeof input !== 'string') return { ok: false, reason: 'not-a-string' };
  const value = input.trim().replace(/[\s\u00a0]/g, '');
  if (value === '') return { ok: false, reason: 'empty' };
  if (!/^\d+$/.test(value)) return { ok: false, reason: 'format' };
  if (value.length !== 11) return { ok: false, reason: 'length' };
  if (!peselBirthDate(value)) return { ok: false, reason: 'date' };
  const d = digits(value);
  const sum = PESEL_WEIGHTS.reduce((acc, w, i) => acc + w * d[i]!, 0);
  if ((10 - (sum % 10)) % 10 !== d[10]) return { ok: false, reason: 'checksum' };
  return { ok: true, value };
}

/**
 * InternalId: `{NIP}-{5 digits}`; the last digit is a checksum with weights 1,3,1,3… over the preceding
 * 14 digits, sum mod 10 (docs/ksef.md §2; enforced by KSeF since 2.4.0, so older examples may fail it).
 */
export function checkInternalId(input: unknown): IdentifierCheck {
  if (typeof input !== 'string') return { ok: false, reason: 'not-a-string' };
  const value = input.trim().replace(/[\s\u00a0]/g, '');
  if (value === '') return { ok: false, reason: 'empty' };
  const m = /^(\d{10})-(\d{5})$/.exec(value);
  if (!m) return { ok: false, reason: 'format' };
  if (!NIP_PATTERN.test(m[1]!)) return { ok: false, reason: 'format' };
  const d = digits(m[1]! + m[2]!);
  const sum = d.slice(0, 14).reduce((acc, x, i) => acc + x * (i % 2 === 0 ? 1 : 3), 0);
  if (sum % 10 !== d[14]) return { ok: false, reason: 'checksum' };
  return { ok: true, value };
}

/** EU VAT number patterns per country, as in the official `NipVatUe` schema. */
export const EU_VAT_PATTERNS: Readonly<Record<string, RegExp>> = {
  AT: /^U\d{8}$/,
  BE: /^[01]\d{9}$/,
  BG: /^\d{9,10}$/,
  CY: /^\d{8}[A-Z]$/,
  CZ: /^\d{8,10}$/,
  DE: /^\d{9}$/,
  DK: /^\d{8}$/,
  EE: /^\d{9}$/,
  EL: /^\d{9}$/,
  ES: /^([A-Z]\d{8}|\d{8}[A-Z]|[A-Z]\d{7}[A-Z])$/,
  FI: /^\d{8}$/,
  FR: /^[A-Z0-9]{2}\d{9}$/,
  HR: /^\d{11}$/,
  HU: /^\d{8}$/,
  IE: /^(\d{7}[A-Z]{2}|\d[A-Z0-9+*]\d{5}[A-Z])$/,
  IT: /^\d{11}$/,
  LT: /^(\d{9}|\d{12})$/,
  LU: /^\d{8}$/,
  LV: /^\d{11}$/,
  MT: /^\d{8}$/,
  NL: /^[A-Z0-9+*]{12}$/,
  PT: /^\d{9}$/,
  RO: /^\d{2,10}$/,
  SE: /^\d{12}$/,
  SI: /^\d{8}$/,
  SK: /^\d{10}$/,
  XI: /^(\d{9}|\d{12}|(GD|HA)\d{3})$/,
};

/** NipVatUe: `{Polish NIP}-{EU VAT number with country prefix}`. The NIP part is checked with its checksum. */
export function checkNipVatUe(input: unknown): IdentifierCheck {
  if (typeof input !== 'string') return { ok: false, reason: 'not-a-string' };
  const value = input
    .trim()
    .toUpperCase()
    .replace(/[\s\u00a0]/g, '');
  if (value === '') return { ok: false, reason: 'empty' };
  const m = /^(\d{10})-([A-Z]{2})([A-Z0-9+*]+)$/.exec(value);
  if (!m) return { ok: false, reason: 'format' };
  const nip = checkNip(m[1]);
  if (!nip.ok) return nip;
  const pattern = EU_VAT_PATTERNS[m[2]!];
  if (!pattern) return { ok: false, reason: 'country' };
  if (!pattern.test(m[3]!)) return { ok: false, reason: 'format' };
  return { ok: true, value };
}

/** Certificate fingerprint: SHA-256, 64 hex digits; normalised to upper case without separators. */
export function checkFingerprint(input: unknown): IdentifierCheck {
  if (typeof input !== 'string') return { ok: false, reason: 'not-a-string' };
  const value = input.trim().replace(/[\s:]/g, '').toUpperCase();
  if (value === '') return { ok: false, reason: 'empty' };
  if (!/^[0-9A-F]+$/.test(value)) return { ok: false, reason: 'format' };
  if (value.length !== 64) return { ok: false, reason: 'length' };
  return { ok: true, value };
}

export function checkPeppolId(input: unknown): IdentifierCheck {
  if (typeof input !== 'string') return { ok: false, reason: 'not-a-string' };
  const value = input.trim().toUpperCase();
  if (value === '') return { ok: false, reason: 'empty' };
  if (!/^P[A-Z]{2}\d{6}$/.test(value)) return { ok: false, reason: 'format' };
  return { ok: true, value };
}

export const IDENTIFIER_TYPES = ['Nip', 'Pesel', 'InternalId', 'NipVatUe', 'Fingerprint', 'PeppolId'] as const;
export type IdentifierType = (typeof IDENTIFIER_TYPES)[number];

const CHECKERS: Record<IdentifierType, (input: unknown) => IdentifierCheck> = {
  Nip: checkNip,
  Pesel: checkPesel,
  InternalId: checkInternalId,
  NipVatUe: checkNipVatUe,
  Fingerprint: checkFingerprint,
  PeppolId: checkPeppolId,
};

export function checkIdentifier(type: IdentifierType, input: unknown): IdentifierCheck {
  return CHECKERS[type](input);
}

/**
 * A stable key for comparing KSeF identifier objects (`{type, value}`) from any source: the value normalised
 * the way people write it (a NIP with dashes or a PL prefix, a fingerprint with colons), not validated, so two
 * spellings of one identifier, valid or not, get the same key. Cheap enough for thousands of records.
 */
const PLAIN_DIGITS = /^\d+$/;

export function identifierKey(type: string, value: string | null | undefined): string {
  const raw = value ?? '';
  // Most identifiers arrive as plain digits, already normal.
  if (PLAIN_DIGITS.test(raw)) return `${type}:${raw}`;
  switch (type) {
    case 'Nip':
      return `Nip:${normaliseNip(raw).toUpperCase()}`;
    case 'Fingerprint':
      return `Fingerprint:${raw.replace(/[\s:]/g, '').toUpperCase()}`;
    default:
      return `${type}:${raw.replace(/[\s\u00a0]/g, '').toUpperCase()}`;
  }
}

export const IDENTIFIER_PROBLEM_TEXT: Readonly<Record<IdentifierProblem, { pl: string; en: string }>> = {
  empty: { pl: 'Pole jest puste.', en: 'The value is empty.' },
  format: { pl: 'Nieprawidłowy format.', en: 'The format is not valid.' },
  length: { pl: 'Nieprawidłowa liczba cyfr.', en: 'Wrong number of digits.' },
  checksum: { pl: 'Cyfra kontrolna się nie zgadza.', en: 'The check digit does not match.' },
  date: { pl: 'Zakodowana data urodzenia nie istnieje.', en: 'The encoded birth date does not exist.' },
  country: { pl: 'Nieznany kod kraju UE.', en: 'Unknown EU country code.' },
  'not-a-string': { pl: 'To nie jest tekst.', en: 'Not a text value.' },
};
