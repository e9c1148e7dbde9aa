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
 * A self-signed RSA certificate and its key (PEM) from the system's openssl (in Debian's base image), with
 * the subject and extensions given. Used for TLS on loopback and for the signer's seals and signatures.
 */
export function selfSigned(opts: { subject: string; days: number; addext?: string }): {
  keyPem: string;
  certPem: string;
} {
  const dir = mkdtempSync(path.join(tmpdir(), 'ksef-cert-'));
  try {
    const args = ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', String(opts.days), '-subj', opts.subject];
    if (opts.addext) args.push('-addext', opts.addext);
    execFileSync('openssl', [...args, '-keyout', 'key.pem', '-out', 'cert.pem'], { cwd: dir, stdio: 'ignore' });
    return {
      keyPem: readFileSync(path.join(dir, 'key.pem'), 'utf8'),
      certPem: readFileSync(path.join(dir, 'cert.pem'), 'utf8'),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A throw-away certificate for the simulated hosts, valid one day (Chromium ignores certificate errors here). */
export function makeCertificate(hosts: readonly string[] = SIM_HOSTS): { key: Buffer; cert: Buffer } {
  const { keyPem, certPem } = selfSigned({
    subject: '/CN=ksef-companion-sim',
    days: 1,
    addext: `subjectAltName=${hosts.map((h) => `DNS:${h}`).join(',')}`,
  });
  return { key: Buffer.from(keyPem), cert: Buffer.from(certPem) };
}
