import { Controller, Get } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblem } from '../docs/problem.response';
import { GatewayError } from '../problems/gateway.errors';
import { PlatformReadiness, type PlatformReadinessReport } from './platform-readiness';
import { AppReadinessResponse, PlatformHealthResponse } from './platform-health.response';

@ApiTags('health')
@ApiExtraModels(AppReadinessResponse)
@Controller('health')
export class PlatformHealthController {
  constructor(private readonly readiness: PlatformReadiness) {}

  /** 200 when every app is ready; else 503 problem details carrying the same report. */
  @Get()
  @ApiOperation({ summary: 'Readiness of the gateway and of every service' })
  @ApiOkResponse({ type: PlatformHealthResponse })
  @ApiProblem(503, 'Not all ready: SERVICE.UNAVAILABLE with the same `ready` and `services`')
  async check(): Promise<PlatformReadinessReport> {
    const report = await this.readiness.check();
    if (report.ready) return report;
    const down = Object.entries(report.services)
      .filter(([, app]) => !app.ready)
      .map(([name]) => name);
    throw new GatewayError('SERVICE.UNAVAILABLE', `Not ready: ${down.join(', ')}`, {
      extensions: { ...report },
    });
  }
}
