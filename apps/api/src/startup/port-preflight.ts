import { createServer } from 'node:net';
import { StartupProblem } from './startup-problem';

/** Whether the API can listen at host:port, found out before Nest starts (it logs its start before listening). */
export async function checkPort(host: string, port: number): Promise<void> {
  if (port === 0) return;
  const server = createServer();
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, resolve);
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') {
      throw new StartupProblem(`PORT=${port}: ${host}:${port} is already in use (another release-provenance, or another server); stop it, or set PORT to a free port`);
    }
    if (code === 'EACCES') throw new StartupProblem(`PORT=${port}: this user may not listen on ${host}:${port}; set PORT to 1024 or above`);
    if (code === 'EADDRNOTAVAIL') throw new StartupProblem(`HOST=${host}: no network interface of this machine has that address; set HOST to one it has, e.g. 127.0.0.1`);
    throw error;
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
}
