/**
 * Real Node HTTP servers for the adapter and client tests: started on 127.0.0.1 on a free port, and
 * closed (open connections included) after each test of a file that registers {@link closeServers}.
 */
import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

const servers: Server[] = [];

/** Serves `listener` on 127.0.0.1 on a free port; returns the port. */
export async function listenLocal(listener: RequestListener): Promise<number> {
  const server = createServer(listener);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

/** Closes every server {@link listenLocal} started, dropping their connections: `afterEach(closeServers)`. */
export async function closeServers(): Promise<void> {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
  }
}
