/**
 * Wait until `read()` gives a value `done` accepts, reading it again every `every` ms; the value it gave. After
 * `timeout` ms it fails, saying what it waited for and what it read last. For state outside a page (files, the
 * extension's storage, the background): a page's own state is waited for with `page.waitForFunction`.
 */
export async function waitUntil<T>(
  what: string,
  read: () => Promise<T> | T,
  done: (value: T) => boolean = Boolean,
  { timeout = 10_000, every = 100 } = {},
): Promise<T> {
  const until = Date.now() + timeout;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() >= until)
      throw new Error(`Waited ${timeout} ms for ${what}; last read: ${JSON.stringify(value) ?? String(value)}`);
    await new Promise((r) => setTimeout(r, every));
  }
}
