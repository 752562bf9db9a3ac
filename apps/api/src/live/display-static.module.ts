import { Inject, Module, OnModuleInit, type DynamicModule } from '@nestjs/common';
import { ApplicationConfig, HttpAdapterHost } from '@nestjs/core';
import { ExpressLoader, type ServeStaticModuleOptions } from '@nestjs/serve-static';

const OPTIONS = Symbol('DISPLAY_STATIC_OPTIONS');

/**
 * Serves the built display app (apps/display) with index.html for every page path (/screen/<hall>,
 * /kiosk/<hall>, /t/<token>), exactly as ServeStaticModule does, with one fix: ServeStaticModule picks
 * its loader when its providers are created, and a Nest testing module creates them before it has an
 * HTTP adapter, so under test it silently serves nothing (NoopLoader). Here the adapter is read at
 * module init, when both production and tests have it, so the browser e2e tests run what production runs.
 */
@Module({})
export class DisplayStaticModule implements OnModuleInit {
  static forRoot(options: ServeStaticModuleOptions): DynamicModule {
    return { module: DisplayStaticModule, providers: [{ provide: OPTIONS, useValue: options }] };
  }

  constructor(
    @Inject(OPTIONS) private readonly options: ServeStaticModuleOptions,
    private readonly adapterHost: HttpAdapterHost,
    private readonly config: ApplicationConfig,
  ) {}

  onModuleInit(): void {
    new ExpressLoader().register(this.adapterHost.httpAdapter, this.config, [this.options]);
  }
}
