import { bootstrapService } from '@polyshop/service-runtime';
import { AppModule } from './app.module';
import { MONOLITH_APP_OPTIONS } from './monolith-app';

void bootstrapService(AppModule, MONOLITH_APP_OPTIONS);
