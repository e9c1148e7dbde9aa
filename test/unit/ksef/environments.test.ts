import { describe, expect, it } from 'vitest';
import {
  apBaseUrl,
  apiBaseUrl,
  classifyHost,
  DEPRECATED_HOSTS,
  ENVIRONMENT_HOSTS,
  ENVIRONMENTS,
  environmentOfUrl,
} from '@/lib/ksef/environments';

describe('environments', () => {
  it('maps every current host to its environment (docs/ksef.md §1.1)', () => {
    expect(apBaseUrl('DEMO')).toBe('https://ap-demo.ksef.mf.gov.pl/web/');
    expect(apiBaseUrl('PRD')).toBe('https://api.ksef.mf.gov.pl/v2');
    expect(apiBaseUrl('TEST')).toBe('https://api-test.ksef.mf.gov.pl/v2');
    for (const env of ENVIRONMENTS) {
      for (const kind of ['ap', 'api', 'qr'] as const) {
        expect(classifyHost(ENVIRONMENT_HOSTS[env][kind])).toEqual({ environment: env, kind, deprecated: false });
      }
    }
    expect(classifyHost('AP-TEST.ksef.mf.gov.pl.')).toMatchObject({ environment: 'TEST', kind: 'ap' });
  });

  it('recognises deprecated hosts without treating them as current', () => {
    for (const old of DEPRECATED_HOSTS) expect(classifyHost(old.host)).toMatchObject({ deprecated: true });
    expect(environmentOfUrl('https://ksef-demo.mf.gov.pl/api/v2/permissions')).toBeNull();
    expect(environmentOfUrl('https://mcu.mf.gov.pl/web')).toBeNull();
    expect(classifyHost('web2tr-ksef.mf.gov.pl')).toMatchObject({ environment: 'DEMO', deprecated: true });
    expect(environmentOfUrl('https://web2tr-ksef.mf.gov.pl/web/')).toBeNull();
  });

  it('reads the environment of a URL, HTTPS only', () => {
    expect(environmentOfUrl('https://ap-demo.ksef.mf.gov.pl/web/permissions')).toBe('DEMO');
    expect(environmentOfUrl('https://api.ksef.mf.gov.pl/v2/tokens')).toBe('PRD');
    expect(environmentOfUrl('http://ap.ksef.mf.gov.pl/web/')).toBeNull();
    expect(environmentOfUrl('https://ap.ksef.mf.gov.pl.evil.example/web/')).toBeNull();
    expect(environmentOfUrl('not a url')).toBeNull();
  });

  it('keeps the host data unique', () => {
    const all = [
      ...ENVIRONMENTS.flatMap((e) => [ENVIRONMENT_HOSTS[e].ap, ENVIRONMENT_HOSTS[e].api, ENVIRONMENT_HOSTS[e].qr]),
      ...DEPRECATED_HOSTS.map((d) => d.host),
    ];
    expect(new Set(all).size).toBe(all.length);
    const old = DEPRECATED_HOSTS.map((d) => d.host);
    expect(old).toEqual([...old].sort());
  });
});
