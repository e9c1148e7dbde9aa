import type { PanelMessageName, PanelRequest } from './protocol-panel';

/**
 * Send one of these from the panel's bundle: the envelope and the payload's type as for every message; the
 * background's router validates the payload, and the answer must be its `{ ok: true }`. No zod here: the panel's
 * bundle carries only types of this table, not the schemas (`import type`), and stays without zod.
 */
export async function sendFromPanel<N extends PanelMessageName>(
  transport: (message: unknown) => Promise<unknown>,
  name: N,
  payload: PanelRequest<N>,
): Promise<void> {
  const answer = await transport({ type: name, payload });
  if ((answer as { ok?: unknown } | null)?.ok !== true) throw new Error(`${name}: the background did not take it`);
}
