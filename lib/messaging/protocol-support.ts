import * as z from 'zod/mini';
import { ALERTS, MAX_REPORT_BYTES, watchedCertificate } from './diagnostics-format';

/**
 * Support and own certificates: the diagnostic report and the certificate watch (the certificates the AP's list
 * shows come from the panel's bundle: protocol-panel.ts).
 */
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
  /** The watch's certificates; with `check`, after asking the provider again and giving any warning due. */
  'popup→background:certificates.list': {
    request: z.object({ check: z.boolean() }),
    response: certificateList,
  },
} as const;
