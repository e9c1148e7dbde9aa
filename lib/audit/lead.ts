/**
 * The popup's one leading sentence about the company the AP tab shows, and the one next step that fits
 * (docs/architecture.md §4a: "nothing is left" only after the whole list was read).
 */
export type LeadNext = 'guide' | 'authorize' | 'check-all' | 'open-list' | null;
export interface Lead {
  tone: 'ok' | 'warn' | 'alarm' | 'neutral';
  /** A message key; with `count`, a plural family (`_one`, `_few`, …). */
  key: string;
  count?: number;
  next: LeadNext;
}

/** The AP tab's audit as the background tells it; `whole` when it covers the whole list. */
export interface LeadCounts {
  integration: number;
  leftover: number;
  risk: number;
  missing: number;
  whole?: boolean;
  /** False when no provider was set up: leftovers could not be judged at all. */
  profiled?: boolean;
}

/**
 * `provider`: the provider's word on the integration for this company, where it has given one; `onGrantsList`:
 * the tab shows the list of grants (elsewhere, counts of nothing mean the grants were not read, not that they are
 * clean).
 */
export function leadOf(counts: LeadCounts | undefined, provider: { state: string } | null, onGrantsList = true): Lead {
  const none = !counts || counts.integration + counts.leftover + counts.risk + counts.missing === 0;
  if (!counts || (none && !counts.whole && !onGrantsList))
    return { tone: 'neutral', key: 'lead_unchecked', next: 'open-list' };
  const state = provider?.state ?? null;
  if (counts.leftover > 0) return { tone: 'alarm', key: 'lead_leftovers', count: counts.leftover, next: 'guide' };
  if (counts.risk > 0) return { tone: 'warn', key: 'lead_risks', count: counts.risk, next: null };
  if (state === 'active' && counts.missing > 0)
    return { tone: 'warn', key: 'lead_missing', count: counts.missing, next: 'authorize' };
  // Without a provider to judge against, "no leftovers" would say what nothing was checked for.
  if (counts.profiled === false) return { tone: 'neutral', key: 'lead_noProvider', next: null };
  if (!counts.whole) return { tone: 'neutral', key: 'lead_partClean', next: 'check-all' };
  if (state === 'not-connected' || state === 'disconnected')
    return {
      tone: 'neutral',
      key: counts.integration > 0 ? 'lead_notConnectedButGrants' : 'lead_notConnected',
      next: 'authorize',
    };
  if (state === 'active') return { tone: 'ok', key: 'lead_healthy', next: null };
  return { tone: 'ok', key: 'lead_clean', next: null };
}
