import * as z from 'zod/mini';
import { ENVIRONMENTS } from '../ksef/environments';
import { apPage, historyItem } from './protocol-content';
import { COMPANY_SOURCES, MAX_CLAIMS } from '../audit/company';
import { jobView, providerStatusView, receiptSchema } from './protocol-views';
import { MAX_CARD_ITEMS } from '../audit/card';

/**
 * The diagnostic report a customer exports and support staff open in the viewer. Versioned: a
 * viewer reads the versions it knows and says so for the others. Identifiers in it are masked unless the user
 * chose otherwise (lib/report/redact.ts); KSeF tokens and the provider credential are never in it.
 */
export const REPORT_FORMAT = 'ksef-companion-diagnostic-report';
export const REPORT_VERSION = 1;
/** Larger files are refused before they are read. */
export const MAX_REPORT_BYTES = 5 * 1024 * 1024;

const text = (max: number) => z.string().check(z.maxLength(max));
const count = z.int().check(z.minimum(0));
/** A NIP, PESEL or fingerprint, as it is or masked (`123***7890`, `PESEL#1a2b3c4d`). */
const idText = text(120);
const environment = z.enum(ENVIRONMENTS);
const verdict = z.enum(['integration', 'leftover', 'risk', 'other']);
const counts = z.object({ integration: count, leftover: count, risk: count, other: count });

/** What the page's audit shows: the provider card, every grant's verdict, and how the observer fared. */
export const auditDiagnostics = z.object({
  environment,
  page: apPage,
  contextNip: z.nullable(idText),
  profile: z.nullable(
    z.object({
      name: text(200),
      state: text(20),
      mode: text(30),
      scopes: z.array(text(60)).check(z.maxLength(20)),
    }),
  ),
  card: z.nullable(
    z.object({
      name: text(200),
      state: text(20),
      // `state` since the evidence record: a report written before it has only `present`.
      expected: z
        .array(
          z.object({
            scope: text(60),
            present: z.boolean(),
            state: z.optional(z.enum(['present', 'missing', 'unchecked', 'not-listed'])),
          }),
        )
        .check(z.maxLength(20)),
      counts,
      items: z
        .array(
          z.object({
            kind: text(20),
            id: text(120),
            scopes: z.array(text(60)).check(z.maxLength(20)),
            verdict,
            flags: z.array(text(40)).check(z.maxLength(20)),
          }),
        )
        .check(z.maxLength(MAX_CARD_ITEMS)),
    }),
  ),
  grants: z
    .array(
      z.object({
        id: text(120),
        grantee: idText,
        scope: text(60),
        verdict,
        flags: z.array(text(40)).check(z.maxLength(20)),
      }),
    )
    .check(z.maxLength(20_000)),
  missing: z.array(text(60)).check(z.maxLength(20)),
  /** Rows judged from their text alone (nothing from KSeF was seen on the page). */
  rowsOnly: z.nullable(z.object({ rows: count, counts })),
  kinds: z.record(text(20), z.object({ pages: count, hasMore: z.nullable(z.boolean()), complete: z.boolean() })),
  /** The evidence record (lib/audit/evidence.ts); a report written before it has none. */
  evidence: z.optional(
    z.object({
      company: z.object({
        nip: z.nullable(idText),
        sources: z.array(z.enum(COMPANY_SOURCES)).check(z.maxLength(3)),
        conflict: z.array(idText).check(z.maxLength(MAX_CLAIMS)),
        claims: z.array(z.object({ nip: idText, source: z.enum(COMPANY_SOURCES) })).check(z.maxLength(MAX_CLAIMS)),
      }),
      kinds: z
        .array(
          z.object({
            kind: text(20),
            coverage: z.enum(['none', 'partial', 'complete']),
            pages: count,
            records: count,
            total: z.nullable(count),
            proof: z.nullable(text(20)),
            source: z.nullable(z.enum(['responses', 'rows'])),
            readAt: z.nullable(z.number()),
            dropped: z.optional(count),
          }),
        )
        .check(z.maxLength(10)),
      outdatedAt: z.nullable(z.number()),
    }),
  ),
  recognition: z.object({
    captures: count,
    rejected: count,
    skipped: count,
    /** Key names (never values) of responses that looked like KSeF records but were not recognised. */
    unrecognisedKeys: z.array(text(200)).check(z.maxLength(200)),
  }),
});
export type AuditDiagnostics = z.infer<typeof auditDiagnostics>;

/** The certificate watch's warnings (lib/jobs/certificate-watch.ts). */
export const ALERTS = ['expires-30', 'expires-14', 'expires-7', 'expired', 'revoked', 'blocked'] as const;
export type Alert = (typeof ALERTS)[number];

/** A certificate the watch follows (lib/jobs/certificate-watch.ts). */
export const watchedCertificate = z.object({
  environment,
  contextNip: idText,
  serial: text(40),
  name: text(300),
  validTo: z.nullable(text(40)),
  status: z.nullable(text(20)),
  /** Where it was seen: the AP's list, the provider's status, or both. */
  seenInAp: z.boolean(),
  usedByProvider: z.boolean(),
  seenAt: z.number(),
});
export type WatchedCertificate = z.infer<typeof watchedCertificate>;

const reportJob = z.object({
  ...jobView.shape,
  contextNip: idText,
  receipt: z.nullable(z.looseObject({ ...receiptSchema.shape, contextNip: idText })),
});
const reportReceipt = z.looseObject({ ...receiptSchema.shape, contextNip: idText });

export const diagnosticReport = z.object({
  format: z.literal(REPORT_FORMAT),
  version: z.literal(REPORT_VERSION),
  createdAt: text(40),
  /** False only when the user chose to include identifiers, after a warning. */
  redacted: z.boolean(),
  extension: z.object({ version: text(20), browser: text(300), language: text(20) }),
  provider: z.object({
    linked: z.boolean(),
    origin: z.nullable(text(300)),
    name: z.nullable(text(200)),
    status: z.nullable(z.object({ ...providerStatusView.shape, actingNips: z.array(idText).check(z.maxLength(20)) })),
    error: z.nullable(text(64)),
  }),
  tabs: z
    .array(
      z.object({
        environment,
        page: apPage,
        contextNip: z.nullable(idText),
        responses: count,
        rejected: count,
        counts: z.nullable(z.object({ integration: count, leftover: count, risk: count, missing: count })),
        updatedAt: z.number(),
      }),
    )
    .check(z.maxLength(50)),
  audit: z.nullable(auditDiagnostics),
  history: z
    .array(
      z.object({
        scope: text(200),
        at: z.number(),
        counts,
        items: z.array(z.object({ ...historyItem.shape, grantee: idText })).check(z.maxLength(20_000)),
      }),
    )
    .check(z.maxLength(200)),
  jobs: z.array(reportJob).check(z.maxLength(100)),
  receipts: z.array(reportReceipt).check(z.maxLength(100)),
  certificates: z.array(watchedCertificate).check(z.maxLength(1000)),
});
export type DiagnosticReport = z.infer<typeof diagnosticReport>;
