import { Module } from '@nestjs/common';
import { JournalRepository } from './journal.repository';
import { SagaJournalObserver } from './saga-journal.observer';
import { TimelineController } from './timeline.controller';

/** inventory's journal of each order's saga, and the call that reads it. */
@Module({
  controllers: [TimelineController],
  providers: [JournalRepository, SagaJournalObserver],
})
export class TimelineModule {}
