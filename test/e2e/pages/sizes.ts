import type { Page } from 'puppeteer-core';

/** The window sizes every state is photographed at: a common laptop and the smallest window the UI is made for. */
export const SHOT_SIZES = [
  { width: 1280, height: 800 },
  { width: 1024, height: 768 },
] as const;

/** Photograph `page` at each size as `<base>-<width>.png`, and leave it at the first. */
export async function shootAtSizes(page: Page, base: string, fullPage = false): Promise<void> {
  for (const size of SHOT_SIZES) {
    await page.setViewport(size);
    await page.screenshot({ path: `${base}-${size.width}.png`, fullPage });
  }
  await page.setViewport(SHOT_SIZES[0]);
}
