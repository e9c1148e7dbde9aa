import type { Alert, WatchedCertificate } from '../messaging/diagnostics-format';

/**
 * A certificate's dates as the own-certificate watch reads them (lib/background/jobs/certificate-watch.ts), here
 * so that the report viewer judges a report's certificates the same way.
 */
export const DAY_MS = 86_400_000;
const WARN_DAYS = [30, 14, 7] as const;

/** The calendar day of `at` in Poland (where KSeF's dates are read), as days since the epoch. */
const POLISH_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Warsaw', dateStyle: 'short' });
const dayOf = (at: number) => Date.parse(POLISH_DAY.format(at)) / DAY_MS;

/**
 * Calendar days left until `validTo`, as the date shown beside it reads (a certificate valid until the day after
 * tomorrow has 2 days left, whatever the hour); negative once that day has passed; null when the date is unknown.
 */
export function daysLeft(c: Pick<WatchedCertificate, 'validTo'>, now: number): number | null {
  const to = c.validTo ? Date.parse(c.validTo) : NaN;
  return Number.isNaN(to) ? null : Math.round(dayOf(to) - dayOf(now));
}

export function alertFor(c: WatchedCertificate, now: number): Alert | null {
  if (c.status === 'Revoked') return 'revoked';
  if (c.status === 'Blocked') return 'blocked';
  if (c.status === 'Expired') return 'expired';
  const to = c.validTo ? Date.parse(c.validTo) : NaN;
  if (Number.isNaN(to)) return null;
  if (to <= now) return 'expired';
  const days = daysLeft(c, now)!;
  const threshold = [...WARN_DAYS].reverse().find((d) => days <= d);
  return threshold ? (`expires-${threshold}` as Alert) : null;
}
