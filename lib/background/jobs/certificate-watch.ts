import type { Alert, WatchedCertificate } from '../../messaging/diagnostics-format';
import { plural, type I18n } from '../../i18n';
import { alertFor, DAY_MS, daysLeft } from '../../diagnostics/certificate-dates';

/**
 * Own-certificate watch: certificates seen on the AP's list and those the provider says it uses
 * (`own-certificates` mode) are matched by serial number; a daily check warns 30, 14 and 7 days before expiry
 * and when a certificate is revoked, blocked or has expired. Each warning is given once per certificate.
 */
export { DAY_MS, daysLeft, alertFor };

export interface ApCertificate {
  serial: string;
  name: string;
  validTo: string;
  status: string;
}
export interface ProviderCertificate {
  serial: string;
  name?: string;
  validTo?: string;
}

/** Most urgent first: unusable (revoked, blocked, expired), then by days left; an unknown date last. */
export function byUrgency<C extends { alert: string | null; days: number | null }>(list: readonly C[]): C[] {
  const rank = (c: C) => (c.alert && !c.alert.startsWith('expires') ? -Infinity : (c.days ?? Number.POSITIVE_INFINITY));
  return [...list].sort((a, b) => rank(a) - rank(b));
}

const keyOf = (c: { environment: string; contextNip: string; serial: string }) =>
  `${c.environment}:${c.contextNip}:${c.serial}`;

/** Certificates followed per company: what a page lists for one company can never crowd out another's. */
export const MAX_PER_COMPANY = 50;
/** A certificate the AP has not shown for this long, and the provider does not use, is no longer followed. */
export const FORGET_AFTER_MS = 180 * 24 * 60 * 60 * 1000;

/**
 * What the AP's list showed for one company: its certificates are updated (a list may be paged: none dropped).
 * At most `MAX_PER_COMPANY` per company. Kept first: the ones the provider uses, then the ones already followed
 * before this list came, then the soonest to expire. A flood of made-up entries (a script in the page can post
 * any) therefore takes only free places: it cannot push out a certificate already followed, however soon its
 * made-up entries claim to expire, nor touch another company's. Certificates neither seen for `FORGET_AFTER_MS`
 * nor used by the provider are forgotten.
 */
export function mergeSeenInAp(
  watched: readonly WatchedCertificate[],
  at: { environment: WatchedCertificate['environment']; contextNip: string; now: number },
  seen: readonly ApCertificate[],
): WatchedCertificate[] {
  const merged = mergeSeen(watched, at, seen);
  const mine = (c: WatchedCertificate) => c.environment === at.environment && c.contextNip === at.contextNip;
  const before = new Set(watched.filter(mine).map(keyOf));
  const rank = (c: WatchedCertificate) => [c.usedByProvider ? 0 : 1, before.has(keyOf(c)) ? 0 : 1, urgency(c)];
  const kept = merged
    .filter(mine)
    .sort((a, b) => {
      const [x, y] = [rank(a), rank(b)];
      return x[0]! - y[0]! || x[1]! - y[1]! || x[2]! - y[2]!;
    })
    .slice(0, MAX_PER_COMPANY);
  return [...merged.filter((c) => !mine(c)), ...kept].filter(
    (c) => c.usedByProvider || at.now - c.seenAt < FORGET_AFTER_MS,
  );
}

/** By expiry, soonest first; no date last. */
const urgency = (c: WatchedCertificate) => (c.validTo ? Date.parse(c.validTo) || 9e15 : 9e15);

function mergeSeen(
  watched: readonly WatchedCertificate[],
  at: { environment: WatchedCertificate['environment']; contextNip: string; now: number },
  seen: readonly ApCertificate[],
): WatchedCertificate[] {
  const out = new Map(watched.map((c) => [keyOf(c), c]));
  for (const s of seen) {
    const key = keyOf({ ...at, serial: s.serial });
    const before = out.get(key);
    out.set(key, {
      environment: at.environment,
      contextNip: at.contextNip,
      serial: s.serial,
      name: s.name,
      validTo: s.validTo,
      status: s.status,
      seenInAp: true,
      usedByProvider: before?.usedByProvider ?? false,
      seenAt: at.now,
    });
  }
  return [...out.values()];
}

/**
 * What the provider's status says it uses for one company. In `own-certificates` mode its certificates are
 * marked (added when the AP's list has not shown them yet); in any other mode none of this company's is.
 */
export function mergeProviderUse(
  watched: readonly WatchedCertificate[],
  at: { environment: WatchedCertificate['environment']; contextNip: string; now: number },
  mode: string,
  used: readonly ProviderCertificate[],
): WatchedCertificate[] {
  const serials = new Set(mode === 'own-certificates' ? used.map((u) => u.serial) : []);
  const out = new Map(
    watched.map((c) => [
      keyOf(c),
      c.environment === at.environment && c.contextNip === at.contextNip
        ? { ...c, usedByProvider: serials.has(c.serial) }
        : c,
    ]),
  );
  for (const u of mode === 'own-certificates' ? used : []) {
    const key = keyOf({ ...at, serial: u.serial });
    if (out.has(key)) continue;
    out.set(key, {
      environment: at.environment,
      contextNip: at.contextNip,
      serial: u.serial,
      name: u.name ?? u.serial,
      validTo: u.validTo ?? null,
      status: null,
      seenInAp: false,
      usedByProvider: true,
      seenAt: at.now,
    });
  }
  return [...out.values()];
}

export interface Warning {
  certificate: WatchedCertificate;
  alert: Alert;
  days: number | null;
}

/** The warnings due now, and which of them have not been given yet (`told`: alerts given, by certificate). */
export function warningsDue(
  watched: readonly WatchedCertificate[],
  told: Readonly<Record<string, readonly string[]>>,
  now: number,
): { all: Warning[]; fresh: Warning[] } {
  const all = watched.flatMap((c): Warning[] => {
    const alert = alertFor(c, now);
    return alert ? [{ certificate: c, alert, days: daysLeft(c, now) }] : [];
  });
  return { all, fresh: all.filter((w) => !(told[keyOf(w.certificate)] ?? []).includes(w.alert)) };
}

export const certificateKey = keyOf;

/** A warning in the user's words (`t`: the extension's i18n), with the step that keeps the integration working. */
/** A serial number as a notification shows it: its first and last four hex digits. */
export function maskSerial(serial: string): string {
  if (!/^[0-9A-Fa-f]{1,64}$/.test(serial)) return '?';
  return serial.length > 8 ? `${serial.slice(0, 4)}…${serial.slice(-4)}` : serial;
}

export function warningText(w: Warning, provider: string, i18n: I18n): { title: string; message: string } {
  const { t } = i18n;
  const c = w.certificate;
  const title = w.alert.startsWith('expires-')
    ? plural(i18n, 'certTitle_expires', Math.max(0, w.days ?? 0))
    : t(`certTitle_${w.alert}`);
  // Fixed text only: a notification speaks with the extension's name, so nothing the page supplied (the
  // certificate's own name) goes into it; the serial is masked, the date only if it is one.
  const date = /^\d{4}-\d{2}-\d{2}/.test(c.validTo ?? '') ? c.validTo!.slice(0, 10) : '?';
  const body = t('certBody', [maskSerial(c.serial), date]);
  const step = c.usedByProvider && provider ? t('certStep_provider', [provider]) : t('certStep_own');
  return { title, message: `${body} ${step}` };
}
