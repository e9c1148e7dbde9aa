import type { Localised } from '../ksef/vocabulary';
import {
  AUTH_XML_MAX_BYTES,
  AUTH_XML_RULE_TEXT,
  readAuthTokenRequest,
  type AuthTokenRequestInfo,
} from '../ksef/auth-token-request';

/**
 * The user signs, with their own means, the AuthTokenRequest the provider prepared. Before the signed file goes
 * anywhere it must be the same request (challenge, context, who logs in), well-formed by the official XSDs,
 * signed, and small; each refusal says why in Polish and English, and nothing is sent.
 */
export type SignedCheck =
  | { ok: true; request: AuthTokenRequestInfo }
  | { ok: false; reason: 'xsd' | 'unsigned' | 'challenge' | 'context' | 'subject' | 'size'; text: Localised };

const TEXT: Record<Exclude<Extract<SignedCheck, { ok: false }>['reason'], 'xsd'>, Localised> = {
  size: {
    pl: `Plik jest za duży (najwyżej ${AUTH_XML_MAX_BYTES / 1024} KiB).`,
    en: `The file is too large (${AUTH_XML_MAX_BYTES / 1024} KiB at most).`,
  },
  unsigned: {
    pl: 'Plik nie jest podpisany. Podpisz go podpisem kwalifikowanym, pieczęcią lub Profilem Zaufanym i wybierz podpisany plik.',
    en: 'The file is not signed. Sign it with a qualified signature, a seal or Profil Zaufany and choose the signed file.',
  },
  challenge: {
    pl: 'To podpis innego żądania (inne wyzwanie KSeF). Podpisz plik pobrany w tym kroku.',
    en: 'This signs another request (a different KSeF challenge). Sign the file downloaded in this step.',
  },
  context: {
    pl: 'Podpisany plik dotyczy innej firmy (inny kontekst) niż to połączenie.',
    en: 'The signed file is for another company (context) than this connection.',
  },
  subject: {
    pl: 'W podpisanym pliku zmieniono sposób identyfikacji podpisującego.',
    en: 'The signed file changes how the signer is identified.',
  },
};

export function checkSignedRequest(expected: AuthTokenRequestInfo, signed: string): SignedCheck {
  if (new TextEncoder().encode(signed).length > AUTH_XML_MAX_BYTES)
    return { ok: false, reason: 'size', text: TEXT.size };
  const read = readAuthTokenRequest(signed);
  if (!read.ok) return { ok: false, reason: 'xsd', text: AUTH_XML_RULE_TEXT[read.rule] };
  const r = read.request;
  if (r.challenge !== expected.challenge) return { ok: false, reason: 'challenge', text: TEXT.challenge };
  if (
    r.contextIdentifier.type !== expected.contextIdentifier.type ||
    r.contextIdentifier.value !== expected.contextIdentifier.value
  )
    return { ok: false, reason: 'context', text: TEXT.context };
  if (r.subjectIdentifierType !== expected.subjectIdentifierType)
    return { ok: false, reason: 'subject', text: TEXT.subject };
  if (!r.signed) return { ok: false, reason: 'unsigned', text: TEXT.unsigned };
  return { ok: true, request: r };
}
