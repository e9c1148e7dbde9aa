/**
 * Rate limits (docs/ksef.md §7.3): sliding windows of 1 s, 60 s and 60 min, counted per (context, client IP,
 * endpoint); the unauthenticated auth endpoints per client IP, 60/s. A refused request is not counted.
 */
export interface Limit {
  perSecond: number;
  perMinute: number;
  perHour: number;
}

export class RateLimiter {
  private hits = new Map<string, number[]>();

  /** Seconds to wait, or 0 when the request may pass (and is then counted). */
  take(key: string, limit: Limit, now: number): { retryAfter: number; window: string } | null {
    const list = (this.hits.get(key) ?? []).filter((t) => t > now - 3_600_000);
    const windows: [number, number, string][] = [
      [1_000, limit.perSecond, `${limit.perSecond} żądań na sekundę`],
      [60_000, limit.perMinute, `${limit.perMinute} żądań na minutę`],
      [3_600_000, limit.perHour, `${limit.perHour} żądań na godzinę`],
    ];
    for (const [span, max, label] of windows) {
      const inWindow = list.filter((t) => t > now - span);
      if (inWindow.length >= max) {
        const oldest = inWindow[inWindow.length - max]!;
        this.hits.set(key, list);
        return { retryAfter: Math.max(1, Math.ceil((oldest + span - now) / 1000)), window: label };
      }
    }
    list.push(now);
    this.hits.set(key, list);
    return null;
  }

  reset(): void {
    this.hits.clear();
  }
}
