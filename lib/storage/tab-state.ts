import { apTabState, type ApTabState } from '../messaging/protocol';
import { perTabRecords } from './per-tab';

/** What each AP tab reported about its visit (session storage, one record per tab). */
const tabStates = perTabRecords('session:apTabs', apTabState);

export const putTabState = (tabId: number, state: ApTabState): Promise<void> => tabStates.put(tabId, state);
/** Change a tab's record from what is stored at that moment, not from an older read; the record as it is now. */
export const updateTabState = (
  tabId: number,
  change: (before: ApTabState | null) => ApTabState | null,
): Promise<ApTabState | null> => tabStates.update(tabId, change);
export const getTabState = (tabId: number): Promise<ApTabState | null> => tabStates.get(tabId);
export const dropTabState = (tabId: number): Promise<void> => tabStates.put(tabId, null);
/** Every AP tab's report, by tab id. */
export const allTabStates = (): Promise<Record<string, ApTabState>> => tabStates.all();
