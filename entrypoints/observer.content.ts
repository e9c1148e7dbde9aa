import { defineContentScript } from 'wxt/utils/define-content-script';
import { AP_MATCHES } from '@/lib/ap/bridge';
import { installObserver } from '@/lib/ap/bridge/observer';

export default defineContentScript({
  matches: AP_MATCHES,
  world: 'MAIN',
  runAt: 'document_start',
  main() {
    installObserver(window);
  },
});
