import type { ApPageKind } from './pages';
import type { SelectorName } from './selectors';

/**
 * Guided steps on the AP (support staff walk a customer through them on the phone): which of the AP's own
 * controls each step points at, and when it is done. Data only; `components/tour.ts` runs them. A step whose
 * control the selectors no longer find says so instead of pointing at nothing.
 */
export type TourStep =
  /** Open an AP page through its menu entry; done once that page is shown. */
  | { id: string; kind: 'open'; target: SelectorName; page: ApPageKind }
  /** Each row the audit marks as a leftover, its own revoke control in turn; done when none is on the list. */
  | { id: string; kind: 'rows'; target: SelectorName }
  /** Press one control; done when the user has pressed it. */
  | { id: string; kind: 'press'; target: SelectorName };

export const TOURS = {
  'remove-leftovers': [
    { id: 'openPermissions', kind: 'open', target: 'menuManagePermissions', page: 'permissions' },
    { id: 'removeRows', kind: 'rows', target: 'rowRevokeButton' },
    { id: 'checkAgain', kind: 'press', target: 'refreshButton' },
  ],
  'renew-certificate': [
    { id: 'openCertificates', kind: 'open', target: 'menuCertificateList', page: 'certificates' },
    { id: 'requestCertificate', kind: 'press', target: 'menuCertificateRequest' },
  ],
} as const satisfies Record<string, readonly TourStep[]>;

export type TourName = keyof typeof TOURS;
/** Written out (not `Object.keys(TOURS)`) so that the messages' schema does not bring the steps along. */
export const TOUR_NAMES = ['remove-leftovers', 'renew-certificate'] as const satisfies readonly TourName[];
