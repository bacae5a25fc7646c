import { IsIn, IsUUID } from 'class-validator';
import { USER_ROLES, type UserRole } from '../codes';
import type { EventDefinition } from './event-definition';

/** `user.registered.v1`: an account was created. No PII: no email, no name. */
export class UserRegisteredData {
  @IsUUID()
  userId!: string;

  @IsIn(USER_ROLES)
  role!: UserRole;
}

/** Events published by user-service on the `USER` stream. */
export const USER_EVENTS = {
  'user.registered.v1': {
    type: 'user.registered',
    version: 1,
    producer: 'user',
    stream: 'USER',
    dataClass: UserRegisteredData,
    consumers: [],
  },
} as const satisfies Record<string, EventDefinition>;
