#!/usr/bin/env node
// Colour only on a terminal: Vitest's colour check runs when it is imported, so decide first.
if (!process.stdout.isTTY && process.env.FORCE_COLOR === undefined) process.env.NO_COLOR ??= '1';
const { main } = await import('./main.ts');

process.exitCode = await main(process.argv.slice(2));
