import { defineConfig } from 'wxt';
import { AP_MATCHES } from './lib/ksef/hosts';

/**
 * Build modes: `production` is the store build (AP hosts only, provider origin asked for at run time);
 * `e2e` (tests and the demo) also grants loopback, where the provider reference server listens.
 */
const AP_HOSTS = AP_MATCHES.map((pattern) => pattern.replace(/\/web\/\*$/, '/*'));
const LOOPBACK = ['http://127.0.0.1/*', 'http://localhost/*'];
export const GECKO_ID = 'ksef-companion@ksef-companion.pl';

/** Store listing material (`public/store/`: descriptions and screenshots) is not part of the extension. */
const STORE_DIR = 'store/';

export default defineConfig({
  imports: false,
  // `wxt/browser` is Mozilla's webextension-polyfill: one promise-based `browser` in Chromium and Firefox alike.
  modules: ['@wxt-dev/webextension-polyfill'],
  hooks: {
    'build:publicAssets': (_wxt, files) => {
      const kept = files.filter((f) => !f.relativeDest.startsWith(STORE_DIR));
      files.splice(0, files.length, ...kept);
    },
  },
  manifest: ({ browser, mode }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'pl',
    permissions: ['alarms', 'notifications', 'scripting', 'storage'],
    host_permissions: mode === 'e2e' ? [...AP_HOSTS, ...LOOPBACK] : AP_HOSTS,
    optional_host_permissions: ['https://*/*'],
    action: { default_title: '__MSG_extName__' },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: GECKO_ID,
              // 140: the first release that reads `data_collection_permissions` (AMO requires the key).
              strict_min_version: '140.0',
              data_collection_permissions: { required: ['none'] },
            },
            gecko_android: { strict_min_version: '142.0' },
          },
        }
      : {}),
  }),
});
