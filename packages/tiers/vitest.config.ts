import { defineAssayConfig } from './src/index.ts';

export default defineAssayConfig();
