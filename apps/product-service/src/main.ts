import { bootstrapService } from '@polyshop/service-runtime';
import { AppModule } from './app.module';

void bootstrapService(AppModule, {
  name: 'product-service',
  portKey: 'PRODUCT_HTTP_PORT',
  rpcServer: true,
});
