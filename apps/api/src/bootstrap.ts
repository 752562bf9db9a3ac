import { ConsoleLogger, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication, NestExpressBodyParserOptionsFor } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { AppModule } from './app.module';
import { liveIoAdapter } from './cluster/redis-io.adapter';
import { APP_CONFIG, type AppConfig } from './common/config/app-config';
import { HttpExceptionFilter } from './common/errors/http-exception.filter';
import { createValidationPipe } from './common/errors/validation';
import { refuseDeepJson, requireJsonBodies } from './common/http/json-body';
import { securityHeaders } from './common/http/security-headers.middleware';
import { metricsScrape } from './metrics/metrics-scrape.middleware';
import { MetricsService } from './metrics/metrics.service';

/** Builds the configured app for main.ts. */
export async function createApp(config: AppConfig, options: { logger?: false | ('error' | 'warn' | 'log')[] } = {}): Promise<INestApplication> {
  const levels = options.logger ?? (config.logRequests ? ['error', 'warn', 'log', 'verbose'] : ['error', 'warn', 'log']);
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    // JSON lines in production, so a log collector gets fields (level, context, request id) not text.
    logger: levels === false ? false : new ConsoleLogger({ json: config.logFormat === 'json', logLevels: levels, colors: config.logFormat === 'text' }),
  });
  return configureApp(app);
}

/** Everything applied on top of the module; the e2e tests call it too, so they run what production runs. */
export function configureApp<T extends INestApplication>(app: T): T {
  const config = app.get<AppConfig>(APP_CONFIG);
  const express = app as unknown as NestExpressApplication;
  if (config.trustProxy) express.set('trust proxy', trustProxyValue(config.trustProxy));
  // Cross-site callers only from configured origins; the display pages are same-origin and need none.
  if (config.corsOrigins.length) {
    app.enableCors({ origin: config.corsOrigins, allowedHeaders: ['Content-Type', 'Authorization', 'Idempotency-Key', 'X-Request-Id'] });
  }
  // With REDIS_URL, socket.io broadcasts span every instance.
  app.useWebSocketAdapter(liveIoAdapter(app, config.corsOrigins));
  // Security headers; the default CSP fits the display app (same-origin scripts, sockets and clips). The
  // TLS-only ones (upgrade-insecure-requests, HSTS) only over TLS: halls serve the pages over plain HTTP.
  app.use(securityHeaders(config.edge.https));
  // The Prometheus scrape at /metrics (where scrapers expect it), for HALLQ_METRICS_TOKEN only.
  app.use(metricsScrape(config.edge.metricsToken, app.get(MetricsService).registry));
  // JSON bodies only (415 otherwise: no cross-site form posts), at most 64 KB and 32 levels deep.
  app.use(requireJsonBodies);
  // Nest's option type leaves out `verify` (it uses it for rawBody, which we do not); body-parser takes it.
  express.useBodyParser('json', { limit: '64kb', verify: refuseDeepJson } as NestExpressBodyParserOptionsFor<'json'>);
  // Probes (/health/*) live where load balancers expect them.
  app.setGlobalPrefix('api', { exclude: ['health/live', 'health/ready'] });
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new HttpExceptionFilter());
  app.enableShutdownHooks();
  // Public in development and the demo; in production only when HALLQ_API_DOCS says so.
  if (config.edge.apiDocs) setUpApiDocs(app);
  return app;
}

/** The OpenAPI document at /api/docs-json and its page at /api/docs. */
function setUpApiDocs(app: INestApplication): void {
  const doc = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('hallq API')
      .setDescription('Queue and window-load service for public service halls: tickets, windows, the live hall.')
      .setVersion('1')
      .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'A staff sign-in token (POST /api/auth/sign-in) or a device token (hqd_...)' })
      .build(),
  );
  SwaggerModule.setup('api/docs', app, doc, { jsonDocumentUrl: 'api/docs-json' });
}

/** "true", a hop count, or addresses/subnets, as Express reads them. */
function trustProxyValue(v: string): boolean | number | string {
  if (v === 'true') return true;
  return /^\d+$/.test(v) ? Number(v) : v;
}
