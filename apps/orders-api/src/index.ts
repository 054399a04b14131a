export { OrderCache } from './cache.ts';
export {
  ORDER_EVENTS_STREAM,
  type OrderCreated,
  type OrderCreatedMessage,
  orderCreatedMessage,
  streamFields,
} from './events.ts';
export { InvalidOrderError, type LineItem, type OrderTotals, orderTotals, validateLineItems } from './order.ts';
export { type OrdersApi, type OrdersApiOptions, startOrdersApi } from './server.ts';
export { type NewOrder, type Order, OrderStore } from './store.ts';
