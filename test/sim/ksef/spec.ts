import { readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

/**
 * The official OpenAPI document (`../shared/ksef/openapi.json`) drives the twin: its routes, the
 * permissions each operation requires (`x-required-permissions`), and ajv validators for request and response
 * bodies. Four adjustments make ajv accept the 3.0.4 document (toolchain.md §10).
 */
export const SPEC_PATH = path.resolve(import.meta.dirname, '../../../../shared/ksef/openapi.json');

interface Operation {
  method: string;
  template: string;
  re: RegExp;
  requiredPermissions: string[] | null;
  requestSchema: unknown;
  responses: Record<string, Record<string, unknown>>;
}

type Json = Record<string, unknown>;
const spec = JSON.parse(readFileSync(SPEC_PATH, 'utf8')) as {
  paths: Record<string, Record<string, Json>>;
  components: { schemas: Record<string, Json> };
};

/** `{ allOf: [{$ref}], nullable: true }` without a type: ajv rejects `nullable` there, KSeF sends null. */
function fixNullable(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(fixNullable);
  if (!node || typeof node !== 'object') return node;
  const obj = Object.fromEntries(Object.entries(node as Json).map(([k, v]) => [k, fixNullable(v)])) as Json;
  if (obj.nullable === true && !('type' in obj)) {
    const { nullable: _n, ...rest } = obj;
    void _n;
    return { anyOf: [{ type: 'null' }, rest] };
  }
  return obj;
}

const components = fixNullable(spec.components) as Json;
const ajv = new Ajv({ strict: false, allErrors: false, unicodeRegExp: false, validateFormats: true });
addFormats(ajv);
ajv.addFormat('int32', { type: 'number', validate: (n: number) => Number.isInteger(n) && Math.abs(n) < 2 ** 31 });
ajv.addFormat('int64', { type: 'number', validate: (n: number) => Number.isInteger(n) });
ajv.addFormat('double', { type: 'number', validate: () => true });
ajv.addFormat('byte', /^[A-Za-z0-9+/]*={0,2}$/);
ajv.addSchema({ components }, 'openapi.json');

const cache = new Map<string, ValidateFunction>();
function compile(schema: unknown): ValidateFunction {
  const key = JSON.stringify(schema);
  let fn = cache.get(key);
  if (!fn) {
    const rewritten = JSON.parse(key.replaceAll('"#/components/', '"openapi.json#/components/')) as Json;
    fn = ajv.compile(rewritten);
    cache.set(key, fn);
  }
  return fn;
}

export const OPERATIONS: Operation[] = Object.entries(spec.paths).flatMap(([template, ops]) =>
  Object.entries(ops)
    .filter(([m]) => ['get', 'post', 'delete', 'put'].includes(m))
    .map(([m, op]) => {
      const body = (op.requestBody as Json | undefined)?.content as Record<string, Json> | undefined;
      const responses: Operation['responses'] = {};
      for (const [status, r] of Object.entries((op.responses as Record<string, Json>) ?? {})) {
        const content = (r.content as Record<string, Json> | undefined) ?? {};
        responses[status] = Object.fromEntries(Object.entries(content).map(([ct, c]) => [ct, c.schema]));
      }
      return {
        method: m.toUpperCase(),
        template,
        re: new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`),
        requiredPermissions: (op['x-required-permissions'] as string[] | undefined) ?? null,
        requestSchema: body?.['application/json']?.schema ?? null,
        responses,
      };
    }),
);

/** The spec operation for a request, a literal path winning over a templated one. */
export function findOperation(method: string, apiPath: string): Operation | null {
  const matches = OPERATIONS.filter((o) => o.method === method && o.re.test(apiPath));
  return matches.find((o) => !o.template.includes('{')) ?? matches[0] ?? null;
}

export interface SchemaCheck {
  ok: boolean;
  errors: string[];
}

const explain = (fn: ValidateFunction): string[] =>
  (fn.errors ?? []).map((e) => `${e.instancePath || '(root)'} ${e.message ?? ''}`.trim());

export function validateRequestBody(op: Operation, body: unknown): SchemaCheck {
  if (!op.requestSchema) return { ok: true, errors: [] };
  const fn = compile(op.requestSchema);
  return fn(body) ? { ok: true, errors: [] } : { ok: false, errors: explain(fn) };
}

/** Checks a response against the spec: the status must be documented and the body must fit its schema. */
export function validateResponse(op: Operation, status: number, contentType: string, body: unknown): SchemaCheck {
  const documented = op.responses[String(status)];
  if (!documented) return { ok: false, errors: [`status ${status} is not documented for ${op.method} ${op.template}`] };
  const types = Object.keys(documented);
  if (types.length === 0)
    return body === null || body === undefined ? { ok: true, errors: [] } : { ok: false, errors: ['unexpected body'] };
  const ct = contentType.split(';')[0]!.trim();
  const schema = documented[ct];
  if (schema === undefined)
    return { ok: false, errors: [`content type ${ct} is not documented (${types.join(', ')})`] };
  const fn = compile(schema);
  return fn(body) ? { ok: true, errors: [] } : { ok: false, errors: explain(fn) };
}
