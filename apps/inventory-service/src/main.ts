import { bootstrapService } from '@polyshop/service-runtime';
import { AppModule } from './app.module';

void bootstrapService(AppModule, {
  name: 'inventory-service',
  portKey: 'INVENTORY_HTTP_PORT',
  rpcServer: true,
});
