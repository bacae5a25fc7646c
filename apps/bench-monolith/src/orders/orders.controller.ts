import { Body, Controller, HttpCode, HttpStatus, Post, Req, UseGuards } from '@nestjs/common';
import { JwtAuthGuard, type AuthenticatedRequest } from '../http/jwt-auth.guard';
import { PlaceOrderBody } from './dto/place-order.dto';
import { PlaceOrderUseCase, type PlacedOrder } from './place-order.use-case';

@Controller('orders')
export class OrdersController {
  constructor(private readonly placeOrder: PlaceOrderUseCase) {}

  /** 201 with the final status: the order is decided before the answer. */
  @Post()
  @HttpCode(HttpStatus.CREATED)
  @UseGuards(JwtAuthGuard)
  place(@Req() request: AuthenticatedRequest, @Body() body: PlaceOrderBody): Promise<PlacedOrder> {
    // The guard ran: the user id is set.
    return this.placeOrder.execute(request.userId as string, body.items, body.paymentToken);
  }
}
