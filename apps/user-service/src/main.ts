import { bootstrapService } from '@polyshop/service-runtime';
import { AppModule } from './app.module';
import { SERVICE_OPTIONS } from './service';

void bootstrapService(AppModule, SERVICE_OPTIONS);
