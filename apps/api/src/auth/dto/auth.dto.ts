import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsString, IsUUID, Length, Matches } from 'class-validator';
import { DEVICE_KINDS, type DeviceKind } from '../entities/device.entity';
import { STAFF_ROLES, type StaffRole } from '../entities/staff-account.entity';
import { IsOptionalNotNull } from '../../common/validation/is-optional-not-null';
import { IsDisplayName } from '../../common/validation/is-display-name';

export class SignInDto {
  @ApiProperty({ example: 'manager' })
  @IsString()
  @Length(1, 64)
  username: string;

  @ApiProperty({ example: 'hallq-demo-manager' })
  @IsString()
  @Length(1, 200)
  password: string;
}

export class CreateAccountDto {
  @ApiProperty({ example: 'clerk-wang', description: '3-64 letters, digits, dots, dashes or underscores' })
  @Matches(/^[A-Za-z0-9._-]{3,64}$/, { message: 'username must be 3-64 letters, digits, dots, dashes or underscores' })
  username: string;

  @ApiPropertyOptional({ example: '王小明', maxLength: 100, description: 'Trimmed; no control, zero-width or text-direction characters.' })
  @IsOptionalNotNull()
  @IsDisplayName({ max: 100 })
  displayName?: string;

  @ApiProperty({ enum: STAFF_ROLES })
  @IsIn(STAFF_ROLES, { message: `role must be one of ${STAFF_ROLES.join(', ')}` })
  role: StaffRole;

  @ApiProperty({ description: 'At least 10 characters' })
  @IsString()
  @Length(10, 200, { message: 'password must be 10 to 200 characters' })
  password: string;

  @ApiPropertyOptional({ type: [String], description: 'Halls a manager runs' })
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMaxSize(1000)
  @IsUUID('all', { each: true, message: 'each of hallIds must be a hall id' })
  hallIds?: string[];

  @ApiPropertyOptional({ type: [String], description: 'Windows a clerk works at' })
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMaxSize(1000)
  @IsUUID('all', { each: true, message: 'each of windowIds must be a window id' })
  windowIds?: string[];
}

export class UpdateAccountDto {
  @ApiPropertyOptional({ maxLength: 100, description: 'Trimmed; no control, zero-width or text-direction characters.' })
  @IsOptionalNotNull()
  @IsDisplayName({ max: 100 })
  displayName?: string;

  @ApiPropertyOptional({ description: 'A new password ends every open session of the account' })
  @IsOptionalNotNull()
  @IsString()
  @Length(10, 200, { message: 'password must be 10 to 200 characters' })
  password?: string;

  @ApiPropertyOptional({ type: [String] })
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMaxSize(1000)
  @IsUUID('all', { each: true, message: 'each of hallIds must be a hall id' })
  hallIds?: string[];

  @ApiPropertyOptional({ type: [String] })
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMaxSize(1000)
  @IsUUID('all', { each: true, message: 'each of windowIds must be a window id' })
  windowIds?: string[];

  @ApiPropertyOptional({ description: 'true ends every open session and refuses sign-in' })
  @IsOptionalNotNull()
  @IsBoolean()
  disabled?: boolean;

  @ApiPropertyOptional({ description: 'true lifts a lock-out after failed sign-ins' })
  @IsOptionalNotNull()
  @IsBoolean()
  unlock?: boolean;
}

export class CreateDeviceDto {
  @ApiProperty({ enum: DEVICE_KINDS })
  @IsIn(DEVICE_KINDS, { message: `kind must be one of ${DEVICE_KINDS.join(', ')}` })
  kind: DeviceKind;

  @ApiProperty({ example: 'Kiosk by the entrance', maxLength: 100, description: 'Trimmed; no control, zero-width or text-direction characters.' })
  @IsDisplayName({ max: 100 })
  label: string;
}

export class AccountResponseDto {
  @ApiProperty() id: string;
  @ApiProperty() username: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ enum: STAFF_ROLES }) role: StaffRole;
  @ApiProperty({ type: [String] }) hallIds: string[];
  @ApiProperty({ type: [String] }) windowIds: string[];
  @ApiProperty() disabled: boolean;
  @ApiProperty({ nullable: true, type: Number }) lockedUntil: number | null;
  @ApiProperty() createdAt: number;
}

export class SignInResponseDto {
  @ApiProperty({ description: 'Send as "Authorization: Bearer <token>"; socket.io: auth: { token }' }) token: string;
  @ApiProperty({ description: 'Epoch ms' }) expiresAt: number;
  @ApiProperty({ type: AccountResponseDto }) account: AccountResponseDto;
}

export class DeviceResponseDto {
  @ApiProperty() id: string;
  @ApiProperty() hallId: string;
  @ApiProperty({ enum: DEVICE_KINDS }) kind: DeviceKind;
  @ApiProperty() label: string;
  @ApiProperty() createdAt: number;
  @ApiProperty() createdBy: string;
  @ApiProperty({ nullable: true, type: Number }) revokedAt: number | null;
}

export class IssuedDeviceResponseDto extends DeviceResponseDto {
  @ApiProperty({ description: 'Shown once: put it on the device (e.g. /screen/<hall>?device=<token>)' }) token: string;
}
