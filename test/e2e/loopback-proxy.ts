import { createServer, type IncomingMessage } from 'node:http';
import { connect, type Socket } from 'node:net';

/**
 * Host mapping for a browser without host-resolver rules (Firefox): an HTTP proxy on loopback that tunnels
 * `CONNECT host:443` for the simulated hosts to their local servers and refuses everything else with 403,
 * counting what it refused. The browser is pointed at it by a PAC script, so no request leaves the machine.
 */
export interface LoopbackProxy {
  port: number;
  /** Every `host:port` (or URL) the browser asked for that is not a simulated host. */
  refused: string[];
  /** A PAC script, as a `data:` URL, that sends every request through this proxy. */
  pacUrl: string;
  close: () => Promise<void>;
}

export async function startLoopbackProxy(hosts: Record<string, number>): Promise<LoopbackProxy> {
  const refused: string[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    // Plain HTTP through the proxy: nothing of ours is served that way.
    refused.push(req.url ?? '');
    res.writeHead(403).end();
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  server.on('connect', (req: IncomingMessage, client: Socket, head: Buffer) => {
    const [host = '', port = ''] = (req.url ?? '').split(':');
    const target = port === '443' ? hosts[host.toLowerCase()] : undefined;
    if (target === undefined) {
      refused.push(req.url ?? '');
      client.end('HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    const upstream = connect(target, '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    sockets.add(upstream);
    upstream.on('close', () => sockets.delete(upstream));
    const end = () => {
      upstream.destroy();
      client.destroy();
    };
    upstream.on('error', end);
    client.on('error', end);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  const pac = `function FindProxyForURL(url, host) { return "PROXY 127.0.0.1:${port}"; }`;
  return {
    port,
    refused,
    pacUrl: `data:text/plain;base64,${Buffer.from(pac).toString('base64')}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
