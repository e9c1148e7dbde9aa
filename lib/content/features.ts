import type { ApLocation } from '@/lib/ap/pages';
import type { PageWatch } from './page-watch';

/**
 * What the extension adds to the AP, as features in the manner of refined-github's feature manager: each says
 * where it applies and what it does on a page (`init`); the page's signal ends what it started when the AP
 * navigates (a single-page app) or the visit ends. One feature's error does not stop the others.
 */
export interface FeatureContext {
  location: ApLocation;
  doc: Document;
  /** The visit's one observer of the page. */
  watch: PageWatch;
  /** Aborted when the page changes or the visit ends. */
  signal: AbortSignal;
}

export interface Feature {
  id: string;
  appliesTo: (location: ApLocation) => boolean;
  init: (ctx: FeatureContext) => void | Promise<void>;
}

export function createFeatureManager(
  features: readonly Feature[],
  visit: { doc: Document; watch: PageWatch; signal: AbortSignal },
  onError: (id: string, error: unknown) => void = () => undefined,
) {
  let page: AbortController | null = null;
  return {
    /** Run every feature that applies to this page (again after each navigation); the previous page's end. */
    run(location: ApLocation): void {
      page?.abort();
      page = new AbortController();
      const ctx: FeatureContext = { ...visit, location, signal: AbortSignal.any([visit.signal, page.signal]) };
      for (const feature of features) {
        if (!feature.appliesTo(location)) continue;
        try {
          void Promise.resolve(feature.init(ctx)).catch((e: unknown) => onError(feature.id, e));
        } catch (e) {
          onError(feature.id, e);
        }
      }
    },
  };
}
