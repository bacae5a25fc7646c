import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { NatsHealthIndicator } from '@polyshop/messaging';
import { PlatformHealthController } from './platform-health.controller';
import { PlatformReadiness } from './platform-readiness';

/** `GET /health`: the platform's readiness, beside the gateway's own `/health/{live,ready}`. */
@Module({
  imports: [TerminusModule],
  controllers: [PlatformHealthController],
  providers: [PlatformReadiness, NatsHealthIndicator],
})
export class PlatformHealthModule {}
