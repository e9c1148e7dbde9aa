import { afterAll, expect } from 'vitest';
import { KsefClient } from '../ksef-client';
import { createTwin, type TwinOptions } from '../ksef/server';
import { findOperation, validateResponse } from '../ksef/spec';
import type { LogEntry } from '../ksef/state';
import { USER, PROVIDER, ACCOUNTANT } from '../people';
import { seedProvider } from '../provider/jobs';
import { createProvider } from '../provider/server';
import { signerFor } from '../signer';

/**
 * Test kit for the twin: in-process twins whose every `/v2` response is checked against the official schemas
 * when the test file ends (injected faults excepted: KSeF documents no 5xx bodies).
 */
const twins: ReturnType<typeof createTwin>[] = [];

export function twin(options: TwinOptions = {}) {
  const t = createTwin({ ...options, config: { operationDelayMs: 40, authDelayMs: 10, ...options.config } });
  twins.push(t);
  const api = new KsefClient((path, init) => Promise.resolve(t.app.request(path, init)));
  return { ...t, api };
}

/** An in-process twin with the provider reference server on it, its books seeded for the same scenario. */
export async function twinWithProvider(scenario: string, config: TwinOptions['config'] = {}) {
  const t = twin({ scenario: scenario as never, config });
  const p = createProvider({
    twinFetch: (path, init) => Promise.resolve(t.app.request(path, init)),
    now: () => t.clock.now(),
  });
  await seedProvider(p.store, p.ksef, scenario, () => t.clock.now());
  return { t, p };
}

export const owner = () =>
  signerFor({ type: 'Pesel', value: USER.ownerPesel, name: `${USER.ownerFirstName} ${USER.ownerLastName}` });
export const provider = () => signerFor({ type: 'Nip', value: PROVIDER.nip, name: PROVIDER.name });
export const accountant = () =>
  signerFor({ type: 'Pesel', value: ACCOUNTANT.pesel, name: `${ACCOUNTANT.firstName} ${ACCOUNTANT.lastName}` });

export function schemaProblems(log: LogEntry[]): string[] {
  const problems: string[] = [];
  for (const e of log) {
    if (
      !e.template ||
      e.status === 404 ||
      (e.status >= 500 && (e.body as { title?: string })?.title === 'Injected fault')
    )
      continue;
    const op = findOperation(e.method, e.path)!;
    const check = validateResponse(
      op,
      e.status,
      e.contentType || 'application/json',
      e.status === 204 ? undefined : e.body,
    );
    if (!check.ok) problems.push(`${e.method} ${e.path} ${e.status}: ${check.errors.join('; ')}`);
  }
  return problems;
}

/** Register once per test file: every response of every twin of the file must fit the official schemas. */
export function checkAllResponsesAgainstSpec() {
  afterAll(() => {
    const log = twins.flatMap((t) => t.world.log);
    expect(log.length).toBeGreaterThan(0);
    expect(schemaProblems(log)).toEqual([]);
  });
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
