import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { Hono } from 'hono';
import { makeCertificate } from './tls';

/** Serve a Hono app on 127.0.0.1 and a free port (HTTPS with a throw-away certificate, or plain HTTP). */
export interface Served {
  port: number;
  close: () => Promise<void>;
}

let tls: { key: Buffer; cert: Buffer } | null = null;

export function listen(app: Hono, opts: { https: boolean; port?: number }): Promise<Served> {
  if (opts.https) tls ??= makeCertificate();
  return new Promise((resolve) => {
    const server = serve(
      {
        fetch: app.fetch,
        port: opts.port ?? 0,
        hostname: '127.0.0.1',
        ...(opts.https ? { createServer: createHttpsServer, serverOptions: { key: tls!.key, cert: tls!.cert } } : {}),
      },
      (info: AddressInfo) =>
        resolve({
          port: info.port,
          close: () =>
            new Promise<void>((done) => {
              (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
              server.close(() => done());
            }),
        }),
    );
  });
}

/** The client's address as the server saw it; in-process calls (`app.request`) may name one in a header. */
export function clientIpOf(env: unknown, headers: Headers): string {
  const socket = (env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming?.socket;
  if (socket?.remoteAddress) return socket.remoteAddress.replace(/^::ffff:/, '');
  return headers.get('x-sim-client-ip') ?? '10.0.0.1';
}
