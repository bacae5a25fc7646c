import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { MongooseModule } from '@nestjs/mongoose';
import type { ProductServiceEnv } from '../config/product-service.env';

/**
 * product-service's own MongoDB (locally the DocumentDB engine behind tools/mongo-gateway).
 * Indexes are synced explicitly at boot by the features that own them, not built implicitly
 * on first model use.
 */
@Module({
  imports: [
    MongooseModule.forRootAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService<ProductServiceEnv, true>) => ({
        uri: config.get('PRODUCT_MONGO_URL', { infer: true }),
        appName: 'product-service',
        autoIndex: false,
        autoCreate: false,
        serverSelectionTimeoutMS: 5_000,
      }),
    }),
  ],
})
export class DatabaseModule {}
