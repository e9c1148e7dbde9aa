/**
 * The provider API's address as the user types it on the options page. The store build accepts HTTPS only;
 * test and demo builds also accept plain HTTP on loopback, where the provider reference server runs.
 */
export type ProviderUrlCheck =
  | { ok: true; url: string; origin: string; pattern: string }
  | { ok: false; reason: 'empty' | 'invalid' | 'not_https' | 'credentials' };

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

export function checkProviderUrl(input: string, opts: { allowLoopbackHttp: boolean }): ProviderUrlCheck {
  const text = input.trim();
  if (text === '') return { ok: false, reason: 'empty' };
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, reason: 'invalid' };
  }
  if (url.username || url.password) return { ok: false, reason: 'credentials' };
  const loopbackHttp = url.protocol === 'http:' && LOOPBACK.has(url.hostname) && opts.allowLoopbackHttp;
  if (url.protocol !== 'https:' && !loopbackHttp) return { ok: false, reason: 'not_https' };
  url.hash = '';
  url.search = '';
  const href = url.href.replace(/\/+$/, '');
  // Match patterns ignore ports, so the permission covers the host on any port.
  return { ok: true, url: href, origin: url.origin, pattern: `${url.protocol}//${url.hostname}/*` };
}
