import * as z from 'zod/mini';
import { dateTime } from './common';

/** Error bodies (docs/ksef.md §7.2): the legacy ExceptionResponse and RFC-7807 problem details. */
export const exceptionResponse = z.looseObject({
  exception: z.nullish(
    z.looseObject({
      exceptionDetailList: z.nullish(
        z.array(
          z.looseObject({
            exceptionCode: z.int(),
            exceptionDescription: z.nullish(z.string()),
            details: z.nullish(z.array(z.string())),
          }),
        ),
      ),
      referenceNumber: z.nullish(z.string()),
      serviceCode: z.nullish(z.string()),
      serviceCtx: z.nullish(z.string()),
      serviceName: z.nullish(z.string()),
      timestamp: z.nullish(dateTime),
    }),
  ),
});

const problemBase = {
  title: z.string(),
  status: z.int(),
  detail: z.string(),
  instance: z.nullish(z.string()),
  traceId: z.nullish(z.string()),
  timestamp: dateTime,
};

export const badRequestProblem = z.looseObject({
  ...problemBase,
  status: z.literal(400),
  errors: z.array(z.looseObject({ code: z.int(), description: z.string(), details: z.nullish(z.array(z.string())) })),
});

export const unauthorizedProblem = z.looseObject({ ...problemBase, status: z.literal(401) });

export const forbiddenProblem = z.looseObject({
  ...problemBase,
  // KSeF 2.8.1 may leave it out of a 403.
  timestamp: z.optional(dateTime),
  status: z.literal(403),
  reasonCode: z.string(),
  security: z.nullish(
    z.looseObject({
      requiredAnyOfPermissions: z.nullish(z.array(z.string())),
      presentPermissions: z.nullish(z.array(z.string())),
      clientIp: z.nullish(z.string()),
      incidentId: z.nullish(z.string()),
      authenticationMethodCategory: z.nullish(z.string()),
      contextIdentifierType: z.nullish(z.string()),
    }),
  ),
});

export const goneProblem = z.looseObject({ ...problemBase, status: z.literal(410) });
export const tooManyRequestsProblem = z.looseObject({ ...problemBase, status: z.literal(429) });

/** Legacy 429 body. */
export const tooManyRequestsResponse = z.looseObject({
  status: z.looseObject({ code: z.literal(429), description: z.string(), details: z.nullish(z.array(z.string())) }),
});

export const ksefError = z.union([
  badRequestProblem,
  unauthorizedProblem,
  forbiddenProblem,
  goneProblem,
  tooManyRequestsProblem,
  tooManyRequestsResponse,
  exceptionResponse.check(z.refine((v) => v.exception != null, 'expected an exception object')),
]);

export interface ErrorSummary {
  status?: number;
  codes: number[];
  text: string;
}

/** One line for the user from any KSeF error body, with its codes for support; null when it is none of them. */
export function errorSummary(body: unknown): ErrorSummary | null {
  const legacy = exceptionResponse.safeParse(body);
  if (legacy.success && legacy.data.exception) {
    const list = legacy.data.exception.exceptionDetailList ?? [];
    return {
      codes: list.map((d) => d.exceptionCode),
      text: list.map((d) => [d.exceptionDescription, ...(d.details ?? [])].filter(Boolean).join(' ')).join('; '),
    };
  }
  const bad = badRequestProblem.safeParse(body);
  if (bad.success) return { status: 400, codes: bad.data.errors.map((e) => e.code), text: bad.data.detail };
  for (const schema of [unauthorizedProblem, forbiddenProblem, goneProblem, tooManyRequestsProblem]) {
    const p = schema.safeParse(body);
    if (p.success) return { status: p.data.status, codes: [], text: p.data.detail || p.data.title };
  }
  const limited = tooManyRequestsResponse.safeParse(body);
  if (limited.success) {
    const st = limited.data.status;
    return { status: 429, codes: [], text: [st.description, ...(st.details ?? [])].join(' ') };
  }
  return null;
}
