export {
  InvalidOrderEvent,
  type OrderCreated,
  type OrderMessage,
  parseOrderCreated,
  RecentOrders,
} from './order-events.ts';
export { type LineItem, type NewOrder, type Order, OrdersApiError, OrdersClient } from './orders-client.ts';
export { type Cart, type Receipt, Storefront } from './storefront.ts';
