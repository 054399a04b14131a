import { checkSoakDuration, confirmCategory, parseDuration } from '@assay/guard';
import { loadTierModel } from '@assay/tiers/config';
import { UsageError } from '../errors.ts';
import type { Command } from '../main.ts';
import { terminalAsk } from './terminal.ts';

export const gate: Command = {
  name: 'gate',
  usage: `usage: assay gate --confirm <category> | --soak <duration>

Checks a gate before a monorepo run starts (the Makefile calls it before turbo, whose tasks have
no terminal). --confirm asks y/N on a terminal, or accepts ASSAY_CONFIRM_<CATEGORY>=yes; --soak
refuses a soak longer than 1 h outside CI. Exit 0 to go ahead, 1 when refused.`,
  options: { confirm: { type: 'string' }, soak: { type: 'string' } },
  async run(values) {
    if (typeof values.soak === 'string') checkSoakDuration(parseDuration(values.soak, '--soak'));
    if (typeof values.confirm === 'string') {
      const model = await loadTierModel(process.cwd());
      const category = model.parseCategory(values.confirm);
      if (!model.category(category).confirm) {
        const gated = model.categories.filter((c) => model.category(c).confirm);
        throw new UsageError(`category '${category}' needs no confirmation: only ${gated.join(', ')} do`);
      }
      await confirmCategory({ category, ...terminalAsk() });
    }
    if (values.soak === undefined && values.confirm === undefined) {
      throw new UsageError('nothing to check: give --confirm <category> or --soak <duration>');
    }
    return 0;
  },
};
