/**
 * What went wrong with the provider, as the user reads it. The provider's own `message` is Polish text for
 * its logs; we show our text for each stable code (docs/provider-api.md, "Errors"), never the raw answer.
 */
export const PROVIDER_ERROR_CODES = [
  'unauthorized',
  'forbidden',
  'not-found',
  'invalid-request',
  'idempotency-key-required',
  'conflict',
  'signed-request-invalid',
  'signed-request-mismatch',
  'too-large',
  'rate-limited',
  'unavailable',
  'internal',
  'ksef-session-expired',
  'ksef-rejected',
  'ksef-unavailable',
  // Ours: the call never got a usable answer.
  'timeout',
  'network',
  'bad-response',
  'not-configured',
  'company-unclear',
  'company-not-confirmed',
  'insecure-address',
  'origin-not-granted',
  'answer-too-large',
] as const;
export type ProviderErrorCode = (typeof PROVIDER_ERROR_CODES)[number];

export const PROVIDER_ERROR_TEXT: Readonly<Record<ProviderErrorCode, { pl: string; en: string }>> = {
  unauthorized: {
    pl: 'Dostawca nie przyjął klucza API. Wklej nowy klucz w ustawieniach rozszerzenia.',
    en: 'The provider did not accept the API key. Paste a new key in the extension settings.',
  },
  forbidden: {
    pl: 'Dostawca nie pozwala temu kontu na tę operację.',
    en: 'The provider does not allow this account to do that.',
  },
  'not-found': {
    pl: 'Dostawca nie zna tej firmy ani tej operacji.',
    en: 'The provider does not know this company or operation.',
  },
  'invalid-request': {
    pl: 'Dostawca odrzucił żądanie jako nieprawidłowe.',
    en: 'The provider rejected the request as invalid.',
  },
  'idempotency-key-required': {
    pl: 'Dostawca wymaga klucza powtórzeń (Idempotency-Key).',
    en: 'The provider requires an Idempotency-Key.',
  },
  conflict: {
    pl: 'Dostawca jest w trakcie innej operacji dla tej firmy. Spróbuj za chwilę.',
    en: 'The provider is busy with another operation for this company. Try again shortly.',
  },
  'signed-request-invalid': {
    pl: 'Podpisany plik nie jest poprawnym, podpisanym żądaniem AuthTokenRequest.',
    en: 'The signed file is not a valid, signed AuthTokenRequest.',
  },
  'signed-request-mismatch': {
    pl: 'Podpisany plik dotyczy innego wyzwania lub innej firmy niż to uwierzytelnienie.',
    en: 'The signed file is for another challenge or company than this authorization.',
  },
  'too-large': { pl: 'Plik jest za duży (najwyżej 256 KiB).', en: 'The file is too large (256 KiB at most).' },
  'rate-limited': {
    pl: 'Dostawca prosi o wolniejsze zapytania; ponawiam po wskazanym czasie.',
    en: 'The provider asks us to slow down; retrying after the time it gave.',
  },
  unavailable: {
    pl: 'Usługa dostawcy jest chwilowo niedostępna.',
    en: "The provider's service is temporarily unavailable.",
  },
  internal: { pl: 'Błąd po stronie dostawcy.', en: "An error on the provider's side." },
  'ksef-session-expired': {
    pl: 'Sesja dostawcy w KSeF w Twoim imieniu wygasła; dostawca nie może już odebrać uprawnień.',
    en: "The provider's KSeF session in your name has expired; it can no longer revoke the grants.",
  },
  'ksef-rejected': { pl: 'KSeF odrzucił operację dostawcy.', en: "KSeF rejected the provider's operation." },
  'ksef-unavailable': { pl: 'KSeF był niedostępny dla dostawcy.', en: 'KSeF was unavailable to the provider.' },
  timeout: {
    pl: 'Dostawca nie odpowiedział w wyznaczonym czasie.',
    en: 'The provider did not answer in time.',
  },
  network: {
    pl: 'Brak połączenia z usługą dostawcy.',
    en: "No connection to the provider's service.",
  },
  'bad-response': {
    pl: 'Odpowiedź dostawcy nie zgadza się z umową API; nic nie zostało zmienione.',
    en: "The provider's answer does not match the API contract; nothing was changed.",
  },
  'not-configured': {
    pl: 'Najpierw połącz konto dostawcy w ustawieniach rozszerzenia (adres API i klucz).',
    en: 'First link the provider account in the extension settings (API address and key).',
  },
  'insecure-address': {
    pl: 'Adres API dostawcy musi zaczynać się od https:// (bez loginu i hasła w adresie). Klucza nie wysłano.',
    en: 'The provider API address must start with https:// (with no user name or password in it). The key was not sent.',
  },
  'origin-not-granted': {
    pl: 'Przeglądarka nie pozwala rozszerzeniu łączyć się z adresem dostawcy. Zapisz adres ponownie w ustawieniach i zezwól na dostęp. Klucza nie wysłano.',
    en: 'The browser does not let the extension connect to the provider’s address. Save the address again in the settings and allow access. The key was not sent.',
  },
  'answer-too-large': {
    pl: 'Odpowiedź dostawcy jest za duża (ponad 1 MB), więc jej nie odczytano. Zgłoś to dostawcy.',
    en: 'The provider’s answer is too large (over 1 MB), so it was not read. Report this to the provider.',
  },
  'company-not-confirmed': {
    pl: 'Dostawcy nie zapytano o tę firmę: połączone konto jej nie wymienia i nie potwierdzono jej jeszcze dla tego konta.',
    en: 'The provider was not asked about this company: the linked account does not list it and it has not been confirmed for this account yet.',
  },
  'company-unclear': {
    pl: 'Karta AP nie wskazuje jednoznacznie tej firmy, więc nic nie zrobiłem. Zaloguj się w AP ponownie w kontekście właściwej firmy.',
    en: 'The AP tab does not clearly name this company, so nothing was done. Log in to the AP again in the right company’s context.',
  },
};

export function isProviderErrorCode(code: string): code is ProviderErrorCode {
  return (PROVIDER_ERROR_CODES as readonly string[]).includes(code);
}

export class ProviderError extends Error {
  constructor(
    readonly code: ProviderErrorCode,
    readonly status: number | null = null,
    readonly retryable = false,
  ) {
    super(PROVIDER_ERROR_TEXT[code].en);
    this.name = 'ProviderError';
  }
}
