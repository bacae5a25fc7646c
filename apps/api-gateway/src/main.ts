import { bootstrapService } from '@polyshop/service-runtime';
import { AppModule } from './app.module';

void bootstrapService(AppModule, {
  name: 'api-gateway',
  portKey: 'GATEWAY_HTTP_PORT',
  rpcServer: false,
});
