import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { MongooseModule } from '@nestjs/mongoose';
import type { ProductServiceEnv } from '../config/product-service.env';

/**
 * Longest a command waits for a reachable MongoDB (server selection, or Mongoose's buffering
 * while it reconnects) before failing, instead of the driver's 30 s and Mongoose's 10 s: the
 * caller gets SERVICE.UNAVAILABLE within the gateway's RPC timeout (1.5 s by default).
 */
export const STORE_WAIT_MS = 1_000;

/**
 * Longest a new connection, the server monitor's included, may take to open and answer its
 * handshake, instead of the driver's 30 s: a monitor check caught in a store outage could
 * otherwise keep the service unavailable for 30 s after the store is back.
 */
export const STORE_CONNECT_TIMEOUT_MS = 5_000;

/**
 * product-service's own MongoDB (locally the DocumentDB engine behind tools/mongo-gateway).
 * Indexes are synced explicitly at boot by the features that own them, not built implicitly
 * on first model use. Commands fail after `STORE_WAIT_MS` while the store is unreachable.
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
        serverSelectionTimeoutMS: STORE_WAIT_MS,
        bufferTimeoutMS: STORE_WAIT_MS,
        connectTimeoutMS: STORE_CONNECT_TIMEOUT_MS,
      }),
    }),
  ],
})
export class DatabaseModule {}
