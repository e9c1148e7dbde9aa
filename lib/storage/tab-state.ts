import { apTabState, type ApTabState } from '../messaging/protocol';
import { perTabRecords } from './per-tab';

/** What each AP tab reported about its visit (session storage, one record per tab). */
const tabStates = perTabRecords('session:apTabs', apTabState);

export const putTabState = (tabId: number, state: ApTabState): Promise<void> => tabStates.put(tabId, state);
export const getTabState = (tabId: number): Promise<ApTabState | null> => tabStates.get(tabId);
export const dropTabState = (tabId: number): Promise<void> => tabStates.put(tabId, null);
/** Every AP tab's report, by tab id. */
export const allTabStates = (): Promise<Record<string, ApTabState>> => tabStates.all();
