import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { AppReadiness } from './platform-readiness';

export class AppReadinessResponse implements AppReadiness {
  @ApiProperty()
  ready!: boolean;

  @ApiPropertyOptional({ description: "Status of the service's /health/ready" })
  status?: number;

  @ApiPropertyOptional({ description: 'Each dependency of the app (terminus details)' })
  details?: unknown;

  @ApiPropertyOptional({ description: 'Why it did not answer' })
  reason?: string;
}

export class PlatformHealthResponse {
  @ApiProperty()
  ready!: boolean;

  @ApiProperty({
    description: 'By app: api-gateway, user-service, product-service, ...',
    type: 'object',
    additionalProperties: { $ref: '#/components/schemas/AppReadinessResponse' },
  })
  services!: Record<string, AppReadinessResponse>;
}
