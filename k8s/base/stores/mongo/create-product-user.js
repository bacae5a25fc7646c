// First start of mongo-product only (docker-entrypoint-initdb.d), before access control is on:
// product-service's own user, allowed to read and write its database and nothing else.
db.getSiblingDB('products').createUser({
  user: 'product-service',
  pwd: process.env.PRODUCT_PASSWORD,
  roles: [{ role: 'readWrite', db: 'products' }],
});
