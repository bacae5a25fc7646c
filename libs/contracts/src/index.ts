export * from './codes';
export * from './envelope/create-envelope';
export * from './envelope/envelope';
export * from './envelope/parse-envelope';
export * from './errors';
export * from './events/event-definition';
export * from './events/event-map';
export * from './events/inventory.events';
export * from './events/order.events';
export * from './events/payment.events';
export * from './events/product.events';
export * from './events/user.events';
export * from './rpc/common.dto';
export * from './rpc/dlq.rpc';
export * from './rpc/inventory.rpc';
export * from './rpc/orders.rpc';
export * from './rpc/payments.rpc';
export * from './rpc/products.rpc';
export * from './rpc/rpc-definition';
export * from './rpc/rpc-map';
export * from './rpc/timeline.rpc';
export * from './rpc/users.rpc';
export * from './samples';
export * from './services';
export * from './streams';
export * from './validation/field-decorators';
export {
  describeProblems,
  fieldProblemsOf,
  joinPath,
  type FieldProblem,
  type Validated,
} from './validation/validate-plain';
