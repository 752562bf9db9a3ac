import { Body, Controller, Get, HttpCode, Param, Patch, Post, Req } from '@nestjs/common';
import type { Request } from 'express';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import { Access, Public } from './access.decorator';
import { Caller } from './access.guard';
import { AccountsService } from './accounts.service';
import { DevicesService } from './devices.service';
import {
  AccountResponseDto, CreateAccountDto, CreateDeviceDto, DeviceResponseDto, IssuedDeviceResponseDto, SignInDto, SignInResponseDto, UpdateAccountDto,
} from './dto/auth.dto';
import { RateLimited } from './rate-limit';
import { actorName, type Principal, type StaffPrincipal } from './principal';

@ApiTags('sign-in')
@Controller('auth')
export class AuthController {
  constructor(private readonly accounts: AccountsService) {}

  @Post('sign-in')
  @HttpCode(200)
  @Public()
  @RateLimited('sign-in')
  @ApiOperation({
    summary: 'Staff sign-in: a bearer token for a working day',
    description: 'Rate limited per address. After HALLQ_SIGNIN_MAX_FAILURES failures in a row for one username from one address, that username is '
      + 'locked from that address only (other addresses still sign in); unknown usernames are answered exactly like known ones.',
  })
  @ApiOkResponse({ type: SignInResponseDto })
  @ApiTooManyRequestsResponse({ description: 'Too many attempts from this address (RATE_LIMITED), or this username is locked from here (ACCOUNT_LOCKED)' })
  signIn(@Body() dto: SignInDto, @Req() req: Request) {
    return this.accounts.signIn(dto.username, dto.password, req.ip ?? '');
  }

  @Post('sign-out')
  @HttpCode(204)
  @Access('signed-in')
  @ApiOperation({ summary: 'End this sign-in; its token stops working at once' })
  @ApiNoContentResponse()
  async signOut(@Caller() who: Principal) {
    await this.accounts.signOut(who as StaffPrincipal);
  }

  @Get('me')
  @Access('signed-in')
  @ApiOkResponse({ type: AccountResponseDto })
  me(@Caller() who: Principal) {
    return this.accounts.me(who as StaffPrincipal);
  }
}

@ApiTags('sign-in')
@Controller('accounts')
export class AccountsController {
  constructor(private readonly accounts: AccountsService) {}

  @Get()
  @Access('admin')
  @ApiOkResponse({ type: [AccountResponseDto] })
  list() {
    return this.accounts.list();
  }

  @Post()
  @Access('admin')
  @ApiOperation({ summary: 'Create a staff account (admin; manager of halls; clerk of windows)' })
  @ApiCreatedResponse({ type: AccountResponseDto })
  create(@Body() dto: CreateAccountDto) {
    return this.accounts.create(dto);
  }

  @Patch(':accountId')
  @Access('admin')
  @ApiOperation({ summary: 'Change an account: name, password, halls or windows, disable, unlock' })
  @ApiOkResponse({ type: AccountResponseDto })
  update(@Param('accountId') accountId: string, @Body() dto: UpdateAccountDto) {
    return this.accounts.update(accountId, dto);
  }
}

@ApiTags('sign-in')
@Controller('halls/:hallId/devices')
export class DevicesController {
  constructor(private readonly devices: DevicesService) {}

  @Get()
  @Access('hall-manager')
  @ApiOkResponse({ type: [DeviceResponseDto] })
  list(@Param('hallId') hallId: string) {
    return this.devices.list(hallId);
  }

  @Post()
  @Access('hall-manager')
  @ApiOperation({ summary: 'Register a kiosk or screen; its token is in this answer only' })
  @ApiCreatedResponse({ type: IssuedDeviceResponseDto })
  issue(@Param('hallId') hallId: string, @Body() dto: CreateDeviceDto, @Caller() who: Principal) {
    return this.devices.issue(hallId, dto.kind, dto.label, actorName(who));
  }

  @Post(':deviceId/revoke')
  @HttpCode(200)
  @Access('hall-manager')
  @ApiOperation({ summary: 'Revoke a device token; its connections close and its requests get 401' })
  @ApiOkResponse({ type: DeviceResponseDto })
  revoke(@Param('hallId') hallId: string, @Param('deviceId') deviceId: string) {
    return this.devices.revoke(hallId, deviceId);
  }
}
