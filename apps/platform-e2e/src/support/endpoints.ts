import { LOCAL_URLS } from '@polyshop/config';
import { gatewayUrl } from './platform';

/**
 * Where the suites find the platform and its stores: the local infrastructure and the usual
 * gateway port, unless the environment says otherwise (the chaos runner points them at its own
 * instances, `npm run kind` at the cluster's gateway and port-forwards, with credentials: a NATS
 * user in NATS_URL included). Read at each use, so a runner can set them before its first call.
 */
export const endpoints = () => ({
  gateway: gatewayUrl(),
  nats: process.env.NATS_URL ?? LOCAL_URLS.nats,
  userDb: process.env.USER_DB_URL ?? LOCAL_URLS.userDb,
  productMongo: process.env.PRODUCT_MONGO_URL ?? LOCAL_URLS.productMongo,
  orderDb: process.env.ORDER_DB_URL ?? LOCAL_URLS.orderDb,
  paymentDb: process.env.PAYMENT_DB_URL ?? LOCAL_URLS.paymentDb,
  inventoryRedis: process.env.INVENTORY_REDIS_URL ?? LOCAL_URLS.inventoryRedis,
  inventoryKeyPrefix: process.env.INVENTORY_KEY_PREFIX ?? 'inventory:',
});
