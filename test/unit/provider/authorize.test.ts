import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readAuthTokenRequest } from '@/lib/ksef/auth-token-request';
import { checkSignedRequest } from '@/lib/provider/authorize';
import { owner } from '../../sim/tests/kit';
import { signXml } from '../../sim/signer';

const sample = (name: string) =>
  readFileSync(path.resolve(__dirname, '../../../../shared/ksef/samples/auth', name), 'utf8');

describe('checking the signed AuthTokenRequest before it goes anywhere', () => {
  const unsigned = sample('AuthTokenRequest-context-nip.xml');
  const read = readAuthTokenRequest(unsigned);
  if (!read.ok) throw new Error('sample does not read');
  const expected = read.request;

  it('accepts the same request, signed', () => {
    const check = checkSignedRequest(expected, signXml(unsigned, owner()));
    expect(check).toMatchObject({ ok: true, request: { challenge: expected.challenge, signed: true } });
  });

  it('refuses unsigned, another challenge, another company, broken, truncated and oversized files, saying why', () => {
    const cases: [string, string, string][] = [
      ['unsigned', unsigned, 'nie jest podpisany'],
      [
        'challenge',
        signXml(
          unsigned.replace(
            expected.challenge,
            expected.challenge.replace(/.$/, (c) => (c === '0' ? '1' : '0')),
          ),
          owner(),
        ),
        'innego żądania',
      ],
      ['context', signXml(unsigned.replace(expected.contextIdentifier.value, '7762811692'), owner()), 'innej firmy'],
      ['xsd', signXml(unsigned, owner()).slice(0, 400), ''],
      ['xsd', '<AuthTokenRequest>', ''],
      ['size', `${signXml(unsigned, owner())}<!--${'x'.repeat(300_000)}-->`, 'za duży'],
    ];
    for (const [reason, xml, text] of cases) {
      const check = checkSignedRequest(expected, xml);
      expect(check.ok, reason).toBe(false);
      if (!check.ok) {
        expect(check.reason, reason).toBe(reason);
        expect(check.text.pl.length).toBeGreaterThan(5);
        expect(check.text.en.length).toBeGreaterThan(5);
        expect(check.text.pl).toContain(text);
      }
    }
  });
});
