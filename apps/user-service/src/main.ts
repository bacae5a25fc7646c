import { bootstrapService } from '@polyshop/service-runtime';
import { AppModule } from './app.module';

void bootstrapService(AppModule, {
  name: 'user-service',
  portKey: 'USER_HTTP_PORT',
  rpcServer: true,
});
