/**
 * Model-based testing over fast-check's commands: random sequences of commands run against the real
 * system and a simple model side by side; each command checks the real outcome against the model.
 * A failing sequence is shrunk to the fewest commands that still fail.
 */
import fc from 'fast-check';

export interface ModelSystem<Model extends object, Real> {
  readonly model: Model;
  readonly real: Real;
}

export interface ModelSpec<Model extends object, Real> {
  /** Arbitraries of the commands a sequence is drawn from. */
  readonly commands: readonly fc.Arbitrary<fc.AsyncCommand<Model, Real>>[];
  /** A fresh model and real system for each sequence. */
  setup(): Promise<ModelSystem<Model, Real>>;
  /** Releases what setup made, whether the sequence passed or not. */
  teardown?(real: Real): Promise<void>;
  /** The longest sequence (default 30). */
  readonly maxCommands?: number;
}

/** A property for assertProperty: every sequence of commands keeps the real system in line with the model. */
export function modelProperty<Model extends object, Real>(spec: ModelSpec<Model, Real>) {
  return fc.asyncProperty(
    fc.commands([...spec.commands], { maxCommands: spec.maxCommands ?? 30 }),
    async (commands) => {
      const system = await spec.setup();
      try {
        await fc.asyncModelRun(() => system, commands);
      } finally {
        await spec.teardown?.(system.real);
      }
    },
  );
}
