import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { AdminController } from './admin.controller';
import { ListDeadLettersUseCase } from './list-dead-letters.use-case';

/** The admin API the saga console calls. */
@Module({
  imports: [AuthModule],
  controllers: [AdminController],
  providers: [ListDeadLettersUseCase],
})
export class AdminModule {}
