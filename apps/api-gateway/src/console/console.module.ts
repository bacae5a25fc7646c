import { Module } from '@nestjs/common';
import { ConsoleController } from './console.controller';

/** Serves the saga console (apps/console) built into `CONSOLE_DIR`. */
@Module({ controllers: [ConsoleController] })
export class ConsoleModule {}
