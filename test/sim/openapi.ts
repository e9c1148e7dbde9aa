import { readFileSync } from 'node:fs';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

/**
 * An OpenAPI 3.0 document as routes and ajv validators: the official KSeF document drives the twin, our own
 * provider contract checks the reference server. Four adjustments make ajv accept the KSeF 3.0.4 document
 * (the official document needs these with ajv): no strict mode, `nullable` without `type` rewritten, no unicode regexps, extra formats.
 */
type Json = Record<string, unknown>;

export interface Operation {
  method: string;
  template: string;
  re: RegExp;
  requiredPermissions: string[] | null;
  requestSchema: unknown;
  responses: Record<string, Record<string, unknown>>;
}

export interface SchemaCheck {
  ok: boolean;
  errors: string[];
}

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

export function loadOpenApi(file: string, id: string) {
  const doc = JSON.parse(readFileSync(file, 'utf8')) as {
    paths: Record<string, Record<string, Json>>;
    components: Json;
  };
  const ajv = new Ajv({ strict: false, allErrors: false, unicodeRegExp: false });
  addFormats(ajv);
  ajv.addFormat('int32', { type: 'number', validate: (n: number) => Number.isInteger(n) && Math.abs(n) < 2 ** 31 });
  ajv.addFormat('int64', { type: 'number', validate: (n: number) => Number.isInteger(n) });
  ajv.addFormat('double', { type: 'number', validate: () => true });
  ajv.addFormat('byte', /^[A-Za-z0-9+/]*={0,2}$/);
  ajv.addSchema({ components: fixNullable(doc.components) }, id);

  const cache = new Map<string, ValidateFunction>();
  const compile = (schema: unknown): ValidateFunction => {
    const key = JSON.stringify(schema);
    let fn = cache.get(key);
    if (!fn) {
      fn = ajv.compile(JSON.parse(key.replaceAll('"#/components/', `"${id}#/components/`)) as Json);
      cache.set(key, fn);
    }
    return fn;
  };
  const explain = (fn: ValidateFunction) =>
    (fn.errors ?? []).map((e) => `${e.instancePath || '(root)'} ${e.message ?? ''}`.trim());

  const operations: Operation[] = Object.entries(doc.paths).flatMap(([template, ops]) =>
    Object.entries(ops)
      .filter(([m]) => ['get', 'post', 'delete', 'put'].includes(m))
      .map(([m, op]) => {
        const body = (op.requestBody as Json | undefined)?.content as Record<string, Json> | undefined;
        const responses: Operation['responses'] = {};
        for (const [status, r] of Object.entries((op.responses as Record<string, Json>) ?? {})) {
          const resolved = (
            r.$ref ? (doc.components.responses as Record<string, Json>)[String(r.$ref).split('/').pop()!] : r
          ) as Json;
          const content = (resolved.content as Record<string, Json> | undefined) ?? {};
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

  return {
    operations,
    /** The operation for a request, a literal path winning over a templated one. */
    findOperation(method: string, path: string): Operation | null {
      const matches = operations.filter((o) => o.method === method && o.re.test(path));
      return matches.find((o) => !o.template.includes('{')) ?? matches[0] ?? null;
    },
    validateRequestBody(op: Operation, body: unknown): SchemaCheck {
      if (!op.requestSchema) return { ok: true, errors: [] };
      const fn = compile(op.requestSchema);
      return fn(body) ? { ok: true, errors: [] } : { ok: false, errors: explain(fn) };
    },
    /** The status must be documented for the operation and the body must fit its schema. */
    validateResponse(op: Operation, status: number, contentType: string, body: unknown): SchemaCheck {
      const documented = op.responses[String(status)];
      if (!documented)
        return { ok: false, errors: [`status ${status} is not documented for ${op.method} ${op.template}`] };
      const types = Object.keys(documented);
      if (types.length === 0)
        return body == null ? { ok: true, errors: [] } : { ok: false, errors: ['unexpected body'] };
      const ct = contentType.split(';')[0]!.trim();
      const schema = documented[ct];
      if (schema === undefined)
        return { ok: false, errors: [`content type ${ct} is not documented (${types.join(', ')})`] };
      const fn = compile(schema);
      return fn(body) ? { ok: true, errors: [] } : { ok: false, errors: explain(fn) };
    },
  };
}
