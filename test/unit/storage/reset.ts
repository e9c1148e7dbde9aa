import { fakeBrowser } from 'wxt/testing/fake-browser';
import { forgetMoves } from '@/lib/storage/config';
import { openHistory } from '@/lib/storage/history';

/** Start a case with nothing kept: the browser's storage and the extension's configuration store. */
export async function resetExtensionStorage(): Promise<void> {
  fakeBrowser.reset();
  forgetMoves();
  await (await openHistory()).clear('config');
}
