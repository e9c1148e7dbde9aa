import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  AUTH_XML_MAX_BYTES,
  AUTH_XML_RULE_TEXT,
  readAuthTokenRequest,
  type AuthXmlResult,
} from '@/lib/ksef/auth-token-request';
import { SAMPLES_DIR } from '../paths';

const AUTH = path.join(SAMPLES_DIR, 'auth');
const sample = (name: string) => readFileSync(path.join(AUTH, name), 'utf8');
const NS = 'http://ksef.mf.gov.pl/auth/token/2.0';

const doc = (inner: string, ns = NS) =>
  `<?xml version="1.0" encoding="utf-8"?><AuthTokenRequest xmlns="${ns}">${inner}</AuthTokenRequest>`;
const CH = '<Challenge>20250625-CR-20F5EE4000-DA48AE4124-46</Challenge>';
const CTX = '<ContextIdentifier><Nip>5265877635</Nip></ContextIdentifier>';
const SUB = '<SubjectIdentifierType>certificateSubject</SubjectIdentifierType>';
const SIG = '<ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:SignedInfo/></ds:Signature>';

function rule(result: AuthXmlResult): string {
  return result.ok ? 'ok' : result.rule;
}

describe('AuthTokenRequest reader: official samples', () => {
  const expected: Record<string, { type: string; value: string; subject: string; signed: boolean }> = {
    'AuthTokenRequest-context-nip.xml': {
      type: 'Nip',
      value: '5265877635',
      subject: 'certificateSubject',
      signed: false,
    },
    'AuthTokenRequest-context-internalid.xml': {
      type: 'InternalId',
      value: '5265877635-12345',
      subject: 'certificateSubject',
      signed: false,
    },
    'AuthTokenRequest-context-nipvatue.xml': {
      type: 'NipVatUe',
      value: '5265877635-ATU12345678',
      subject: 'certificateSubject',
      signed: false,
    },
    'AuthTokenRequest-subject-certificatefingerprint.xml': {
      type: 'Nip',
      value: '5265877635',
      subject: 'certificateFingerprint',
      signed: false,
    },
    'AuthTokenRequest-xades-signature-request-example.xml': {
      type: 'Nip',
      value: '5265877635',
      subject: 'certificateSubject',
      signed: true,
    },
  };

  it('covers every sample XML', () => {
    const files = readdirSync(AUTH).filter((f) => f.endsWith('.xml'));
    expect(files.sort()).toEqual(Object.keys(expected).sort());
  });

  it.each(Object.entries(expected))('reads %s', (file, want) => {
    const result = readAuthTokenRequest(sample(file));
    expect(result.ok ? 'ok' : `${result.rule}: ${result.detail}`).toBe('ok');
    if (!result.ok) return;
    expect(result.request.contextIdentifier).toEqual({ type: want.type, value: want.value });
    expect(result.request.subjectIdentifierType).toBe(want.subject);
    expect(result.request.signed).toBe(want.signed);
    expect(result.request.version).toBe('2.0');
    expect(result.request.ipPolicy).toBeNull();
    expect(result.request.challenge).toMatch(/^\d{8}-CR-/);
  });

  it('reads bytes, the 2.1 namespace, a prefixed root and an IP policy', () => {
    const xml = `<a:AuthTokenRequest xmlns:a="http://ksef.mf.gov.pl/auth/token/2.1">
      <a:Challenge> 20250625-CR-20F5EE4000-DA48AE4124-46 </a:Challenge>
      <a:ContextIdentifier><a:Nip>5265877635</a:Nip></a:ContextIdentifier>
      <a:SubjectIdentifierType>certificateSubject</a:SubjectIdentifierType>
      <a:AuthorizationPolicy><a:AllowedIps>
        <a:Ip4Address>10.0.0.1</a:Ip4Address><a:Ip4Range>10.0.0.1-10.0.0.9</a:Ip4Range><a:Ip4Mask>10.1.0.0/16</a:Ip4Mask>
      </a:AllowedIps></a:AuthorizationPolicy>${SIG}</a:AuthTokenRequest>`;
    const result = readAuthTokenRequest(new TextEncoder().encode(xml));
    expect(result).toMatchObject({
      ok: true,
      request: {
        version: '2.1',
        challenge: '20250625-CR-20F5EE4000-DA48AE4124-46',
        challengeDate: '2025-06-25',
        signed: true,
        signatureCount: 1,
        ipPolicy: { ip4Addresses: ['10.0.0.1'], ip4Ranges: ['10.0.0.1-10.0.0.9'], ip4Masks: ['10.1.0.0/16'] },
      },
    });
  });
});

describe('AuthTokenRequest reader: what the XSD forbids', () => {
  const ips = (n: number) => Array.from({ length: n }, (_, i) => `<Ip4Address>10.0.0.${i}</Ip4Address>`).join('');
  it.each([
    ['size', 'x'.repeat(AUTH_XML_MAX_BYTES + 1)],
    ['doctype', `<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>${doc(CH + CTX + SUB)}`],
    ['well-formed', doc(CH + CTX + SUB).slice(0, -5)],
    ['root', '<Other xmlns="http://ksef.mf.gov.pl/auth/token/2.0"/>'],
    ['namespace', doc(CH + CTX + SUB, 'http://example.com/other')],
    ['sequence', doc(CTX + CH + SUB)],
    ['sequence', doc(CH + CTX)],
    ['unexpected-element', doc(CH + CTX + SUB + '<Extra/>')],
    ['unexpected-element', doc(CH + CTX + SUB + '<AuthorizationPolicy><AllowedIps/></AuthorizationPolicy><Extra/>')],
    ['unexpected-element', doc(CH + CTX + SUB + '<AuthorizationPolicy><AllowedIps/></AuthorizationPolicy>'.repeat(2))],
    ['unexpected-text', doc(`loose${CH}${CTX}${SUB}`)],
    ['Challenge.length', doc('<Challenge>20250625-CR-20F5EE4000</Challenge>' + CTX + SUB)],
    ['Challenge.pattern', doc('<Challenge>20250625-XX-20F5EE4000-DA48AE4124-46</Challenge>' + CTX + SUB)],
    [
      'ContextIdentifier.choice',
      doc(CH + '<ContextIdentifier><Nip>5265877635</Nip><Nip>5265877635</Nip></ContextIdentifier>' + SUB),
    ],
    ['ContextIdentifier.choice', doc(CH + '<ContextIdentifier><Pesel>15062788702</Pesel></ContextIdentifier>' + SUB)],
    ['Nip.pattern', doc(CH + '<ContextIdentifier><Nip>0265877635</Nip></ContextIdentifier>' + SUB)],
    ['Nip.pattern', doc(CH + '<ContextIdentifier><Nip> 5265877635</Nip></ContextIdentifier>' + SUB)],
    [
      'InternalId.pattern',
      doc(CH + '<ContextIdentifier><InternalId>5265877635-1</InternalId></ContextIdentifier>' + SUB),
    ],
    ['NipVatUe.pattern', doc(CH + '<ContextIdentifier><NipVatUe>5265877635-US1</NipVatUe></ContextIdentifier>' + SUB)],
    ['PeppolId.pattern', doc(CH + '<ContextIdentifier><PeppolId>X</PeppolId></ContextIdentifier>' + SUB)],
    ['SubjectIdentifierType.enumeration', doc(CH + CTX + '<SubjectIdentifierType>pesel</SubjectIdentifierType>')],
    ['AllowedIps.required', doc(CH + CTX + SUB + '<AuthorizationPolicy/>')],
    [
      'AllowedIps.maxOccurs',
      doc(CH + CTX + SUB + `<AuthorizationPolicy><AllowedIps>${ips(11)}</AllowedIps></AuthorizationPolicy>`),
    ],
    [
      'Ip4Address.pattern',
      doc(
        CH +
          CTX +
          SUB +
          '<AuthorizationPolicy><AllowedIps><Ip4Address>256.1.1.1</Ip4Address></AllowedIps></AuthorizationPolicy>',
      ),
    ],
    [
      'Ip4Range.pattern',
      doc(
        CH +
          CTX +
          SUB +
          '<AuthorizationPolicy><AllowedIps><Ip4Range>1.1.1.1</Ip4Range></AllowedIps></AuthorizationPolicy>',
      ),
    ],
    [
      'Ip4Mask.pattern',
      doc(
        CH +
          CTX +
          SUB +
          '<AuthorizationPolicy><AllowedIps><Ip4Mask>1.1.1.1/33</Ip4Mask></AllowedIps></AuthorizationPolicy>',
      ),
    ],
    [
      'sequence',
      doc(
        CH +
          CTX +
          SUB +
          '<AuthorizationPolicy><AllowedIps><Ip4Mask>1.1.1.1/8</Ip4Mask><Ip4Address>1.1.1.1</Ip4Address></AllowedIps></AuthorizationPolicy>',
      ),
    ],
    ['Signature.position', doc(CH + CTX + SIG + SUB)],
    ['unexpected-element', doc(CH + CTX + SUB + '<ds:Object xmlns:ds="http://www.w3.org/2000/09/xmldsig#"/>')],
  ])('rejects with rule %s', (expectedRule, xml) => {
    const result = readAuthTokenRequest(xml);
    expect(rule(result)).toBe(expectedRule);
  });

  it('rejects bytes that are not UTF-8', () => {
    expect(rule(readAuthTokenRequest(new Uint8Array([0x3c, 0xff, 0xfe, 0x3e])))).toBe('encoding');
  });

  it('counts every signature (KSeF rejects more than one)', () => {
    const result = readAuthTokenRequest(doc(CH + CTX + SUB + SIG + SIG));
    expect(result.ok && result.request.signatureCount).toBe(2);
  });

  it('has a Polish and English text for every rule', () => {
    for (const text of Object.values(AUTH_XML_RULE_TEXT)) {
      expect(text.pl.length).toBeGreaterThan(5);
      expect(text.en.length).toBeGreaterThan(5);
    }
  });
});

describe('AuthTokenRequest reader: generated malformed input', () => {
  const base = doc(CH + CTX + SUB + SIG);
  const mutation = fc.oneof(
    fc
      .record({ at: fc.nat(base.length), len: fc.nat(40) })
      .map(({ at, len }) => base.slice(0, at) + base.slice(at + len)),
    fc
      .record({ at: fc.nat(base.length), s: fc.string({ maxLength: 30 }) })
      .map(({ at, s }) => base.slice(0, at) + s + base.slice(at)),
    fc
      .record({
        at: fc.nat(base.length),
        s: fc.constantFrom('<', '>', '&', '"', ']]>', '<!--', '<?x?>', '&amp;', '&#0;', '<![CDATA['),
      })
      .map(({ at, s }) => base.slice(0, at) + s + base.slice(at)),
    fc.string({ maxLength: 300 }),
    fc.uint8Array({ maxLength: 300 }),
  );

  it('gives a clear answer for 1,000 mutations, never a crash or a hang', () => {
    const started = Date.now();
    fc.assert(
      fc.property(mutation, (input) => {
        const t0 = performance.now();
        const result = readAuthTokenRequest(input);
        expect(performance.now() - t0).toBeLessThan(500);
        if (result.ok) {
          expect(result.request.challenge).toHaveLength(36);
        } else {
          expect(Object.keys(AUTH_XML_RULE_TEXT)).toContain(result.rule);
          expect(typeof result.detail).toBe('string');
        }
      }),
      { numRuns: 1000 },
    );
    expect(Date.now() - started).toBeLessThan(20_000);
  });
});
