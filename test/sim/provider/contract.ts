import path from 'node:path';
import { loadOpenApi } from '../openapi';
import type { ProviderLogEntry } from './store';

/** The published provider contract, `docs/provider-api.openapi.json`, as validators for the reference server. */
export const CONTRACT_PATH = path.resolve(import.meta.dirname, '../../../docs/provider-api.openapi.json');
export const contract = loadOpenApi(CONTRACT_PATH, 'provider-api.json');

/** Every logged `/v1` answer that does not fit the contract, described. */
export function contractProblems(log: ProviderLogEntry[]): string[] {
  const out: string[] = [];
  for (const e of log) {
    const op = contract.findOperation(e.method, e.path.replace(/^\/v1/, '/v1'));
    if (!op) {
      out.push(`${e.method} ${e.path}: not in the contract`);
      continue;
    }
    const check = contract.validateResponse(op, e.status, 'application/json', e.body);
    if (!check.ok) out.push(`${e.method} ${e.path} ${e.status}: ${check.errors.join('; ')}`);
  }
  return out;
}
