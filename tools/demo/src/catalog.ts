/** The demo catalogue `npm start` seeds on first run: a few products with stock. */
export interface DemoProduct {
  sku: string;
  name: string;
  description: string;
  /** Minor units (cents). */
  price: number;
  currency: 'EUR';
  initialStock: number;
}

export const DEMO_CATALOG: readonly DemoProduct[] = [
  {
    sku: 'DEMO-MUG-001',
    name: 'Polyshop mug',
    description: 'Stoneware mug, 350 ml, dishwasher safe',
    price: 1250,
    currency: 'EUR',
    initialStock: 100,
  },
  {
    sku: 'DEMO-TEE-002',
    name: 'Saga T-shirt',
    description: 'Organic cotton T-shirt printed with the order saga',
    price: 2400,
    currency: 'EUR',
    initialStock: 50,
  },
  {
    sku: 'DEMO-BOOK-003',
    name: 'Database per Service, the book',
    description: 'Choreographed sagas, outboxes and inboxes, explained with Polyshop',
    price: 3900,
    currency: 'EUR',
    initialStock: 20,
  },
  {
    sku: 'DEMO-STICKER-004',
    name: 'Sticker pack',
    description: 'Ten vinyl stickers of the Polyshop services',
    price: 500,
    currency: 'EUR',
    initialStock: 5,
  },
];
