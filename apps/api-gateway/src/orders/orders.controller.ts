import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Query } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { RPC_PATTERNS, type OrderAccepted, type OrderView, type Page } from '@polyshop/contracts';
import type { Requester } from '../auth/access-tokens';
import { Auth, CurrentUser } from '../auth/auth.decorators';
import { ApiProblem } from '../docs/problem.response';
import { RateLimit } from '../rate-limit/rate-limit.decorator';
import { RpcClient } from '../rpc/rpc.client';
import { ListOrdersQuery, OrderIdParams, PlaceOrderBody } from './dto/order-requests.dto';
import {
  OrderAcceptedResponse,
  OrderPageResponse,
  OrderResponse,
  OrderTimelineResponse,
} from './dto/order.response';
import { GetOrderTimelineUseCase, type SagaTimeline } from './get-order-timeline.use-case';
import { IDEMPOTENCY_KEY_HEADER, IdempotencyKey } from './idempotency-key.decorator';

const NOT_FOUND = "No such order, or another user's";

/** Orders of the caller; order-service checks ownership (anyone else's order is a 404). */
@ApiTags('orders')
@ApiProblem(400, 'Invalid query, path or body')
@ApiProblem(503, 'order-service is down')
@Controller('orders')
export class OrdersController {
  constructor(
    private readonly rpc: RpcClient,
    private readonly getOrderTimeline: GetOrderTimelineUseCase,
  ) {}

  @Post()
  @HttpCode(HttpStatus.ACCEPTED)
  @RateLimit('orders')
  @Auth()
  @ApiOperation({ summary: 'Place an order; the saga runs after the answer' })
  @ApiHeader({
    name: IDEMPOTENCY_KEY_HEADER,
    required: false,
    description: 'Placing again with the same key returns the same order',
  })
  @ApiAcceptedResponse({ type: OrderAcceptedResponse })
  @ApiProblem(422, 'Unknown product, or the key was used for another order')
  place(
    @CurrentUser() user: Requester,
    @Body() body: PlaceOrderBody,
    @IdempotencyKey() idempotencyKey: string | undefined,
  ): Promise<OrderAccepted> {
    return this.rpc.call(RPC_PATTERNS.ORDERS_PLACE, {
      userId: user.userId,
      items: body.items.map(({ productId, quantity }) => ({ productId, quantity })),
      paymentToken: body.paymentToken,
      ...(idempotencyKey === undefined ? {} : { idempotencyKey }),
    });
  }

  @Get()
  @Auth()
  @ApiOperation({ summary: "The caller's orders, newest first" })
  @ApiOkResponse({ type: OrderPageResponse })
  list(@CurrentUser() user: Requester, @Query() query: ListOrdersQuery): Promise<Page<OrderView>> {
    return this.rpc.call(RPC_PATTERNS.ORDERS_LIST_MINE, { ...query, userId: user.userId });
  }

  @Get(':id')
  @Auth()
  @ApiOperation({ summary: 'One order (its owner or an admin)' })
  @ApiOkResponse({ type: OrderResponse })
  @ApiProblem(404, NOT_FOUND)
  get(@CurrentUser() requester: Requester, @Param() { id }: OrderIdParams): Promise<OrderView> {
    return this.rpc.call(RPC_PATTERNS.ORDERS_GET, { orderId: id, requester });
  }

  @Post(':id/cancel')
  @HttpCode(HttpStatus.ACCEPTED)
  @Auth()
  @ApiOperation({ summary: 'Cancel an order (its owner); compensation follows' })
  @ApiAcceptedResponse({ type: OrderAcceptedResponse })
  @ApiProblem(404, NOT_FOUND)
  @ApiProblem(409, 'The order is already final')
  cancel(
    @CurrentUser() requester: Requester,
    @Param() { id }: OrderIdParams,
  ): Promise<OrderAccepted> {
    return this.rpc.call(RPC_PATTERNS.ORDERS_CANCEL, { orderId: id, requester });
  }

  @Get(':id/timeline')
  @Auth()
  @ApiOperation({
    summary: 'The saga timeline of an order (its owner or an admin)',
    description:
      "Every participant's journal merged by time; a participant that does not answer is " +
      '`available: false` and its entries are missing (the answer is still 200).',
  })
  @ApiOkResponse({ type: OrderTimelineResponse })
  @ApiProblem(404, NOT_FOUND)
  timeline(
    @CurrentUser() requester: Requester,
    @Param() { id }: OrderIdParams,
  ): Promise<SagaTimeline> {
    return this.getOrderTimeline.execute(id, requester);
  }
}
