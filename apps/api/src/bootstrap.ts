import { ConsoleLogger, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import helmet from 'helmet';
import { AppModule } from './app.module';
import { liveIoAdapter } from './cluster/redis-io.adapter';
import { APP_CONFIG, type AppConfig } from './common/config/app-config';
import { HttpExceptionFilter } from './common/errors/http-exception.filter';
import { createValidationPipe } from './common/errors/validation';

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
  if (config.corsOrigins.length) app.enableCors({ origin: config.corsOrigins, allowedHeaders: ['Content-Type', 'Authorization', 'Idempotency-Key', 'X-Request-Id'] });
  // With REDIS_URL, socket.io broadcasts span every instance.
  app.useWebSocketAdapter(liveIoAdapter(app, config.corsOrigins));
  // Security headers; the default CSP fits the display app (same-origin scripts, sockets and clips).
  app.use(helmet({ crossOriginEmbedderPolicy: false }));
  express.useBodyParser('json', { limit: '64kb' });
  // Probes (/health/*) and the scrape endpoint (/metrics) live where their tools expect them.
  app.setGlobalPrefix('api', { exclude: ['health/live', 'health/ready', 'metrics'] });
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new HttpExceptionFilter());
  app.enableShutdownHooks();
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
  return app;
}

/** "true", a hop count, or addresses/subnets, as Express reads them. */
function trustProxyValue(v: string): boolean | number | string {
  if (v === 'true') return true;
  return /^\d+$/.test(v) ? Number(v) : v;
}
