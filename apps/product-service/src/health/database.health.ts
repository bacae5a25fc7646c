import { Injectable } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import { HealthIndicatorService, type HealthIndicatorResult } from '@nestjs/terminus';
import {
  errorMessage,
  READINESS_TIMEOUT_MS,
  withTimeout,
  type ReadinessIndicator,
} from '@polyshop/service-runtime';
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

  async isHealthy(): Promise<HealthIndicatorResult> {
    const indicator = this.health.check('mongodb');
    const db = this.connection.db;
    if (db === undefined) return indicator.down({ message: 'not connected yet' });
    try {
      await withTimeout(db.command({ ping: 1 }), READINESS_TIMEOUT_MS, 'MongoDB ping');
      return indicator.up();
    } catch (error) {
      return indicator.down({ message: errorMessage(error) });
    }
  }
}
