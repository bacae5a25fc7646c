import { Module } from '@nestjs/common';
import { GetAvailabilityUseCase } from './get-availability.use-case';
import { InitialiseStockUseCase } from './initialise-stock.use-case';
import { SetStockUseCase } from './set-stock.use-case';
import { StockController } from './stock.controller';
import { StockEvents } from './stock.events';
import { StockRepository } from './stock.repository';

/** Stock levels per product: initialised from the catalog, corrected by admins, queried. */
@Module({
  controllers: [StockController, StockEvents],
  providers: [StockRepository, InitialiseStockUseCase, SetStockUseCase, GetAvailabilityUseCase],
  exports: [StockRepository],
})
export class StockModule {}
