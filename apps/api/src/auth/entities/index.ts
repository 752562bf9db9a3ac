import { DeviceEntity } from './device.entity';
import { SettingEntity } from './setting.entity';
import { SignInFailureEntity } from './sign-in-failure.entity';
import { StaffAccountEntity } from './staff-account.entity';
import { StaffSessionEntity } from './staff-session.entity';

export * from './device.entity';
export * from './setting.entity';
export * from './sign-in-failure.entity';
export * from './staff-account.entity';
export * from './staff-session.entity';

export const AUTH_ENTITIES = [StaffAccountEntity, StaffSessionEntity, DeviceEntity, SettingEntity, SignInFailureEntity];
