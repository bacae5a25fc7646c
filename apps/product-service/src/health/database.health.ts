import { Injectable } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import { HealthIndicatorService, type HealthIndicatorResult } from '@nestjs/terminus';
import { probeReadiness, type ReadinessIndicator } from '@polyshop/service-runtime';
import type { Connection } from 'mongoose';

/**
 * Sends a real `ping` command. Terminus' Mongoose indicator only reads the connection's state,
 * which stays "connected" for a long while after the server stops answering.
 */
@Injectable()
export class DatabaseHealthIndicator implements ReadinessIndicator {
  constructor(
    @InjectConnection() private readonly connection: Connection,
    private readonly health: HealthIndicatorService,
  ) {}

  isHealthy(): Promise<HealthIndicatorResult> {
    return probeReadiness(this.health, 'mongodb', async () => {
      const { db } = this.connection;
      if (db === undefined) throw new Error('not connected yet');
      await db.command({ ping: 1 });
    });
  }
}
