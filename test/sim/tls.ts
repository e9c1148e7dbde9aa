import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** Hosts the local servers answer for; Chromium maps them to loopback with --host-resolver-rules. */
export const SIM_HOSTS = [
  'ap.ksef.mf.gov.pl',
  'ap-demo.ksef.mf.gov.pl',
  'ap-test.ksef.mf.gov.pl',
  'api.ksef.mf.gov.pl',
  'api-demo.ksef.mf.gov.pl',
  'api-test.ksef.mf.gov.pl',
];

/**
 * A throw-away self-signed certificate for the simulated hosts, made with the system's openssl (in Debian's
 * base image). Valid one day; Chromium is started with --ignore-certificate-errors for these hosts anyway.
 */
export function makeCertificate(hosts: readonly string[] = SIM_HOSTS): { key: Buffer; cert: Buffer } {
  const dir = mkdtempSync(path.join(tmpdir(), 'ksef-tls-'));
  try {
    const key = path.join(dir, 'key.pem');
    const cert = path.join(dir, 'cert.pem');
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=ksef-companion-sim',
        '-addext',
        `subjectAltName=${hosts.map((h) => `DNS:${h}`).join(',')}`,
        '-keyout',
        key,
        '-out',
        cert,
      ],
      { stdio: 'ignore' },
    );
    return { key: readFileSync(key), cert: readFileSync(cert) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
