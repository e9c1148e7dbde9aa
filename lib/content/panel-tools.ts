import type { readWhole } from './read-whole';
import type { leftoversOf, rowLeftovers } from '@/lib/audit/leftovers';

/**
 * What the panel's bundle lends the content script when a list must be read whole ("check all", a disconnect's
 * second look): kept out of the content script proper, which stays within its size budget.
 */
export interface PanelTools {
  readWhole: typeof readWhole;
  leftoversOf: typeof leftoversOf;
  rowLeftovers: typeof rowLeftovers;
}
