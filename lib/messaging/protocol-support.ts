import { nipDigits } from '../ksef/schemas/common';
import * as z from 'zod/mini';
import { ALERTS, MAX_REPORT_BYTES, watchedCertificate } from './diagnostics-format';
import { environment } from './protocol-content';

/**
 * Support and own certificates: the diagnostic report, the certificates the AP's list shows (sent by
 * the panel's bundle, so the AP content script does not carry these), and the certificate watch.
 */
const nip = nipDigits;

export const certificateView = z.object({
  ...watchedCertificate.shape,
  alert: z.nullable(z.enum(ALERTS)),
  days: z.nullable(z.int()),
});
export type CertificateView = z.infer<typeof certificateView>;
const certificateList = z.object({
  certificates: z.array(certificateView).check(z.maxLength(1000)),
  checkedAt: z.nullable(z.number()),
});

export const SUPPORT_MESSAGES = {
  'popup→background:report.build': {
    /** `tabId`: the AP tab whose audit goes into the report (null: none is open). */
    request: z.object({ includeIdentifiers: z.boolean(), tabId: z.nullable(z.int()) }),
    response: z.object({
      json: z.string().check(z.maxLength(MAX_REPORT_BYTES)),
      fileName: z.string().check(z.maxLength(100)),
    }),
  },
  'content→background:certificates.seen': {
    request: z.object({
      environment,
      contextNip: nip,
      certificates: z
        .array(
          z.object({
            serial: z.string().check(z.regex(/^[0-9A-F]{16}$/)),
            name: z.string().check(z.maxLength(300)),
            validTo: z.string().check(z.maxLength(40)),
            status: z.string().check(z.maxLength(20)),
          }),
        )
        .check(z.maxLength(1000)),
    }),
    response: z.object({ ok: z.literal(true) }),
  },
  /** The watch's certificates; with `check`, after asking the provider again and giving any warning due. */
  'popup→background:certificates.list': {
    request: z.object({ check: z.boolean() }),
    response: certificateList,
  },
} as const;
