import { connect, createServer, type Server, type Socket } from 'node:net';

export type ProxyMode = 'pass' | 'refuse' | 'blackhole';

/**
 * A TCP proxy to a fixed target (the shared MariaDB at 127.0.0.1:3306) that a test can cut and restore,
 * so one api instance loses its database while the server itself keeps running for everyone else.
 * - `refuse`: like a stopped database server: open connections are reset, new ones refused (the port
 *   stops listening).
 * - `blackhole`: like a network partition: connections stay open and new ones are accepted, but no byte
 *   passes either way.
 * `restore()` listens again on the same port; connections that were black-holed are closed (their
 * protocol state is lost), as they would be when a partition heals after the peers gave up.
 */
export class TcpProxy {
  mode: ProxyMode = 'pass';
  port = 0;
  private server: Server | null = null;
  private readonly pairs = new Set<{ down: Socket; up: Socket | null }>();

  constructor(
    private readonly targetPort: number,
    private readonly targetHost = '127.0.0.1',
  ) {}

  async start(): Promise<this> {
    await this.listen();
    return this;
  }

  private listen(): Promise<void> {
    const server = createServer((down) => this.accept(down));
    this.server = server;
    return new Promise((res, rej) => {
      server.once('error', rej);
      server.listen(this.port, '127.0.0.1', () => {
        this.port = (server.address() as { port: number }).port;
        res();
      });
    });
  }

  private accept(down: Socket): void {
    const pair: { down: Socket; up: Socket | null } = { down, up: null };
    this.pairs.add(pair);
    const end = () => {
      down.destroy();
      pair.up?.destroy();
      this.pairs.delete(pair);
    };
    down.on('error', end).on('close', end);
    if (this.mode === 'blackhole') {
      down.on('data', () => undefined);
      return;
    }
    const up = connect(this.targetPort, this.targetHost);
    pair.up = up;
    up.on('error', end).on('close', end);
    // Bytes pass only while the proxy is in `pass` mode; in a black hole they are dropped.
    down.on('data', (b) => this.mode === 'pass' && up.write(b));
    up.on('data', (b) => this.mode === 'pass' && down.write(b));
  }

  /** Open client connections through the proxy. */
  get connections(): number {
    return this.pairs.size;
  }

  async cut(mode: Exclude<ProxyMode, 'pass'>): Promise<void> {
    this.mode = mode;
    if (mode === 'refuse') {
      const server = this.server;
      this.server = null;
      for (const p of [...this.pairs]) {
        p.down.resetAndDestroy();
        p.up?.destroy();
      }
      this.pairs.clear();
      await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
    }
  }

  async restore(): Promise<void> {
    const wasBlackhole = this.mode === 'blackhole';
    this.mode = 'pass';
    if (wasBlackhole) {
      for (const p of [...this.pairs]) {
        p.down.destroy();
        p.up?.destroy();
      }
      this.pairs.clear();
    }
    if (!this.server) await this.listen();
  }

  async close(): Promise<void> {
    await this.cut('refuse');
  }
}
