import { Controller, Get, HttpCode, HttpStatus, Param, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  DLQ_PATTERNS,
  RPC_PATTERNS,
  type AdminOrderView,
  type Page,
  type ReplayedDeadLetter,
  type SagaStats,
} from '@polyshop/contracts';
import { Auth } from '../auth/auth.decorators';
import { ApiProblem } from '../docs/problem.response';
import { RpcClient } from '../rpc/rpc.client';
import { DeadLetterParams, ListAllOrdersQuery, SagaStatsQuery } from './dto/admin-requests.dto';
import {
  AdminOrderPageResponse,
  DeadLetterListResponse,
  ReplayedDeadLetterResponse,
  SagaStatsResponse,
} from './dto/admin.response';
import { ListDeadLettersUseCase, type DeadLetterOverview } from './list-dead-letters.use-case';

/** What the saga console shows admins: every order, saga counts, dead letters and replays. */
@ApiTags('admin')
@Auth('admin')
@ApiProblem(400, 'Invalid query or path')
@Controller('admin')
export class AdminController {
  constructor(
    private readonly rpc: RpcClient,
    private readonly listDeadLetters: ListDeadLettersUseCase,
  ) {}

  @Get('orders')
  @ApiOperation({ summary: 'Every order, newest first, of one status if asked' })
  @ApiOkResponse({ type: AdminOrderPageResponse })
  @ApiProblem(503, 'order-service is down')
  orders(@Query() query: ListAllOrdersQuery): Promise<Page<AdminOrderView>> {
    return this.rpc.call(RPC_PATTERNS.ORDERS_LIST_ALL, { ...query });
  }

  @Get('saga-stats')
  @ApiOperation({ summary: 'How many orders are in each status, and per failure reason' })
  @ApiOkResponse({ type: SagaStatsResponse })
  @ApiProblem(503, 'order-service is down')
  sagaStats(@Query() query: SagaStatsQuery): Promise<SagaStats> {
    return this.rpc.call(RPC_PATTERNS.ORDERS_SAGA_STATS, { ...query });
  }

  @Get('dead-letters')
  @ApiOperation({
    summary: "Every consuming service's dead letters, oldest first",
    description: 'A service that does not answer is listed in `unavailable` (the answer is 200).',
  })
  @ApiOkResponse({ type: DeadLetterListResponse })
  deadLetters(): Promise<DeadLetterOverview> {
    return this.listDeadLetters.execute();
  }

  @Post('dead-letters/:service/:sequence/replay')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Publish a dead letter again on its original subject' })
  @ApiOkResponse({ type: ReplayedDeadLetterResponse })
  @ApiProblem(404, "No such dead letter of that service's")
  @ApiProblem(503, 'The service is down')
  replay(@Param() { service, sequence }: DeadLetterParams): Promise<ReplayedDeadLetter> {
    return this.rpc.call(DLQ_PATTERNS[service].replay, { sequence });
  }
}
