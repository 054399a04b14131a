CREATE TABLE orders (
  id bigserial PRIMARY KEY,
  customer text NOT NULL,
  subtotal_cents bigint NOT NULL CHECK (subtotal_cents >= 0),
  item_count integer NOT NULL CHECK (item_count > 0),
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE order_lines (
  order_id bigint NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
  line_no integer NOT NULL,
  sku text NOT NULL,
  quantity integer NOT NULL CHECK (quantity BETWEEN 1 AND 10000),
  unit_price_cents bigint NOT NULL CHECK (unit_price_cents >= 0),
  PRIMARY KEY (order_id, line_no),
  UNIQUE (order_id, sku)
);
