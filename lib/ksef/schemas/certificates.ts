import * as z from 'zod/mini';
import { dateTime, identifier, openEnum, ref36, statusInfo } from './common';

/** KSeF certificates (docs/ksef.md §5). */
export const CERTIFICATE_STATUSES = ['Active', 'Blocked', 'Revoked', 'Expired'] as const;

export const certificateSerialNumber = z.string().check(z.regex(/^[0-9A-F]{16}$/, 'expected 16 upper-case hex digits'));

export const certificateListItem = z.looseObject({
  certificateSerialNumber,
  name: z.string(),
  type: openEnum(['Authentication', 'Offline']),
  commonName: z.string(),
  status: openEnum(CERTIFICATE_STATUSES),
  subjectIdentifier: identifier(['Nip', 'Pesel', 'Fingerprint']),
  validFrom: dateTime,
  validTo: dateTime,
  lastUseDate: z.nullish(dateTime),
  requestDate: dateTime,
});
export type CertificateRecord = z.infer<typeof certificateListItem>;

export const certificatesPage = z.looseObject({ certificates: z.array(certificateListItem), hasMore: z.boolean() });

export const certificateEnrollmentStatus = z.looseObject({
  requestDate: dateTime,
  status: statusInfo,
  certificateSerialNumber: z.nullish(certificateSerialNumber),
});

export const certificateEnrollmentAccepted = z.looseObject({ referenceNumber: ref36, timestamp: dateTime });

export const certificateEnrollmentData = z.looseObject({
  commonName: z.string(),
  countryName: z.string(),
  givenName: z.nullish(z.string()),
  surname: z.nullish(z.string()),
  serialNumber: z.nullish(z.string()),
  uniqueIdentifier: z.nullish(z.string()),
  organizationName: z.nullish(z.string()),
  organizationIdentifier: z.nullish(z.string()),
});
