import { bootstrapService } from '@polyshop/service-runtime';
import { AppModule } from './app.module';

void bootstrapService(AppModule, {
  name: 'order-service',
  portKey: 'ORDER_HTTP_PORT',
  rpcServer: true,
});
