import { startTestApp, type TestApp } from './support/test-app';

/** The published contract: the routes kiosks, screens and outside tools rely on are documented. */
describe('OpenAPI document', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('is served at /api/docs-json with every contract route', async () => {
    const r = await t.http.get('/api/docs-json').expect(200);
    const paths = r.body.paths as Record<string, Record<string, unknown>>;
    const has = (method: string, path: string) => expect(paths[path]?.[method]).toBeDefined();
    has('get', '/api/halls');
    has('post', '/api/halls/{hallId}/tickets');
    has('get', '/api/tickets/{token}');
    has('post', '/api/tickets/{token}/cancel');
    has('get', '/api/halls/{hallId}/state');
    has('get', '/api/halls/{hallId}/board');
    for (const a of ['call-next', 'recall', 'start', 'finish', 'no-show', 'transfer', 'pause', 'resume', 'open', 'close']) {
      has('post', `/api/halls/{hallId}/windows/{windowId}/${a}`);
    }
    const issue = paths['/api/halls/{hallId}/tickets'].post as { responses: Record<string, unknown>; parameters: { name: string }[] };
    expect(Object.keys(issue.responses)).toEqual(expect.arrayContaining(['200', '201']));
    expect(issue.parameters.map((p) => p.name)).toContain('Idempotency-Key');
    expect(r.body.components.schemas.IssuedTicketResponseDto.properties).toHaveProperty('peopleAhead');
    expect(r.body.components.schemas.BoardWindowDto.properties).toHaveProperty('utilizationToday');
    expect(r.body.components.schemas.BoardCategoryDto.properties).toHaveProperty('forecastNextHour');
  });

  it('serves the human-readable docs page at /api/docs', async () => {
    const r = await t.http.get('/api/docs').redirects(1).expect(200);
    expect(r.text).toContain('swagger');
  });
});
