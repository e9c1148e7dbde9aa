import { defineConfig } from 'wxt';

/**
 * Build modes: `production` is the store build (AP hosts only, provider origin asked for at run time);
 * `e2e` (tests and the demo) also grants loopback, where the provider reference server listens.
 */
const AP_HOSTS = [
  'https://ap.ksef.mf.gov.pl/*',
  'https://ap-demo.ksef.mf.gov.pl/*',
  'https://ap-test.ksef.mf.gov.pl/*',
];
const LOOPBACK = ['http://127.0.0.1/*', 'http://localhost/*'];
export const GECKO_ID = 'ksef-companion@ksef-companion.pl';

export default defineConfig({
  imports: false,
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
              strict_min_version: '128.0',
              data_collection_permissions: { required: ['none'] },
            },
          },
        }
      : {}),
  }),
});
