import { bootstrapService } from '@polyshop/service-runtime';
import { AppModule } from './app.module';
import { GATEWAY_APP_OPTIONS } from './gateway-app';

void bootstrapService(AppModule, { ...GATEWAY_APP_OPTIONS, portKey: 'GATEWAY_HTTP_PORT' });
