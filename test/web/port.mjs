// A free TCP port on the loopback interface, so that test runs started side by side (two
// engineers, or CI and a developer) do not collide on a fixed port.
import { createServer } from 'node:net';

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}
