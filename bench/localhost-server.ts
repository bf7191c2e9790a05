/**
 * The scripted server on Node's `http`, on 127.0.0.1 and a port the system picks: what an app that
 * runs its ChatKit server as a local Node process has. The page is on another origin, so this wrapper
 * (the bench's, not the library's) answers CORS for the page's origin, which the handler lists in
 * `allowedOrigins`; preflights are cached for the whole run, so the measured requests are single POSTs, as they would be same-origin.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { MemoryStore } from '../src/index.ts';
import { toNodeListener } from '../src/node.ts';
import type { TestContext } from '../test/support/scripted-server.ts';
import { scriptedHandler } from './support/scripted-handler.ts';

export interface LocalhostServer {
  origin: string;
  close(): Promise<void>;
}

export async function startLocalhostServer(pageOrigin: string): Promise<LocalhostServer> {
  const listener = toNodeListener(scriptedHandler(new MemoryStore<TestContext>(), [pageOrigin]));
  const server: Server = createServer((req, res) => {
    res.setHeader('access-control-allow-origin', pageOrigin);
    if (req.method === 'OPTIONS') {
      res.writeHead(204, {
        'access-control-allow-methods': 'GET, POST, PUT',
        'access-control-allow-headers': 'content-type',
        'access-control-max-age': '600',
      });
      res.end();
      return;
    }
    listener(req, res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
