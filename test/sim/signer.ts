import { X509Certificate } from 'node:crypto';
import { SignedXml } from 'xml-crypto';
import { selfSigned } from './tls';

/**
 * Stands in for a qualified seal or signature, as KSeF TEST accepts self-signed certificates: makes a
 * certificate whose subject carries the identity the way real ones do (`organizationIdentifier=VATPL-<NIP>` for
 * a seal, `serialNumber=PNOPL-<PESEL>` for a person) and signs an AuthTokenRequest with an enveloped XML
 * signature (xml-crypto), the certificate in KeyInfo. `subjectAttr` replaces that attribute, e.g.
 * `serialNumber=TINPL-<NIP>` as the official client's E2E tests write it (docs/ksef-api.md §11).
 */
export type SignerIdentity =
  { type: 'Nip'; value: string; name: string } | { type: 'Pesel'; value: string; name: string };

export interface Signer {
  identity: SignerIdentity;
  keyPem: string;
  certPem: string;
  fingerprint: string;
}

const cache = new Map<string, Signer>();

export function signerFor(identity: SignerIdentity, subjectAttr?: string): Signer {
  const attr =
    subjectAttr ??
    (identity.type === 'Nip'
      ? `organizationIdentifier=VATPL-${identity.value}`
      : `serialNumber=PNOPL-${identity.value}`);
  const key = `${identity.type}:${identity.value}:${attr}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const { keyPem, certPem } = selfSigned({
    subject: `/CN=${identity.name.replaceAll('/', ' ')}/${attr}/C=PL`,
    days: 730,
  });
  const signer: Signer = {
    identity,
    keyPem,
    certPem,
    fingerprint: new X509Certificate(certPem).fingerprint256.replaceAll(':', ''),
  };
  cache.set(key, signer);
  return signer;
}

export interface UnsignedRequest {
  challenge: string;
  context: { type: 'Nip' | 'InternalId' | 'NipVatUe' | 'PeppolId'; value: string };
  subjectIdentifierType?: 'certificateSubject' | 'certificateFingerprint';
  allowedIps?: string[];
  namespace?: string;
}

export function authTokenRequestXml(req: UnsignedRequest): string {
  const ns = req.namespace ?? 'http://ksef.mf.gov.pl/auth/token/2.0';
  const policy = req.allowedIps?.length
    ? `<AuthorizationPolicy><AllowedIps>${req.allowedIps.map((ip) => `<Ip4Address>${ip}</Ip4Address>`).join('')}</AllowedIps></AuthorizationPolicy>`
    : '';
  return (
    `<?xml version="1.0" encoding="utf-8"?>\n<AuthTokenRequest xmlns="${ns}">` +
    `<Challenge>${req.challenge}</Challenge>` +
    `<ContextIdentifier><${req.context.type}>${req.context.value}</${req.context.type}></ContextIdentifier>` +
    `<SubjectIdentifierType>${req.subjectIdentifierType ?? 'certificateSubject'}</SubjectIdentifierType>` +
    `${policy}</AuthTokenRequest>`
  );
}

export function signXml(xml: string, signer: Signer): string {
  const sig = new SignedXml({
    privateKey: signer.keyPem,
    publicCert: signer.certPem,
    signatureAlgorithm: 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
    canonicalizationAlgorithm: 'http://www.w3.org/2001/10/xml-exc-c14n#',
  });
  sig.addReference({
    xpath: '/*',
    isEmptyUri: true,
    digestAlgorithm: 'http://www.w3.org/2001/04/xmlenc#sha256',
    transforms: ['http://www.w3.org/2000/09/xmldsig#enveloped-signature', 'http://www.w3.org/2001/10/xml-exc-c14n#'],
  });
  sig.computeSignature(xml, { prefix: 'ds', location: { reference: '/*', action: 'append' } });
  return sig.getSignedXml();
}
