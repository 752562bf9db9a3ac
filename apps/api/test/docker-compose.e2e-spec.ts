import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'js-yaml';

/**
 * docker/: the image is multi-stage, runs as a non-root user and carries only the built app; the
 * compose file wires MySQL, Redis, two api instances and the nginx load balancer the way scale-out needs.
 * Images cannot be pulled on these machines, so this reads the files; where `docker compose` exists it
 * also has it validate the file (`docker compose config`). The same topology runs without docker in
 * scale-out.e2e-spec.ts (processes on loopback, the machine's MariaDB and Redis).
 */
const ROOT = join(__dirname, '..', '..', '..');
const read = (p: string) => readFileSync(join(ROOT, p), 'utf8');

type Service = {
  build?: { context: string; dockerfile: string };
  image?: string;
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
  ports?: string[];
  volumes?: string[];
};

/** YAML merge keys (`<<: *api`), as docker compose applies them: the service's own keys win. */
function merged(s: Record<string, unknown>): Service {
  const { '<<': base, ...own } = s as { '<<'?: Record<string, unknown> };
  return { ...(base ? merged(base) : {}), ...own } as Service;
}

describe('docker', () => {
  const raw = load(read('docker/compose.yml')) as { services: Record<string, Record<string, unknown>> };
  const compose = { services: Object.fromEntries(Object.entries(raw.services).map(([k, v]) => [k, merged(v)])) };
  const apis = Object.entries(compose.services).filter(([, s]) => s.build?.dockerfile === 'docker/Dockerfile');

  it('builds a multi-stage image that runs the built app as a non-root user', () => {
    const stages = read('docker/Dockerfile').split(/^FROM /m).slice(1);
    expect(stages.length).toBeGreaterThanOrEqual(2);
    const final = stages[stages.length - 1];
    expect(final).toMatch(/^USER node$/m);
    expect(final).not.toMatch(/^USER root$/m);
    // Only what the build stage produced: production node_modules, dist, package.json; no sources.
    const copies = final.split('\n').filter((l) => l.startsWith('COPY'));
    expect(copies.length).toBeGreaterThan(0);
    for (const c of copies) expect(c).toMatch(/^COPY --from=build --chown=node:node \/app\/(node_modules|dist|package\.json) /);
    // The command `npm start` runs, flags included.
    const start = (JSON.parse(read('package.json')).scripts.start as string).split(/\s+/);
    expect(JSON.parse(final.match(/^CMD (.*)$/m)![1])).toEqual(start);
    const ignored = read('.dockerignore').split('\n');
    for (const p of ['.git', 'node_modules', 'dist', '.env']) expect(ignored).toContain(p);
  });

  it('runs two api instances on one MySQL and one Redis, each waiting for both to be healthy', () => {
    expect(apis.map(([name]) => name).sort()).toEqual(['api1', 'api2']);
    const { mysql, redis } = compose.services;
    expect(mysql.image).toMatch(/^mysql:/);
    expect(redis.image).toMatch(/^redis:/);
    expect(mysql.healthcheck?.test).toBeDefined();
    expect(redis.healthcheck?.test).toBeDefined();
    for (const [, api] of apis) {
      expect(api.environment?.DATABASE_URL).toMatch(/^mysql:\/\/[^@]+@mysql:3306\/hallq$/);
      expect(api.environment?.REDIS_URL).toBe('redis://redis:6379');
      expect(api.environment?.NODE_ENV).toBe('production');
      expect(api.depends_on).toMatchObject({ mysql: { condition: 'service_healthy' }, redis: { condition: 'service_healthy' } });
      expect(api.healthcheck?.test.join(' ')).toContain('/health/ready');
    }
  });

  it('puts nginx in front of every instance, upgrading /socket.io to WebSocket', () => {
    const lb = compose.services.lb;
    expect(lb.image).toMatch(/^nginx:/);
    expect(lb.volumes).toContain('./nginx.conf:/etc/nginx/conf.d/default.conf:ro');
    expect(lb.depends_on).toMatchObject(Object.fromEntries(apis.map(([name]) => [name, { condition: 'service_healthy' }])));
    const conf = read('docker/nginx.conf').replace(/#.*$/gm, '');
    expect(conf.split('{').length).toBe(conf.split('}').length);
    const upstreams = [...conf.matchAll(/upstream (\w+) \{([^}]*)\}/g)];
    expect(upstreams.map((u) => u[1]).sort()).toEqual(['hallq_api', 'hallq_issue', 'hallq_live']);
    for (const [, , body] of upstreams) {
      expect([...body.matchAll(/server (\w+):3000/g)].map((m) => m[1]).sort()).toEqual(apis.map(([name]) => name).sort());
    }
    // Ticket issuing of a hall goes to one instance (hash on the hall id captured from the path).
    expect(conf).toMatch(/location ~ \^\/api\/halls\/\(\?<hallq_hall>\[\^\/\]\+\)\/tickets\$ \{[^}]*proxy_pass http:\/\/hallq_issue;/);
    expect(/upstream hallq_issue \{([^}]*)\}/.exec(conf)?.[1]).toContain('hash $hallq_hall consistent;');
    const live = /location \/socket\.io\/ \{([^}]*)\}/.exec(conf)?.[1] ?? '';
    expect(live).toContain('proxy_pass http://hallq_live;');
    expect(live).toContain('proxy_http_version 1.1;');
    expect(live).toContain('proxy_set_header Upgrade $http_upgrade;');
    expect(live).toContain('proxy_set_header Connection $connection_upgrade;');
  });

  it('is a valid compose file for docker compose, where docker compose is installed', () => {
    const probe = spawnSync('docker', ['compose', 'version'], { encoding: 'utf8' });
    const available = probe.status === 0;
    if (available) {
      const r = spawnSync('docker', ['compose', '-f', join(ROOT, 'docker/compose.yml'), 'config', '-q'], { encoding: 'utf8' });
      expect({ status: r.status, stderr: r.stderr }).toEqual({ status: 0, stderr: '' });
    } else {
      // No compose plugin here: the structural checks above are what validates the file.
      expect(probe.status === 0 || /compose|not found|ENOENT|unknown/i.test(`${probe.stderr}${probe.error?.message ?? ''}`)).toBe(true);
    }
  });
});
