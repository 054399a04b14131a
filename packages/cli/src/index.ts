export { UsageError } from './errors.ts';
export { type Command, main } from './main.ts';
