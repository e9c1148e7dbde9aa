import { X509Certificate } from 'node:crypto';
import { DOMParser } from '@xmldom/xmldom';
import { SignedXml } from 'xml-crypto';
import xpath from 'xpath';

/**
 * What KSeF TEST does with a signed AuthTokenRequest: verify the enveloped XML signature against the certificate
 * inside it (self-signed certificates accepted), then read who signed from the certificate's subject.
 */
export type SignedIdentity =
  | { ok: true; nip: string | null; pesel: string | null; fingerprint: string; commonName: string }
  | { ok: false; code: 9102 | 9103 | 9105 | 21115; reason: string };

export function verifySignedRequest(xml: string): SignedIdentity {
  let doc: Document;
  try {
    doc = new DOMParser().parseFromString(xml, 'text/xml') as unknown as Document;
  } catch (e) {
    return { ok: false, code: 9105, reason: String(e) };
  }
  const signatures = xpath.select(
    "//*[local-name(.)='Signature' and namespace-uri(.)='http://www.w3.org/2000/09/xmldsig#']",
    doc as unknown as Node,
  ) as Node[];
  if (signatures.length === 0) return { ok: false, code: 9102, reason: 'no signature' };
  if (signatures.length > 1) return { ok: false, code: 9103, reason: 'more than one signature' };
  const certB64 = (
    xpath.select("string(//*[local-name(.)='X509Certificate'])", doc as unknown as Node) as string
  ).replace(/\s+/g, '');
  if (!certB64) return { ok: false, code: 21115, reason: 'no certificate in KeyInfo' };
  let cert: X509Certificate;
  try {
    cert = new X509Certificate(Buffer.from(certB64, 'base64'));
  } catch {
    return { ok: false, code: 21115, reason: 'unreadable certificate' };
  }
  try {
    const verifier = new SignedXml({ publicCert: cert.toString() });
    verifier.loadSignature(signatures[0]!);
    if (!verifier.checkSignature(xml)) return { ok: false, code: 9105, reason: 'signature does not verify' };
  } catch (e) {
    return { ok: false, code: 9105, reason: e instanceof Error ? e.message : String(e) };
  }
  const fields = Object.fromEntries(
    cert.subject.split('\n').map((line) => {
      const i = line.indexOf('=');
      return [line.slice(0, i), line.slice(i + 1)];
    }),
  );
  // KSeF's patterns (docs/ksef-api.md §11): `(TINPL|NIP).*?\d{10}` and `VATPL.*?` for a NIP,
  // `(PNOPL|PESEL).*?\d{11}` for a PESEL, read from `organizationIdentifier` or `serialNumber`.
  const ids = [fields.organizationIdentifier, fields.serialNumber].filter((v): v is string => !!v);
  const nip = ids.map((v) => /(?:TINPL|NIP|VATPL).*?(\d{10})(?!\d)/.exec(v)?.[1]).find(Boolean) ?? null;
  const pesel = ids.map((v) => /(?:PNOPL|PESEL).*?(\d{11})(?!\d)/.exec(v)?.[1]).find(Boolean) ?? null;
  return {
    ok: true,
    nip,
    pesel,
    fingerprint: cert.fingerprint256.replaceAll(':', ''),
    commonName: fields.CN ?? '',
  };
}
