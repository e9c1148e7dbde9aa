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
        instance: '/v2',
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

export function unauthorized(at: number, instance: string, detail: string): Reply {
  return {
    status: 401,
    contentType: 'application/problem+json',
    body: { title: 'Unauthorized', status: 401, detail, instance, traceId: traceId(), timestamp: iso(at) },
  };
}

export function forbidden(
  at: number,
  instance: string,
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
      instance,
      reasonCode,
      security,
      traceId: traceId(),
      timestamp: iso(at),
    },
  };
}

export function gone(at: number, instance: string): Reply {
  return {
    status: 410,
    contentType: 'application/problem+json',
    body: {
      title: 'Gone',
      status: 410,
      instance,
      detail: 'Operacja wygasła i nie jest już dostępna.',
      timestamp: iso(at),
      traceId: traceId(),
    },
  };
}

export function tooManyRequests(
  at: number,
  instance: string,
  problem: boolean,
  retryAfter: number,
  limit: string,
): Reply {
  const detail = `Przekroczono limit ${limit}. Spróbuj ponownie po ${retryAfter} sekundach.`;
  const headers = { 'Retry-After': String(retryAfter) };
  if (problem) {
    return {
      status: 429,
      headers,
      contentType: 'application/problem+json',
      body: { title: 'Too Many Requests', status: 429, instance, detail, timestamp: iso(at), traceId: traceId() },
    };
  }
  return {
    status: 429,
    headers,
    contentType: 'application/json',
    body: { status: { code: 429, description: 'Too Many Requests', details: [detail] } },
  };
}
