import type { ExtensionSession } from '../browser';

/** The options page, as a user fills it in. Specs use this and never its test ids. */
export const OptionsPage = {
  /** Choose a known provider and the state of its integration by hand ("Dostawca usług"), and save it. */
  async setProfile(session: ExtensionSession, provider: string, state: 'active' | 'disconnected') {
    const options = await session.openExtensionPage('options.html');
    await options.waitForSelector('#profile-known');
    await options.select('#profile-known', provider);
    await options.waitForSelector('#profile-state');
    await options.select('#profile-state', state);
    await options.click('[data-testid="profile-save"]');
    await options.waitForFunction(
      () => document.querySelector('[data-testid="profile-status"]')?.textContent === 'Zapisano dostawcę.',
    );
    await options.close();
  },
};
