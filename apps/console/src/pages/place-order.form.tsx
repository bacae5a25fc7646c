import { useEffect, useState, type FormEvent } from 'react';
import type { ApiClient } from '../api/api-client';
import type { PaymentToken, Product } from '../api/api.types';
import { money } from '../components/format';

/** Places an order quickly, to watch its saga: a product, a quantity, a test card. */
export function PlaceOrderForm({
  api,
  placed,
}: {
  api: ApiClient;
  placed: (orderId: string) => void;
}) {
  const [products, setProducts] = useState<Product[]>([]);
  const [productId, setProductId] = useState('');
  const [quantity, setQuantity] = useState(1);
  const [card, setCard] = useState<PaymentToken>('tok_visa');
  const [search, setSearch] = useState('');
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let current = true;
    // Typing settles before the catalogue is asked.
    const timer = setTimeout(() => {
      api.products(search.trim()).then(
        (page) => {
          if (!current) return;
          setProducts(page.items);
          setProductId(page.items[0]?.id ?? '');
        },
        (failure: Error) => setError(failure.message),
      );
    }, 250);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [api, search]);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    try {
      placed((await api.placeOrder([{ productId, quantity }], card)).id);
    } catch (failure) {
      setError((failure as Error).message);
    }
  };
  return (
    <form className="card place-order" onSubmit={(event) => void submit(event)}>
      <h2>Place an order</h2>
      <label>
        Find a product
        <input
          name="search"
          type="search"
          placeholder="name or SKU"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
        />
      </label>
      <label>
        Product
        <select
          name="product"
          value={productId}
          onChange={(e) => setProductId(e.target.value)}
          required
        >
          {products.map((product) => (
            <option key={product.id} value={product.id}>
              {product.name} ({product.sku}, {money(product.price, product.currency)})
            </option>
          ))}
        </select>
      </label>
      <label>
        Quantity
        <input
          name="quantity"
          type="number"
          min={1}
          max={100}
          value={quantity}
          onChange={(e) => setQuantity(Number(e.target.value))}
        />
      </label>
      <label>
        Card
        <select name="card" value={card} onChange={(e) => setCard(e.target.value as PaymentToken)}>
          <option value="tok_visa">tok_visa (charged)</option>
          <option value="tok_chargeDeclined">tok_chargeDeclined (declined)</option>
        </select>
      </label>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" disabled={productId === ''}>
        Place order
      </button>
    </form>
  );
}
