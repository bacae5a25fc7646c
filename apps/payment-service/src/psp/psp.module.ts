import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { PaymentServiceEnv } from '../config/payment-service.env';
import { PaymentProvider } from './payment-provider';
import { PspLedger } from './psp-ledger';
import { PspSimulator } from './psp-simulator';
import { PspLedgerRepository } from './persistence/psp-ledger.repository';

/**
 * The payment service provider: here the simulator, configured by `PSP_LATENCY_MS` and
 * `PSP_TRANSIENT_FAILURE_RATE`. Business code injects `PaymentProvider` only.
 */
@Module({
  providers: [
    { provide: PspLedger, useClass: PspLedgerRepository },
    {
      provide: PspSimulator,
      inject: [PspLedger, ConfigService],
      useFactory: (ledger: PspLedger, config: ConfigService<PaymentServiceEnv, true>) =>
        new PspSimulator(ledger, {
          latencyMs: config.get('PSP_LATENCY_MS', { infer: true }),
          transientFailureRate: config.get('PSP_TRANSIENT_FAILURE_RATE', { infer: true }),
        }),
    },
    { provide: PaymentProvider, useExisting: PspSimulator },
  ],
  exports: [PaymentProvider, PspSimulator],
})
export class PspModule {}
