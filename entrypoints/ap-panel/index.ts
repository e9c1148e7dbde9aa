import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { registerPanelUi } from '@/components/panel-ui';

/** The panel's UI, injected into the AP tab's isolated world when the content script asks for it. */
export default defineUnlistedScript(() => registerPanelUi(window));
