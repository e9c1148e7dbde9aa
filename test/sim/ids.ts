import { createHash, randomBytes, randomUUID } from 'node:crypto';

/**
 * Identifiers in KSeF's shapes (docs/ksef.md §2): reference numbers `yyyyMMdd-XX-XXXXXXXXXX-XXXXXXXXXX-XX`,
 * GUID permission ids, 16-hex certificate serials, and valid NIPs and PESELs for generated data.
 */
const hex = (n: number) =>
  randomBytes(Math.ceil(n / 2))
    .toString('hex')
    .slice(0, n)
    .toUpperCase();

export function referenceNumber(infix: 'CR' | 'AU' | 'EG' | 'EC' | 'EH', at: number): string {
  const d = new Date(at).toISOString().slice(0, 10).replaceAll('-', '');
  return `${d}-${infix}-${hex(10)}-${hex(10)}-${hex(2)}`;
}

export const permissionId = (): string => randomUUID();
export const certificateSerial = (): string => hex(16);
export const traceId = (): string => hex(32).toLowerCase();

/** A deterministic valid NIP for the n-th generated entity (no NIP starts with 0; checksum ≠ 10). */
export function nipFor(n: number): string {
  const w = [6, 5, 7, 2, 3, 4, 5, 6, 7];
  for (let k = 0; ; k++) {
    const body = `9${String((n * 7919 + k * 104729) % 100_000_000).padStart(8, '0')}`;
    if (!/^[1-9]((\d[1-9])|([1-9]\d))/.test(body)) continue;
    const sum = [...body].reduce((a, c, i) => a + Number(c) * w[i]!, 0) % 11;
    if (sum !== 10) return body + sum;
  }
}

/** A deterministic valid PESEL (born 1970–1999) for the n-th generated person. */
export function peselFor(n: number): string {
  const w = [1, 3, 7, 9, 1, 3, 7, 9, 1, 3];
  const yy = 70 + (n % 30);
  const mm = 1 + (n % 12);
  const dd = 1 + (n % 28);
  const serial = String(Math.floor(n / 7) % 10_000).padStart(4, '0');
  const body = `${String(yy).padStart(2, '0')}${String(mm).padStart(2, '0')}${String(dd).padStart(2, '0')}${serial}`;
  const sum = [...body].reduce((a, c, i) => a + Number(c) * w[i]!, 0);
  return body + ((10 - (sum % 10)) % 10);
}

export function sha256Hex(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex').toUpperCase();
}
