import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import helmet from 'helmet';
import { AppModule } from './app.module';
import { liveIoAdapter } from './cluster/redis-io.adapter';
import type { AppConfig } from './common/config/app-config';
import { HttpExceptionFilter } from './common/errors/http-exception.filter';
import { createValidationPipe } from './common/errors/validation';

/** Builds the configured app for main.ts. */
export async function createApp(config: AppConfig, options: { logger?: false | ('error' | 'warn' | 'log')[] } = {}): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    logger: options.logger ?? ['error', 'warn', 'log'],
  });
  return configureApp(app);
}

/** Everything applied on top of the module; the e2e tests call it too, so they run what production runs. */
export function configureApp<T extends INestApplication>(app: T): T {
  // Security headers; the default CSP fits the display app (same-origin scripts, sockets and clips).
  app.use(helmet({ crossOriginEmbedderPolicy: false }));
  (app as unknown as NestExpressApplication).useBodyParser('json', { limit: '64kb' });
  // Probes (/health/*) and the scrape endpoint (/metrics) live where their tools expect them.
  app.setGlobalPrefix('api', { exclude: ['health/live', 'health/ready', 'metrics'] });
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new HttpExceptionFilter());
  app.enableShutdownHooks();
  // With REDIS_URL, socket.io broadcasts span every instance.
  const io = liveIoAdapter(app);
  if (io) app.useWebSocketAdapter(io);
  const doc = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('hallq API')
      .setDescription('Queue and window-load service for public service halls: tickets, windows, the live hall.')
      .setVersion('1')
      .build(),
  );
  SwaggerModule.setup('api/docs', app, doc, { jsonDocumentUrl: 'api/docs-json' });
  return app;
}
