import * as z from 'zod/mini';
import { ENVIRONMENTS } from '../ksef/environments';

/** A KSeF environment as every message names it (a module of its own: each bundle takes only what it sends). */
export const environment = z.enum(ENVIRONMENTS);

/** Any message's answer when it failed: a code and a message (never a secret). */
export const errorReply = z.object({ error: z.object({ code: z.string(), message: z.string() }) });

/** Every runtime message: `{ type, payload }`, the direction in the type's name. */
export function envelopeOf<N extends string, P>(type: N, payload: P): { type: N; payload: P } {
  return { type, payload };
}

/**
 * Open a message of `table` (name → payload schema): its name and its payload, checked; null for anything else (an
 * unknown name, another shape, a payload that does not fit).
 */
export function openEnvelope<T extends Record<string, z.ZodMiniType>>(
  table: T,
  raw: unknown,
): { [N in keyof T & string]: { type: N; payload: z.infer<T[N]> } }[keyof T & string] | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const { type, payload } = raw as { type?: unknown; payload?: unknown };
  if (typeof type !== 'string' || !Object.hasOwn(table, type)) return null;
  const parsed = table[type]!.safeParse(payload);
  return parsed.success ? ({ type, payload: parsed.data } as never) : null;
}
