import type { Localised } from './vocabulary';

/** The XSD rules an AuthTokenRequest can break, with what to tell the user in Polish and English. */
export type AuthXmlRule =
  | 'size'
  | 'encoding'
  | 'doctype'
  | 'well-formed'
  | 'root'
  | 'namespace'
  | 'sequence'
  | 'unexpected-element'
  | 'unexpected-text'
  | 'Challenge.length'
  | 'Challenge.pattern'
  | 'ContextIdentifier.choice'
  | 'Nip.pattern'
  | 'InternalId.pattern'
  | 'NipVatUe.pattern'
  | 'PeppolId.pattern'
  | 'SubjectIdentifierType.enumeration'
  | 'AllowedIps.required'
  | 'AllowedIps.maxOccurs'
  | 'Ip4Address.pattern'
  | 'Ip4Range.pattern'
  | 'Ip4Mask.pattern'
  | 'Signature.position';

export const AUTH_XML_RULE_TEXT: Readonly<Record<AuthXmlRule, Localised>> = {
  size: { pl: 'Plik jest za duży.', en: 'The file is too large.' },
  encoding: { pl: 'Plik nie jest tekstem UTF-8.', en: 'The file is not UTF-8 text.' },
  doctype: { pl: 'Plik zawiera deklarację DOCTYPE.', en: 'The file contains a DOCTYPE declaration.' },
  'well-formed': { pl: 'To nie jest poprawny XML.', en: 'This is not well-formed XML.' },
  root: { pl: 'Głównym elementem musi być AuthTokenRequest.', en: 'The root element must be AuthTokenRequest.' },
  namespace: { pl: 'Nieznana przestrzeń nazw AuthTokenRequest.', en: 'Unknown AuthTokenRequest namespace.' },
  sequence: { pl: 'Elementy są w złej kolejności lub brakuje któregoś.', en: 'Elements are missing or out of order.' },
  'unexpected-element': { pl: 'Plik zawiera nieoczekiwany element.', en: 'The file contains an unexpected element.' },
  'unexpected-text': { pl: 'Plik zawiera tekst poza elementami.', en: 'The file contains text outside elements.' },
  'Challenge.length': { pl: 'Challenge musi mieć 36 znaków.', en: 'Challenge must be 36 characters long.' },
  'Challenge.pattern': { pl: 'Challenge ma zły format.', en: 'Challenge has the wrong format.' },
  'ContextIdentifier.choice': {
    pl: 'ContextIdentifier musi zawierać dokładnie jeden identyfikator.',
    en: 'ContextIdentifier must hold exactly one identifier.',
  },
  'Nip.pattern': { pl: 'NIP kontekstu ma zły format.', en: 'The context NIP has the wrong format.' },
  'InternalId.pattern': { pl: 'Identyfikator wewnętrzny ma zły format.', en: 'The InternalId has the wrong format.' },
  'NipVatUe.pattern': { pl: 'Identyfikator NIP-VAT UE ma zły format.', en: 'The NIP-VAT EU identifier is malformed.' },
  'PeppolId.pattern': { pl: 'Identyfikator Peppol ma zły format.', en: 'The Peppol identifier is malformed.' },
  'SubjectIdentifierType.enumeration': {
    pl: 'SubjectIdentifierType musi być certificateSubject albo certificateFingerprint.',
    en: 'SubjectIdentifierType must be certificateSubject or certificateFingerprint.',
  },
  'AllowedIps.required': {
    pl: 'AuthorizationPolicy musi zawierać AllowedIps.',
    en: 'AuthorizationPolicy must contain AllowedIps.',
  },
  'AllowedIps.maxOccurs': { pl: 'Za dużo adresów IP (najwyżej 10).', en: 'Too many IP entries (at most 10).' },
  'Ip4Address.pattern': { pl: 'Adres IPv4 ma zły format.', en: 'An IPv4 address is malformed.' },
  'Ip4Range.pattern': { pl: 'Zakres IPv4 ma zły format.', en: 'An IPv4 range is malformed.' },
  'Ip4Mask.pattern': { pl: 'Maska IPv4 ma zły format.', en: 'An IPv4 mask is malformed.' },
  'Signature.position': {
    pl: 'Podpis (ds:Signature) może być tylko na końcu dokumentu.',
    en: 'The signature (ds:Signature) may only come last.',
  },
};
