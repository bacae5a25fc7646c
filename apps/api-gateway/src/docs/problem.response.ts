import { ApiProperty, ApiPropertyOptional, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import type { FieldProblem } from '@polyshop/contracts';
import type { ProblemDetails } from '@polyshop/service-runtime';

/** One failing field of a `VALIDATION.FAILED` problem (OpenAPI schema). */
export class FieldProblemResponse implements FieldProblem {
  @ApiProperty({ example: 'items.0.quantity' })
  field!: string;

  @ApiProperty({ example: ['quantity must not be less than 1'] })
  problems!: string[];
}

/** RFC 9457 problem details, the body of every error (`application/problem+json`). */
export class ProblemResponse implements ProblemDetails {
  [extension: string]: unknown;

  @ApiProperty({ example: 'https://polyshop.dev/problems/ORDER.NOT_FOUND' })
  type!: string;

  @ApiProperty({ example: 'Order not found' })
  title!: string;

  @ApiProperty({ example: 404 })
  status!: number;

  @ApiProperty({ example: 'Order 0b6f... not found' })
  detail!: string;

  @ApiProperty({ description: 'Stable `<AREA>.<REASON>` code', example: 'ORDER.NOT_FOUND' })
  code!: string;

  @ApiPropertyOptional({ example: '/orders/0b6f3c1e-6a8e-4d4f-9d3e-2f1c5b7a9e10' })
  instance?: string;

  @ApiPropertyOptional({ description: 'Correlation id of the request (logs, saga timeline)' })
  correlationId?: string;

  @ApiPropertyOptional({ type: [FieldProblemResponse] })
  errors?: FieldProblemResponse[];
}

/** Documents an error answer of a route: `status` with a problem-details body. */
export const ApiProblem = (status: number, description: string): MethodDecorator & ClassDecorator =>
  ApiResponse({
    status,
    description,
    content: { 'application/problem+json': { schema: { $ref: getSchemaPath(ProblemResponse) } } },
  });
