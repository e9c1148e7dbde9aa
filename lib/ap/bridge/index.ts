/**
 * Constants shared by the MAIN-world observer and the isolated content script. Zod-free and tiny on purpose:
 * everything imported here ends up in the observer bundle (docs/architecture.md §9, pitfall 1).
 */
export const BRIDGE_TAG = 'ksef-companion/observer';
export const BRIDGE_VERSION = 3;
/** Set on `window` by the first observer copy; a second copy sees it and does nothing. */
export const OBSERVER_INSTALLED = '__ksefCompanionObserver';
/** Largest response body the observer reads (characters); a bigger one is reported as skipped. */
export const MAX_BODY_CHARS = 8_000_000;

/**
 * Hosts whose responses the observer reads: the AP's own origin and the Ministry's hosts (KSeF's API and
 * whatever backend the AP may use). Responses from anywhere else (fonts, analytics, maps) are never read.
 */
export const READ_HOST_SUFFIX = '.mf.gov.pl';

/**
 * Words of the KSeF vocabulary that mark a JSON text as holding KSeF records (docs/architecture.md §2), as keys:
 * a field of a record, or (for an empty list, which has no record to recognise) a list field of the official
 * query responses beside a paging field.
 */
export const RECORD_KEY = /"(?:permissionScope|authorizationScope|requestedPermissions|certificateSerialNumber)"\s*:/;
export const PAGING_KEY = /"(?:hasMore|continuationToken)"\s*:/;
export const LIST_KEY = /"(?:permissions|authorizationGrants|tokens|certificates|roles)"\s*:/;

/** Tag of requests the isolated world sends to the observer (replay a query with another page). */
export const BRIDGE_REQUEST_TAG = 'ksef-companion/replay';

export type BridgeKind = 'response' | 'skipped' | 'replay-failed';

/**
 * The content script's first word to the observer once it listens: the observer then posts what it kept
 * since `document_start` (at most `MAX_KEPT` messages) and posts directly from then on. A page script can
 * send it too; the worst it does is have the kept messages posted before we listen (the rows and "check
 * all" still work).
 */
export interface HelloRequest {
  tag: typeof BRIDGE_REQUEST_TAG;
  v: typeof BRIDGE_VERSION;
  hello: true;
}

/**
 * Calls the content script may ask the observer to make in the page's own KSeF session: removing what the user
 * confirmed (a grant, an entity authorisation, a token) and following the operation that started. Each is one
 * KSeF API path and nothing else; only where the page talks to KSeF's API itself (`direct`).
 */
export const PAGE_CALL =
  /^(?:DELETE \/(?:permissions\/(?:common|authorizations)\/grants|tokens)|GET \/permissions\/operations)\/[A-Za-z0-9-]{1,64}$/;

export interface CallRequest {
  tag: typeof BRIDGE_REQUEST_TAG;
  v: typeof BRIDGE_VERSION;
  id: string;
  /** `DELETE /permissions/common/grants/{id}` and the like; checked against `PAGE_CALL`. */
  call: string;
}

/** Messages the observer keeps until the content script says hello; later ones are dropped and counted. */
export const MAX_KEPT = 200;

export interface ReplayRequest {
  tag: typeof BRIDGE_REQUEST_TAG;
  v: typeof BRIDGE_VERSION;
  id: string;
  /** Path of a request the page made before; its last request is sent again. */
  path: string;
  /** Query parameters to set on it (the paging the content script learned from the page's own requests). */
  query?: Record<string, string>;
  /** Top-level fields to set in its JSON body (for a list that pages through the body). */
  body?: Record<string, number>;
  continuation?: string | null;
}

export interface BridgeMessage {
  tag: typeof BRIDGE_TAG;
  v: typeof BRIDGE_VERSION;
  kind: BridgeKind;
  method: string;
  url: string;
  status: number;
  /**
   * The response's JSON text for `response` (a string crosses the worlds far faster than the object it
   * parses to); absent for `skipped`. The isolated world parses and validates it.
   */
  text?: string;
  /** Why a response was not read, for `skipped` (e.g. `too-large`), or why a replay failed. */
  reason?: string;
  /** Set on the answer to a replay request. */
  replayId?: string;
  /** For `skipped` with reason `dropped`: how many messages the observer could not keep. */
  count?: number;
  /** Seconds the server asked to wait (429), for `replay-failed`. */
  retryAfter?: number;
  /** The context NIP read from the page's own access token claim (never the token itself). */
  context?: string;
  /** The body of the page's request (a list's filter and, on some backends, its paging); never headers. */
  request?: string;
}

/** Match patterns for the manifest and the tabs we look for: the three AP hosts under `/web/`, nothing else. */
export { AP_MATCHES } from '../../ksef/hosts';
