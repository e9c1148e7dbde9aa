/**
 * Where KSeF 2.0 lives (docs/ksef.md §1), each host written once. Constants without imports, so that the observer
 * in the page takes the AP's pages from here too (everything it imports lands in its bundle, which is kept tiny).
 */

/** The AP's pages in each environment as match patterns, in this order: PRD, DEMO, TEST. */
export const AP_MATCHES = [
  'https://ap.ksef.mf.gov.pl/web/*',
  'https://ap-demo.ksef.mf.gov.pl/web/*',
  'https://ap-test.ksef.mf.gov.pl/web/*',
];

export const API_HOSTS = {
  TEST: 'api-test.ksef.mf.gov.pl',
  DEMO: 'api-demo.ksef.mf.gov.pl',
  PRD: 'api.ksef.mf.gov.pl',
} as const;

export const QR_HOSTS = {
  TEST: 'qr-test.ksef.mf.gov.pl',
  DEMO: 'qr-demo.ksef.mf.gov.pl',
  PRD: 'qr.ksef.mf.gov.pl',
} as const;

/** A NIP as KSeF writes it: ten digits (`checkNip` in identifiers.ts also checks its checksum). */
export const NIP_DIGITS = /^\d{10}$/;
