import { Global, Module } from '@nestjs/common';
import { RpcClient } from './rpc.client';

/** The `RpcClient` for every feature module (on the connection of the global `NatsModule`). */
@Global()
@Module({ providers: [RpcClient], exports: [RpcClient] })
export class RpcModule {}
