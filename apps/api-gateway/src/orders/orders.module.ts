import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { GetOrderTimelineUseCase } from './get-order-timeline.use-case';
import { OrdersController } from './orders.controller';

@Module({
  imports: [AuthModule],
  controllers: [OrdersController],
  providers: [GetOrderTimelineUseCase],
})
export class OrdersModule {}
