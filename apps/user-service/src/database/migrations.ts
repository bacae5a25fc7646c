import { UsersTable1763900000000 } from '../users/persistence/migrations/1763900000000-users-table';
import { MessagingTables1763700000000 } from './migrations/1763700000000-messaging-tables';

/** Every migration of user-service's database, in order. */
export const USER_SERVICE_MIGRATIONS = [MessagingTables1763700000000, UsersTable1763900000000];
