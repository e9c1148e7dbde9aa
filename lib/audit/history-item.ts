import * as z from 'zod/mini';
import { VERDICTS } from './types';

/**
 * One record of an audit as the history keeps it (per environment and company, after a complete read): the
 * content script reports it, the background stores it and compares the next audit with it.
 */
export const historyItem = z.object({
  key: z.string().check(z.maxLength(64)),
  kind: z.string().check(z.maxLength(20)),
  grantee: z.string().check(z.maxLength(80)),
  scope: z.string().check(z.maxLength(40)),
  verdict: z.enum(VERDICTS),
});
export type HistoryItem = z.infer<typeof historyItem>;
