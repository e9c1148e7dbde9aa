import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { panelView } from '@/components/PanelView';
import { createPanelBundle, registerPanelBundle } from '@/lib/content/panel-bundle';

/** The panel's bundle, injected into the AP tab's isolated world when the content script asks for it. */
export default defineUnlistedScript(() => registerPanelBundle(window, createPanelBundle(panelView())));
