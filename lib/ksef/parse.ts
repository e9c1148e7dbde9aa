import type * as z from 'zod/mini';

export type Parsed<T> = { ok: true; data: T } | { ok: false; error: string; issues: ParseIssue[] };
export interface ParseIssue {
  path: string;
  message: string;
}

/** `permissions[0].authorizedIdentifier.value` from a zod issue path. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (typeof key === 'string' && /^[A-Za-z_$][\w$]*$/.test(key)) out += out === '' ? key : `.${key}`;
    else out += `[${JSON.stringify(String(key))}]`;
  }
  return out || '(root)';
}

interface IssueLike {
  code: string;
  message: string;
  expected?: unknown;
  minimum?: unknown;
  maximum?: unknown;
  origin?: unknown;
  format?: unknown;
  values?: unknown;
  keys?: unknown;
}

/** zod/mini ships no message texts (to stay small), so say what was expected ourselves. */
function describe(issue: IssueLike): string {
  switch (issue.code) {
    case 'invalid_type':
      return `expected ${String(issue.expected)}`;
    case 'too_small':
      return `expected ${issue.origin === 'string' ? 'length' : issue.origin === 'array' ? 'at least' : '≥'} ${String(issue.minimum)}`;
    case 'too_big':
      return `expected ${issue.origin === 'string' ? 'length' : issue.origin === 'array' ? 'at most' : '≤'} ${String(issue.maximum)}`;
    case 'invalid_value':
      return `expected one of ${JSON.stringify(issue.values)}`;
    case 'invalid_format':
      return issue.message && issue.message !== 'Invalid input'
        ? issue.message
        : `expected format ${String(issue.format)}`;
    case 'unrecognized_keys':
      return `unexpected keys ${JSON.stringify(issue.keys)}`;
    default:
      return issue.message || issue.code;
  }
}

/**
 * Validate untrusted data. Never throws; the error names the field that failed and what was expected,
 * e.g. `payload: permissions[0].canDelegate: expected boolean`.
 */
export function parseWith<T>(schema: z.ZodMiniType<T>, data: unknown, what = 'payload'): Parsed<T> {
  const result = schema.safeParse(data);
  if (result.success) return { ok: true, data: result.data };
  const issues = result.error.issues
    .slice(0, 10)
    .map((i) => ({ path: formatPath(i.path), message: describe(i as unknown as IssueLike) }));
  const first = issues[0];
  return { ok: false, error: first ? `${what}: ${first.path}: ${first.message}` : `${what}: invalid`, issues };
}
