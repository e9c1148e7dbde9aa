import * as z from 'zod/mini';
import { dateTime } from './common';

/** Payloads outside grants that a support report may still carry (docs/ksef.md §3.3, §7.3, §8). */
export const publicKeyCertificates = z.array(
  z.looseObject({
    certificate: z.string(),
    certificateId: z.nullish(z.string()),
    publicKeyId: z.nullish(z.string()),
    validFrom: dateTime,
    validTo: dateTime,
    usage: z.array(z.string()),
  }),
);

const rateLimitWindow = z.looseObject({ perSecond: z.number(), perMinute: z.number(), perHour: z.number() });
export const rateLimits = z.record(z.string(), rateLimitWindow);

export const invoicesMetadataPage = z.looseObject({
  hasMore: z.boolean(),
  isTruncated: z.boolean(),
  permanentStorageHwmDate: z.nullish(dateTime),
  invoices: z.array(
    z.looseObject({
      ksefNumber: z.string(),
      invoiceNumber: z.string(),
      issueDate: z.string(),
      seller: z.looseObject({ nip: z.string() }),
      grossAmount: z.number(),
      currency: z.string(),
    }),
  ),
});
