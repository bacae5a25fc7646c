import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { GetProductDetailsUseCase } from './get-product-details.use-case';
import { ProductsController } from './products.controller';

@Module({
  imports: [AuthModule],
  controllers: [ProductsController],
  providers: [GetProductDetailsUseCase],
})
export class ProductsModule {}
