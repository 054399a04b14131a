import { createInterface } from 'node:readline/promises';

/** Asks a y/N question on the terminal; No unless the answer is y or yes. */
export async function askOnTerminal(question: string): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  try {
    return /^y(es)?$/i.test((await rl.question(question)).trim());
  } finally {
    rl.close();
  }
}

/** `{ ask }` when stdin and stdout are a terminal, so gates can prompt; `{}` otherwise. */
export function terminalAsk(): { ask?: (question: string) => Promise<boolean> } {
  return process.stdin.isTTY && process.stdout.isTTY ? { ask: askOnTerminal } : {};
}
