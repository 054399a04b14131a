export { type LineItem, type NewOrder, type Order, OrdersApiError, OrdersClient } from './orders-client.ts';
export { type Cart, type Receipt, Storefront } from './storefront.ts';
