/**
 * `npm run bench:live`: delivery latency of a ticket call to N hall screens (socket.io clients on /live
 * subscribed to one hall), beside a bare socket.io broadcast of the same payload to N clients, in the
 * same run, alternating call by call so both see the same machine load.
 *
 * - hallq: the BUILT api (`node dist/apps/api/src/main.js`, built first if stale) on a fresh SQLite file.
 *   A call is `POST .../call-next`; latency = from just before the request to the `called` event at each
 *   client. It so includes the HTTP request, the database transaction, and the snapshot broadcast that
 *   follows each call. After each call the ticket is marked no-show and the bench waits until every
 *   client has the resulting snapshot, so calls do not overlap.
 * - bare: a plain socket.io server in its own process; `POST /emit` makes it `io.emit('called', payload)`
 *   with the payload hallq sent. Latency = from just before that request to each client's event.
 * All clients live in this one process, as in the reference figures of issue 5.
 *
 * Options (environment): BENCH_N (default "500,1000,2000"), BENCH_CALLS measured calls per N and server
 * (default 30), BENCH_WARMUP (default 3).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { io, type Socket } from 'socket.io-client';
import { ensureBuiltApi, freePort, ROOT, spawnApi, type ApiProcess } from './support/built-api';
import { percentile, waitFor } from './support/load';

const NS = (process.env.BENCH_N ?? '500,1000,2000').split(',').map(Number);
const CALLS = Number(process.env.BENCH_CALLS ?? 30);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 3);
const TARGET_P99_MS = 100;
const TARGET_RATIO = 1.25;
const log = (s: string) => process.stderr.write(`${s}\n`);

// The bare server: socket.io and nothing else, in its own process like the api.
const BARE_SERVER = `
const http = require('node:http');
const { Server } = require('socket.io');
const server = http.createServer((req, res) => {
  if (req.method !== 'POST' || req.url !== '/emit') { res.writeHead(404); return res.end(); }
  let body = '';
  req.on('data', (c) => (body += c));
  req.on('end', () => { io.emit('called', JSON.parse(body)); res.writeHead(204); res.end(); });
});
const io = new Server(server, { transports: ['websocket'] });
server.listen(Number(process.env.PORT), '127.0.0.1', () => process.stdout.write('ready\\n'));
`;

function startBare(port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['-e', BARE_SERVER], { cwd: ROOT, env: { ...process.env, PORT: String(port) }, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((res, rej) => {
    child.stdout!.once('data', () => res(child));
    child.once('exit', (c) => rej(new Error(`bare server exited ${c}`)));
  });
}

interface Client {
  socket: Socket;
  lastSnapshotSeq: number;
}

/** The call in flight (calls never overlap): each client's `called` handler adds its latency. */
let inflight: { kind: 'hallq' | 'bare'; t0: number; got: number[]; seq: number } | null = null;

async function connectClients(n: number, url: string, hallId: string | null): Promise<Client[]> {
  const clients: Client[] = [];
  for (let i = 0; i < n; i += 200) {
    const batch = Array.from({ length: Math.min(200, n - i) }, () => {
      // hallq's screens carry a token (the admin's here; a screen device token in a hall).
      const socket = io(hallId ? `${url}/live` : url, {
        transports: ['websocket'],
        forceNew: true,
        reconnection: false,
        ...(hallId ? { auth: { token: auth.authorization.slice('Bearer '.length) } } : {}),
      });
      const c: Client = { socket, lastSnapshotSeq: -1 };
      const kind = hallId ? 'hallq' : 'bare';
      socket.on('called', (e: { seq: number }) => {
        if (inflight?.kind !== kind) return;
        inflight.got.push(performance.now() - inflight.t0);
        inflight.seq = e.seq;
      });
      socket.on('snapshot', (s: { seq: number }) => (c.lastSnapshotSeq = s.seq));
      clients.push(c);
      return new Promise<void>((res, rej) => {
        socket.once('connect', () => {
          if (!hallId) return res();
          socket.emit('subscribe', { hall: hallId }, (ack: { ok: boolean; error?: string }) => (ack.ok ? res() : rej(new Error(ack.error))));
        });
        socket.once('connect_error', rej);
      });
    });
    await Promise.all(batch);
  }
  return clients;
}


/** The signed-in admin's header, once the api is up. */
let auth: Record<string, string> = {};

async function post(url: string, body?: unknown): Promise<{ status: number; json: any }> {
  const r = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...auth },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await r.text();
  return { status: r.status, json: text ? JSON.parse(text) : null };
}


async function main(): Promise<void> {
  ensureBuiltApi(log);
  const load0 = loadavg()[0].toFixed(1);
  const dir = mkdtempSync(join(tmpdir(), 'hallq-bench-live-'));
  let api: ApiProcess | null = null;
  let bare: ChildProcess | null = null;
  try {
    // All N screens connect from this one address: lift the per-address cap of /live above N.
    const env = { HALLQ_LIVE_MAX_PER_ADDRESS: String(Math.max(...NS) + 100) };
    api = await spawnApi({ databaseUrl: `sqlite:${join(dir, 'bench.sqlite')}`, seedDemo: false, env });
    auth = api.auth;
    const barePort = await freePort();
    bare = await startBare(barePort);
    const bareUrl = `http://127.0.0.1:${barePort}`;

    // One hall, always open (opensAt = closesAt), one category, one window, tickets for every call.
    const hall = (await post(`${api.url}/api/halls`, { name: 'Bench hall', opensAt: '00:00', closesAt: '00:00' })).json;
    await post(`${api.url}/api/halls/${hall.id}/categories`, {
      code: 'enterprise', prefix: 'A', nameZh: '企业开办', nameEn: 'Business', targetWaitSec: 1200, defaultServiceSec: 600, materials: ['身份证'],
    });
    const win = (await post(`${api.url}/api/halls/${hall.id}/windows`, { label: '5', categories: ['enterprise'], state: 'open' })).json;
    const total = NS.length * (CALLS + WARMUP);
    for (let i = 0; i < total; i++) {
      const r = await fetch(`${api.url}/api/halls/${hall.id}/tickets`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': `bench-${i}`, ...auth },
        body: JSON.stringify({ category: 'enterprise' }),
      });
      if (r.status !== 201) throw new Error(`issue failed: ${r.status} ${await r.text()}`);
    }
    const windowUrl = `${api.url}/api/halls/${hall.id}/windows/${win.id}`;

    const rows: string[] = [];
    let payload: unknown = null;
    for (const n of NS) {
      log(`N=${n}: connecting ${n} clients to hallq /live and ${n} to bare socket.io...`);
      const ours = await connectClients(n, api.url, hall.id);
      const plain = await connectClients(n, bareUrl, null);
      const lat = { hallq: [] as number[], bare: [] as number[] };
      const missing = { hallq: 0, bare: 0 };
      for (let i = 0; i < WARMUP + CALLS; i++) {
        const measured = i >= WARMUP;
        // hallq: a real call through the REST api.
        inflight = { kind: 'hallq', t0: performance.now(), got: [], seq: 0 };
        const called = await post(`${windowUrl}/call-next`);
        if (called.status !== 200) throw new Error(`call-next: ${called.status} ${JSON.stringify(called.json)}`);
        const all = await waitFor(() => inflight!.got.length >= n, 10_000);
        if (measured) {
          lat.hallq.push(...inflight.got);
          if (!all) missing.hallq += n - inflight.got.length;
        }
        const noShowSeq = inflight.seq + 1;
        inflight = null;
        const noShow = await post(`${windowUrl}/no-show`);
        if (noShow.status !== 200) throw new Error(`no-show: ${noShow.status}`);
        // Every screen has the snapshot after the no-show: nothing of this call is still on the wire.
        if (!(await waitFor(() => ours.every((c) => c.lastSnapshotSeq >= noShowSeq), 10_000))) log(`  some clients missed snapshot ${noShowSeq}`);

        // bare: the same payload, broadcast.
        payload ??= {
          seq: 1,
          hallId: hall.id,
          number: called.json.number,
          window: '5',
          windowId: win.id,
          category: 'enterprise',
          categoryNameZh: '企业开办',
          categoryNameEn: 'Business',
          recall: false,
          recallCount: 0,
          at: Date.now(),
        };
        inflight = { kind: 'bare', t0: performance.now(), got: [], seq: 0 };
        await post(`${bareUrl}/emit`, payload);
        const allBare = await waitFor(() => inflight!.got.length >= n, 10_000);
        if (measured) {
          lat.bare.push(...inflight.got);
          if (!allBare) missing.bare += n - inflight.got.length;
        }
        inflight = null;
        await new Promise((r) => setTimeout(r, 100));
      }
      inflight = null;
      for (const c of [...ours, ...plain]) c.socket.close();
      const r = {
        n, hallqP50: percentile(lat.hallq, 50), hallqP99: percentile(lat.hallq, 99), bareP50: percentile(lat.bare, 50), bareP99: percentile(lat.bare, 99),
      };
      const ratio = r.hallqP99 / r.bareP99;
      const ok = r.hallqP99 <= TARGET_P99_MS && ratio <= TARGET_RATIO;
      rows.push(
        `| ${n} | ${r.hallqP50.toFixed(1)} | ${r.hallqP99.toFixed(1)} | ${r.bareP50.toFixed(1)} | ${r.bareP99.toFixed(1)} | ` +
          `${ratio.toFixed(2)} | ${missing.hallq}/${missing.bare} | ${ok ? 'yes' : 'no'} |`,
      );
      log(rows[rows.length - 1]);
      await new Promise((r) => setTimeout(r, 500));
    }
    const cpu = cpus();
    process.stdout.write(
      [
        `bench:live — ${CALLS} calls per N and server (after ${WARMUP} warm-up), clients in one process; ` +
          `${cpu.length} x ${cpu[0]?.model ?? '?'}, node ${process.version}; load average at start ${load0}, at end ${loadavg()[0].toFixed(1)}`,
        `target: hallq p99 <= ${TARGET_P99_MS} ms at 2000 clients and <= ${TARGET_RATIO}x bare p99`,
        '',
        '| clients | hallq p50 ms | hallq p99 ms | bare p50 ms | bare p99 ms | p99 ratio | missed hallq/bare | meets target |',
        '|---:|---:|---:|---:|---:|---:|---:|:---:|',
        ...rows,
        '',
      ].join('\n'),
    );
  } finally {
    bare?.kill('SIGTERM');
    await api?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
