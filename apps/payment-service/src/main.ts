import { bootstrapService } from '@polyshop/service-runtime';
import { AppModule } from './app.module';

void bootstrapService(AppModule, {
  name: 'payment-service',
  portKey: 'PAYMENT_HTTP_PORT',
  rpcServer: true,
});
