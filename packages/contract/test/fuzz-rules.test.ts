/**
 * @module-tag property
 */
import { assertProperty } from '@assay/property';
import { req } from '@assay/trace';
import fc from 'fast-check';
import { expect, test } from 'vitest';
import { arbitraryFor, checkBody } from '../src/index.ts';
import type { MatchingRule, Rules } from '../src/pact-file.ts';

const at = (path: string, ...matchers: MatchingRule[]): Rules => ({ [path]: { matchers } });

/** An example and its rules for every rule the fuzzer generates values for. */
const contracts: readonly { readonly example: unknown; readonly rules: Rules }[] = [
  { example: { v: 'ada' }, rules: at('$.v', { match: 'type' }) },
  { example: { v: [1, 2] }, rules: at('$.v', { match: 'type', min: 2, max: 3 }) },
  { example: { v: { a: 'x', b: [true] } }, rules: at('$.v', { match: 'type' }) },
  { example: { v: 'MUG-1' }, rules: at('$.v', { match: 'regex', regex: '^[A-Z]{3}-\\d+$' }) },
  { example: { v: 'a-b' }, rules: at('$.v', { match: 'include', value: '-' }) },
  { example: { v: 1 }, rules: at('$.v', { match: 'integer' }) },
  { example: { v: 1.5 }, rules: at('$.v', { match: 'decimal' }) },
  { example: { v: 1 }, rules: at('$.v', { match: 'number' }) },
  { example: { v: true }, rules: at('$.v', { match: 'boolean' }) },
  { example: { v: null }, rules: at('$.v', { match: 'null' }) },
  { example: { v: 'x' }, rules: at('$.v', { match: 'equality' }) },
  { example: { v: 'x' }, rules: at('$.v', { match: 'date', format: 'yyyy-MM-dd' }) },
  { example: { v: 'x' }, rules: at('$.v', { match: 'date', format: 'EEE, d MMM yyyy' }) },
  { example: { v: 'x' }, rules: at('$.v', { match: 'time', format: 'h:mm:ss.SSS a' }) },
  { example: { v: 'x' }, rules: at('$.v', { match: 'timestamp', format: "yyyy-MM-dd'T'HH:mm:ssXXX" }) },
  { example: { v: 'x' }, rules: at('$.v', { match: 'datetime', format: "yyyy-MM-dd'T'HH:mm:ss.SSSZ" }) },
  { example: { v: 'x' }, rules: at('$.v', { match: 'timestamp', format: "EEEE, dd MMMM yy HH:mm O '['VV']' z" }) },
  { example: { v: '1.0.0' }, rules: at('$.v', { match: 'semver' }) },
  { example: { v: 'words' }, rules: at('$.v', { match: 'contentType', value: 'text/plain' }) },
  { example: { v: 'x' }, rules: at('$.v', { match: 'notEmpty' }) },
  { example: { v: [1] }, rules: at('$.v', { match: 'notEmpty' }) },
  { example: { v: { a: 1 } }, rules: { ...at('$.v', { match: 'values' }), ...at('$.v.*', { match: 'integer' }) } },
  { example: { v: { a: 1 } }, rules: at('$.v', { match: 'eachValue', rules: [{ match: 'integer' }] }) },
  { example: { v: [1] }, rules: at('$.v', { match: 'eachValue', rules: [{ match: 'decimal' }] }) },
  {
    example: { v: { 'MUG-1': 1 } },
    rules: {
      ...at('$.v', { match: 'eachKey', rules: [{ match: 'regex', regex: '^[A-Z]{3}-\\d$' }] }),
      ...at('$.v.*', { match: 'integer' }),
    },
  },
  {
    example: { v: [{ id: 1 }, { n: 'a' }] },
    rules: at('$.v', {
      match: 'arrayContains',
      variants: [
        { index: 0, rules: at('$.id', { match: 'integer' }) },
        { index: 1, rules: at('$.n', { match: 'type' }) },
      ],
    }),
  },
  {
    example: { v: 1 },
    rules: { '$.v': { combine: 'OR', matchers: [{ match: 'integer' }, { match: 'regex', regex: '^n/a$' }] } },
  },
  {
    example: { lines: [{ qty: 1, sku: 'A-1' }] },
    rules: { ...at('$.lines', { match: 'type', min: 1 }), ...at('$.lines[*].qty', { match: 'integer' }) },
  },
];

test('what the fuzzer generates for a rule, the matcher accepts', {
  meta: req('CON-004', 'CON-005'),
}, async (context) => {
  const generated = fc
    .constantFrom(...contracts)
    .chain((contract) => arbitraryFor(contract.example, contract.rules).map((value) => ({ contract, value })));
  await assertProperty(
    fc.property(generated, ({ contract, value }) => {
      expect(checkBody(contract.example, value, contract.rules)).toEqual([]);
    }),
    { context },
  );
});
