export { InvalidOrderError, type LineItem, type OrderTotals, orderTotals, validateLineItems } from './order.ts';
