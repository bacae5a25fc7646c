/** DDL a service's migration runs, statement by statement (`queryRunner.query(sql)`). */
export interface SqlSchema {
  /** Creates the table and its indexes. */
  readonly up: readonly string[];
  /** Drops them again. */
  readonly down: readonly string[];
}
