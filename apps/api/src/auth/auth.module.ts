import { Module } from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR, Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { ThrottlerModule } from '@nestjs/throttler';
import { APP_CONFIG, type AppConfig } from '../common/config/app-config';
import { AccessGuard } from './access.guard';
import { ActorInterceptor } from './actor-context';
import { AccountsService } from './accounts.service';
import { AuthBootstrapService } from './auth-bootstrap.service';
import { AccountsController, AuthController, DevicesController } from './auth.controller';
import { loadSigningSecret } from './auth-secret';
import { CredentialsService, STAFF_JWT } from './credentials.service';
import { DevicesRepository } from './devices.repository';
import { DevicesService } from './devices.service';
import { RedisService } from '../cluster/redis.service';
import { RateLimitGuard, throttlerOptions } from './rate-limit';
import { RedisThrottlerStorage } from './redis-throttler.storage';
import { SettingsRepository } from './settings.repository';
import { SignInBackoffService } from './sign-in-backoff.service';
import { ClusterModule } from '../cluster/cluster.module';
import { SignInFailuresRepository } from './sign-in-failures.repository';
import { StaffAccountsRepository } from './staff-accounts.repository';

/**
 * Sign-in, roles and device tokens. AccessGuard (who may) runs before RateLimitGuard (how often), so
 * the limits know whether the caller is a device, staff or anonymous.
 */
@Module({
  imports: [
    ClusterModule,
    ThrottlerModule.forRootAsync({
      imports: [ClusterModule],
      inject: [APP_CONFIG, Reflector, RedisService],
      // With REDIS_URL the counts are shared by every instance; alone, in memory.
      useFactory: (config: AppConfig, reflector: Reflector, redis: RedisService) => ({
        ...throttlerOptions(config, reflector),
        ...(redis.enabled ? { storage: new RedisThrottlerStorage(redis.commands!, `${redis.key('throttle')}:`) } : {}),
      }),
    }),
  ],
  controllers: [AuthController, AccountsController, DevicesController],
  providers: [
    {
      provide: STAFF_JWT,
      inject: [APP_CONFIG, SettingsRepository],
      useFactory: async (config: AppConfig, settings: SettingsRepository) =>
        new JwtService({
          secret: await loadSigningSecret(config.auth, settings), signOptions: { algorithm: 'HS256' }, verifyOptions: { algorithms: ['HS256'] },
        }),
    },
    CredentialsService,
    AccountsService,
    SignInBackoffService,
    DevicesService,
    AuthBootstrapService,
    StaffAccountsRepository,
    DevicesRepository,
    SignInFailuresRepository,
    SettingsRepository,
    { provide: APP_GUARD, useClass: AccessGuard },
    { provide: APP_GUARD, useClass: RateLimitGuard },
    { provide: APP_INTERCEPTOR, useClass: ActorInterceptor },
  ],
  exports: [CredentialsService, AccountsService, DevicesService, StaffAccountsRepository],
})
export class AuthModule {}
