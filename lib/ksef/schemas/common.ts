import { NIP_DIGITS } from '../hosts';
import * as z from 'zod/mini';

/**
 * Building blocks for the KSeF payload schemas. Objects are loose (KSeF adds fields between releases and we
 * keep them); enumerations are open (a value from a newer release is kept as a string, not rejected), but a
 * wrong type is always rejected with the path of the field.
 */
export function openEnum<const T extends readonly [string, ...string[]]>(known: T) {
  void known; // the known values type the field; any non-empty string is accepted at run time
  return z.string().check(z.minLength(1)) as unknown as z.ZodMiniType<T[number] | (string & {})>;
}

/** ISO-8601 date-time as KSeF writes it (up to 7 fractional digits, offset optional in legacy bodies). */
export const dateTime = z
  .string()
  .check(
    z.regex(
      /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?$/,
      'expected an ISO-8601 date-time',
    ),
  );

/** ReferenceNumber, Challenge and PermissionId are opaque strings of exactly 36 characters. */
/** A NIP as KSeF writes it (ten digits). */
export const nipDigits = z.string().check(z.regex(NIP_DIGITS));

export const ref36 = z.string().check(z.length(36));

export const identifier = <const T extends readonly [string, ...string[]]>(types: T) =>
  z.looseObject({ type: openEnum(types), value: z.nullish(z.string()) });

export const statusInfo = z.looseObject({
  code: z.int(),
  description: z.string(),
  details: z.nullish(z.array(z.string())),
});

export const IDENTIFIER_TYPES_PERSON = ['Nip', 'Pesel', 'Fingerprint'] as const;
export const IDENTIFIER_TYPES_CONTEXT = ['Nip', 'InternalId', 'NipVatUe', 'PeppolId'] as const;
