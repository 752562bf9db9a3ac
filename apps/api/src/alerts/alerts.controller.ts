import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { AlertsService } from './alerts.service';
import { AppError } from '../common/errors/app-error';
import { Access } from '../auth/access.decorator';

@ApiTags('alerts')
@Controller('halls/:hallId/alerts')
export class AlertsController {
  constructor(private readonly alerts: AlertsService) {}

  @Access('hall-staff')
  @Get()
  @ApiOperation({ summary: "The hall's alerts, newest escalation first (open ones only by default)" })
  @ApiQuery({ name: 'open', required: false, type: Boolean })
  list(@Param('hallId') hallId: string, @Query('open') open?: string) {
    if (open !== undefined && open !== 'true' && open !== 'false') {
      throw new AppError('VALIDATION_FAILED', { reason: 'OPEN_FLAG' });
    }
    return this.alerts.list(hallId, open !== 'false');
  }

  @Access('hall-manager')
  @Post(':alertId/ack')
  @HttpCode(200)
  @ApiOperation({ summary: 'A manager acknowledges an alert (raising its level again clears the acknowledgement)' })
  ack(@Param('hallId') hallId: string, @Param('alertId') alertId: string) {
    return this.alerts.acknowledge(hallId, alertId);
  }
}
