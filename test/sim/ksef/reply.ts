import { traceId } from '../ids';

/** What a twin handler answers; the server turns it into an HTTP response and logs it. */
export interface Reply {
  status: number;
  body?: unknown;
  contentType?: string;
  headers?: Record<string, string>;
}

export const ok = (body: unknown, status = 200): Reply => ({ status, body, contentType: 'application/json' });
export const noContent = (): Reply => ({ status: 204 });

const iso = (at: number) => new Date(at).toISOString();

/** 400 in the legacy ExceptionResponse, or problem details when the caller asked (`X-Error-Format`). */
export function badRequest(
  at: number,
  problem: boolean,
  code: number,
  description: string,
  details: string[] = [],
): Reply {
  if (problem) {
    return {
      status: 400,
      contentType: 'application/problem+json',
      body: {
        title: 'Bad Request',
        status: 400,
        detail: description,
        errors: [{ code, description, details }],
        timestamp: iso(at),
        traceId: traceId(),
      },
    };
  }
  return {
    status: 400,
    contentType: 'application/json',
    body: {
      exception: {
        exceptionDetailList: [{ exceptionCode: code, exceptionDescription: description, details }],
        serviceCode: traceId(),
        serviceCtx: 'srvTWIN',
        serviceName: 'ksef-twin',
        timestamp: iso(at),
      },
    },
  };
}

export function unauthorized(at: number, detail: string): Reply {
  return {
    status: 401,
    contentType: 'application/problem+json',
    body: { title: 'Unauthorized', status: 401, detail, traceId: traceId(), timestamp: iso(at) },
  };
}

export function forbidden(
  at: number,
  reasonCode: string,
  detail: string,
  security: Record<string, unknown> | null,
): Reply {
  return {
    status: 403,
    contentType: 'application/problem+json',
    body: {
      title: 'Forbidden',
      status: 403,
      detail,
      reasonCode,
      security,
      traceId: traceId(),
      timestamp: iso(at),
    },
  };
}

export function gone(at: number): Reply {
  return {
    status: 410,
    contentType: 'application/problem+json',
    body: {
      title: 'Gone',
      status: 410,
      detail: 'Operacja wygasła i nie jest już dostępna.',
      timestamp: iso(at),
      traceId: traceId(),
    },
  };
}

export function tooManyRequests(at: number, problem: boolean, retryAfter: number, limit: string): Reply {
  const detail = `Przekroczono limit ${limit}. Spróbuj ponownie po ${retryAfter} sekundach.`;
  const headers = { 'Retry-After': String(retryAfter) };
  if (problem) {
    return {
      status: 429,
      headers,
      contentType: 'application/problem+json',
      body: { title: 'Too Many Requests', status: 429, detail, timestamp: iso(at), traceId: traceId() },
    };
  }
  return {
    status: 429,
    headers,
    contentType: 'application/json',
    body: { status: { code: 429, description: 'Too Many Requests', details: [detail] } },
  };
}

/**
 * Every problem body names the request it answers the same way, `/v2/<path>`, whichever handler wrote it
 * (KSeF's own problem bodies carry the request path in `instance`).
 */
export function stampInstance(reply: Reply, path: string): Reply {
  if (!reply.contentType?.startsWith('application/problem+json') || typeof reply.body !== 'object' || !reply.body)
    return reply;
  return { ...reply, body: { ...reply.body, instance: `/v2${path}` } };
}
