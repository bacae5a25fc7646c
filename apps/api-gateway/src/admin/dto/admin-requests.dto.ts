import { ApiProperty } from '@nestjs/swagger';
import {
  DLQ_PATTERNS,
  ListAllOrdersRequest,
  MAX_PAGE_SIZE,
  ORDER_STATUSES,
  SagaStatsRequest,
} from '@polyshop/contracts';
import { Type } from 'class-transformer';
import { IsIn, IsInt, Min } from 'class-validator';
import { documentFields } from '../../docs/document-fields';
import { numbersFromQuery } from '../../validation/query-numbers';

/** The services whose dead letters the console lists and replays. */
export const CONSUMING_SERVICES = Object.keys(DLQ_PATTERNS) as (keyof typeof DLQ_PATTERNS)[];
export type ConsumingService = (typeof CONSUMING_SERVICES)[number];

/** `GET /admin/orders?status=&limit=&offset=`: the rules of `rpc.orders.list-all`. */
export class ListAllOrdersQuery extends ListAllOrdersRequest {}
numbersFromQuery(ListAllOrdersQuery, ['limit', 'offset']);
documentFields(ListAllOrdersQuery, {
  status: { required: false, enum: ORDER_STATUSES },
  limit: { required: false, type: 'integer', minimum: 1, maximum: MAX_PAGE_SIZE },
  offset: { required: false, type: 'integer', minimum: 0 },
});

/** `GET /admin/saga-stats?since=`: the rules of `rpc.orders.saga-stats`. */
export class SagaStatsQuery extends SagaStatsRequest {}
documentFields(SagaStatsQuery, {
  since: {
    required: false,
    format: 'date-time',
    description: 'Count only the orders placed since then',
  },
});

/** Path of `POST /admin/dead-letters/:service/:sequence/replay`. */
export class DeadLetterParams {
  @ApiProperty({ enum: CONSUMING_SERVICES })
  @IsIn(CONSUMING_SERVICES)
  service!: ConsumingService;

  @ApiProperty({ type: 'integer', minimum: 1 })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  sequence!: number;
}
