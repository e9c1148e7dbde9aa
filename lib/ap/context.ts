import { nipChecksumOk } from '../ksef/identifiers';

/**
 * Where the AP shows the company it is logged into. Nothing public shows this part of the real AP (docs/ap.md,
 * 2026-11-30); its login asks for the context as "Identyfikator" / "NIP firmy", so a header or context line that
 * names it is expected with one of these labels, the NIP written whole or with dashes. Only the page's header and
 * elements that say they hold the context are read, never the lists, which are full of other companies' NIPs.
 * Data, not logic: one edit here follows a renamed label.
 */
export const AP_CONTEXT_PLACES =
  'header,[role="banner"],[data-context],[aria-label*="kontekst" i],[aria-label*="context" i]';
export const AP_CONTEXT_LABELS =
  /(?:kontekst|context|nip firmy|identyfikator|nip)\W{0,3}(?:nip\W{0,3})?(\d{3}-\d{3}-\d{2}-\d{2}|\d{3}-\d{2}-\d{2}-\d{3}|\d{10})(?![\d-])/gi;

/** The valid NIPs the AP's header names as its context (at most two: more than one is already a conflict). */
export function headerCompanies(doc: ParentNode): string[] {
  const found = new Set<string>();
  for (const el of doc.querySelectorAll(AP_CONTEXT_PLACES)) {
    for (const m of (el.textContent ?? '').slice(0, 2000).matchAll(AP_CONTEXT_LABELS)) {
      const nip = m[1]!.replace(/\D/g, '');
      if (nip.length === 10 && nipChecksumOk(nip)) found.add(nip);
    }
    if (found.size > 1) break;
  }
  return [...found].slice(0, 2);
}
