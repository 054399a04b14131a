#!/usr/bin/env node
import { enableCompileCache } from 'node:module';

// Colour only on a terminal: Vitest's colour check runs when it is imported, so decide first.
if (!process.stdout.isTTY && process.env.FORCE_COLOR === undefined) process.env.NO_COLOR ??= '1';
// Node's compile cache keeps the compiled code of Vitest, Vite and these packages between runs; the
// variable hands it to the test workers this run starts, which load the same modules again.
const cache = enableCompileCache();
if (cache.directory) process.env.NODE_COMPILE_CACHE ??= cache.directory;
const { main } = await import('./main.ts');

process.exitCode = await main(process.argv.slice(2));
