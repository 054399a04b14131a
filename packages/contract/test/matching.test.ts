/**
 * @module-tag unit
 */
import { req } from '@assay/trace';
import { describe, expect, test } from 'vitest';
import { checkBody, checkResponse } from '../src/index.ts';

type Rules = NonNullable<Parameters<typeof checkBody>[2]>;
type Matcher = Rules[string]['matchers'][number];

/** The rules of one pact body: each path with its matchers (combined with AND, Pact's default). */
const at = (path: string, ...matchers: Matcher[]): Rules => ({ [path]: { combine: 'AND', matchers } });

describe('each matching rule: a match and a mismatch naming path and rule', { meta: req('CON-002', 'CON-005') }, () => {
  test('type: the same kind of JSON value as the example, whatever its value', () => {
    const rules = at('$.v', { match: 'type' });
    expect(checkBody({ v: 'ada' }, { v: 'bob' }, rules)).toEqual([]);
    expect(checkBody({ v: 1 }, { v: 2.5 }, rules)).toEqual([]);
    expect(checkBody({ v: null }, { v: null }, rules)).toEqual([]);
    expect(checkBody({ v: 'ada' }, { v: 7 }, rules)).toEqual([
      '$.v: expected a string (like "ada") (rule type), got 7',
    ]);
    expect(checkBody({ v: 1 }, { v: '1' }, rules)).toEqual(['$.v: expected a number (like 1) (rule type), got "1"']);
    expect(checkBody({ v: true }, { v: 'true' }, rules)).toEqual([
      '$.v: expected a boolean (like true) (rule type), got "true"',
    ]);
    // null, arrays and objects are kinds of their own, though JavaScript calls them all 'object'.
    expect(checkBody({ v: null }, { v: {} }, rules)).toEqual(['$.v: expected a null (like null) (rule type), got {}']);
    // An object or array in the example needs one in the response, whatever the rule (as in Pact).
    expect(checkBody({ v: { a: 1 } }, { v: null }, rules)).toEqual(['$.v: expected an object, got null']);
    expect(checkBody({ v: [1] }, { v: { 0: 1 } }, rules)).toEqual(['$.v: expected an array, got {"0":1}']);
    expect(checkBody({ v: { a: 1 } }, { v: [] }, rules)).toEqual(['$.v: expected an object, got []']);
  });

  test('type with min and max: the size of an array, bounds included', () => {
    const rules: Rules = { ...at('$.tags', { match: 'type', min: 2, max: 3 }), ...at('$.tags[*]', { match: 'type' }) };
    const expected = { tags: ['new', 'sale'] };
    expect(checkBody(expected, { tags: ['a', 'b'] }, rules)).toEqual([]);
    expect(checkBody(expected, { tags: ['a', 'b', 'c'] }, rules)).toEqual([]);
    expect(checkBody(expected, { tags: ['a'] }, rules)).toEqual([
      '$.tags: expected at least 2 elements (rule type), got 1',
    ]);
    expect(checkBody(expected, { tags: ['a', 'b', 'c', 'd'] }, rules)).toEqual([
      '$.tags: expected at most 3 elements (rule type), got 4',
    ]);
    expect(checkBody(expected, { tags: 'a,b' }, rules)).toEqual(['$.tags: expected an array, got "a,b"']);
  });

  test('min alone, max alone', () => {
    const min = at('$', { match: 'type', min: 1 });
    expect(checkBody([0], [0, 0, 0], min)).toEqual([]);
    expect(checkBody([0], [], min)).toEqual(['$: expected at least 1 elements (rule type), got 0']);
    const max = at('$', { match: 'type', max: 2 });
    expect(checkBody([0], [], max)).toEqual([]);
    expect(checkBody([0], [0], max)).toEqual([]);
    expect(checkBody([0], [0, 0], max)).toEqual([]);
    expect(checkBody([0], [0, 0, 0], max)).toEqual(['$: expected at most 2 elements (rule type), got 3']);
  });

  test('min and max size arrays only: on a string, they are a type rule', () => {
    expect(checkBody({ v: 'ab' }, { v: 'abc' }, at('$.v', { match: 'type', min: 5 }))).toEqual([]);
    expect(checkBody({ v: 'ab' }, { v: 'abc' }, at('$.v', { match: 'type', max: 1 }))).toEqual([]);
  });

  test('regex: a string the pattern matches; anything else, named with the pattern', () => {
    const rules = at('$.sku', { match: 'regex', regex: '^[A-Z]{3}-\\d+$' });
    expect(checkBody({ sku: 'MUG-1' }, { sku: 'CUP-77' }, rules)).toEqual([]);
    expect(checkBody({ sku: 'MUG-1' }, { sku: 'mug-1' }, rules)).toEqual([
      '$.sku: expected a string matching /^[A-Z]{3}-\\d+$/ (rule regex), got "mug-1"',
    ]);
    // An array is not a string, even one whose elements, joined, would match.
    expect(checkBody({ sku: 'A' }, { sku: ['A', 'B'] }, at('$.sku', { match: 'regex', regex: '^[A-Z,]+$' }))).toEqual([
      '$.sku: expected a string matching /^[A-Z,]+$/ (rule regex), got ["A","B"]',
    ]);
    // As Pact's verifier does, the pattern must match the whole value, anchored or not.
    expect(checkBody({ id: 'a1' }, { id: '9' }, at('$.id', { match: 'regex', regex: '\\d' }))).toEqual([]);
    expect(checkBody({ id: 'a1' }, { id: 'xyz9' }, at('$.id', { match: 'regex', regex: '\\d' }))).toEqual([
      '$.id: expected a string matching /\\d/ (rule regex), got "xyz9"',
    ]);
  });

  test('integer: a whole number', () => {
    const rules = at('$.qty', { match: 'integer' });
    expect(checkBody({ qty: 2 }, { qty: 0 }, rules)).toEqual([]);
    expect(checkBody({ qty: 2 }, { qty: -40 }, rules)).toEqual([]);
    expect(checkBody({ qty: 2 }, { qty: 1.5 }, rules)).toEqual([
      '$.qty: expected an integer (like 2) (rule integer), got 1.5',
    ]);
    expect(checkBody({ qty: 2 }, { qty: null }, rules)).toEqual([
      '$.qty: expected an integer (like 2) (rule integer), got null',
    ]);
    expect(checkBody({ qty: 2 }, { qty: [] }, rules)).toEqual([
      '$.qty: expected an integer (like 2) (rule integer), got []',
    ]);
  });

  test('number and decimal: a number', () => {
    const number = at('$.n', { match: 'number' });
    expect(checkBody({ n: 1 }, { n: 100 }, number)).toEqual([]);
    expect(checkBody({ n: 1 }, { n: 100.01 }, number)).toEqual([]);
    expect(checkBody({ n: 1 }, { n: true }, number)).toEqual([
      '$.n: expected a number (like 1) (rule number), got true',
    ]);
    expect(checkBody({ n: 1 }, { n: '100X01' }, number)).toEqual([
      '$.n: expected a number (like 1) (rule number), got "100X01"',
    ]);
    const decimal = at('$.price', { match: 'decimal' });
    expect(checkBody({ price: 1.5 }, { price: 100.1234 }, decimal)).toEqual([]);
    expect(checkBody({ price: 1.5 }, { price: null }, decimal)).toEqual([
      '$.price: expected a number (like 1.5) (rule decimal), got null',
    ]);
  });

  test('boolean: true or false', () => {
    const rules = at('$.ok', { match: 'boolean' });
    expect(checkBody({ ok: true }, { ok: false }, rules)).toEqual([]);
    expect(checkBody({ ok: true }, { ok: 0 }, rules)).toEqual(['$.ok: expected a boolean (rule boolean), got 0']);
  });

  test('null: null only', () => {
    const rules = at('$.gone', { match: 'null' });
    expect(checkBody({ gone: null }, { gone: null }, rules)).toEqual([]);
    expect(checkBody({ gone: null }, { gone: '' }, rules)).toEqual(['$.gone: expected null (rule null), got ""']);
    expect(checkBody({ gone: null }, { gone: 0 }, rules)).toEqual(['$.gone: expected null (rule null), got 0']);
  });

  test('include: a string containing the value', () => {
    const rules = at('$.one', { match: 'include', value: 'a' });
    expect(checkBody({ one: 'a' }, { one: 'cat' }, rules)).toEqual([]);
    expect(checkBody({ one: 'a' }, { one: 'a' }, rules)).toEqual([]);
    expect(checkBody({ one: 'a' }, { one: 'dog' }, rules)).toEqual([
      '$.one: expected a string including "a" (rule include), got "dog"',
    ]);
    expect(checkBody({ one: 'a' }, { one: null }, rules)).toEqual([
      '$.one: expected a string including "a" (rule include), got null',
    ]);
  });

  test('equality: exactly the example', () => {
    const rules = at('$.status', { match: 'equality' });
    expect(checkBody({ status: 'OK' }, { status: 'OK' }, rules)).toEqual([]);
    expect(checkBody({ status: 'OK' }, { status: 'Lovely' }, rules)).toEqual([
      '$.status: expected "OK" (rule equality), got "Lovely"',
    ]);
    expect(checkBody({ ids: [1, 2] }, { ids: [2, 1] }, at('$.ids', { match: 'equality' }))).toEqual([
      '$.ids: expected [1,2] (rule equality), got [2,1]',
    ]);
    // Structurally: keys in any order, but no more and no fewer.
    const object = at('$.o', { match: 'equality' });
    expect(checkBody({ o: { a: 1, b: [2] } }, { o: { b: [2], a: 1 } }, object)).toEqual([]);
    expect(checkBody({ o: { a: 1 } }, { o: { a: 1, b: 2 } }, object)).toEqual([
      '$.o: expected {"a":1} (rule equality), got {"a":1,"b":2}',
    ]);
  });

  test('a rule this matcher does not know, or one missing what it needs, is a problem, never a silent pass', () => {
    expect(checkBody({ v: 'a' }, { v: 'a' }, at('$.v', { match: 'uuid' }))).toEqual([
      "$.v: the matching rule 'uuid' is not supported",
    ]);
    expect(checkBody({ v: 'a' }, { v: 'anything' }, at('$.v', { match: 'regex' }))).toEqual([
      '$.v: the rule has no pattern (rule regex)',
    ]);
    expect(checkBody({ v: 'a' }, { v: 'a' }, at('$.v', { match: 'regex', regex: '(' }))).toEqual([
      '$.v: the pattern /(/ is not a valid regular expression: Invalid regular expression: /(/u: Unterminated group (rule regex)',
    ]);
    expect(checkBody({ v: 'a' }, { v: 'a' }, at('$.v', { match: 'date', format: 'yyyy-bb' }))).toEqual([
      "$.v: the format yyyy-bb cannot be read: the letter 'b' has no meaning in 'yyyy-bb' (rule date)",
    ]);
  });

  test('several matchers at a path must all hold, each failure its own problem', () => {
    const rules = at('$.code', { match: 'regex', regex: '^\\d+$' }, { match: 'include', value: '7' });
    expect(checkBody({ code: '17' }, { code: '107' }, rules)).toEqual([]);
    expect(checkBody({ code: '17' }, { code: '123' }, rules)).toEqual([
      '$.code: expected a string including "7" (rule include), got "123"',
    ]);
    expect(checkBody({ code: '17' }, { code: 'x' }, rules)).toEqual([
      '$.code: expected a string matching /^\\d+$/ (rule regex), got "x"',
      '$.code: expected a string including "7" (rule include), got "x"',
    ]);
  });
});

describe('paths: where a rule applies and how a problem is named', { meta: req('CON-002', 'CON-005') }, () => {
  test('a rule on an object still looks inside it, at the rules of its fields', () => {
    const rules: Rules = { ...at('$.customer', { match: 'type' }), ...at('$.customer.id', { match: 'integer' }) };
    const expected = { customer: { id: 1, name: 'ada' } };
    expect(checkBody(expected, { customer: { id: 2, name: 'ada', vip: true } }, rules)).toEqual([]);
    expect(checkBody(expected, { customer: { id: 2.5, name: 'ada' } }, rules)).toEqual([
      '$.customer.id: expected an integer (like 1) (rule integer), got 2.5',
    ]);
    expect(checkBody(expected, { customer: { id: 2 } }, rules)).toEqual(['$.customer.name: missing (rule type)']);
  });

  test('a rule on an array checks each element against the example’s first, named by index', () => {
    const rules: Rules = { ...at('$.lines', { match: 'type', min: 1 }), ...at('$.lines[*].qty', { match: 'integer' }) };
    const expected = { lines: [{ qty: 1, sku: 'MUG-1' }] };
    expect(
      checkBody(
        expected,
        {
          lines: [
            { qty: 5, sku: 'MUG-1' },
            { qty: 3, sku: 'MUG-1' },
          ],
        },
        rules,
      ),
    ).toEqual([]);
    expect(checkBody(expected, { lines: [{ qty: 5, sku: 'MUG-1' }, { qty: 0.5 }] }, rules)).toEqual([
      '$.lines[1].qty: expected an integer (like 1) (rule integer), got 0.5',
      '$.lines[1].sku: missing (rule type)',
    ]);
    // Without an element rule, the rule on the array cascades: each element is type-matched.
    expect(checkBody(expected, { lines: [{ qty: 5, sku: 7 }] }, rules)).toEqual([
      '$.lines[0].sku: expected a string (like "MUG-1") (rule type), got 7',
    ]);
  });

  test('an empty example array under a type rule: any elements', () => {
    expect(checkBody({ tags: [] }, { tags: [1, 'two', { three: 3 }] }, at('$.tags', { match: 'type' }))).toEqual([]);
  });

  test('an object or array in the example needs one in the response, whatever its rule says (as in Pact)', () => {
    const expected = { address: { street: 'Main St' } };
    expect(checkBody(expected, { address: null }, at('$.address', { match: 'null' }))).toEqual([
      '$.address: expected an object, got null',
    ]);
    expect(checkBody({ ids: [1] }, { ids: 'none' }, at('$.ids', { match: 'regex', regex: '^none$' }))).toEqual([
      '$.ids: expected an array, got "none"',
    ]);
  });

  test('the most specific path wins: names and indexes weigh more than * and [*]', () => {
    const rules: Rules = {
      ...at('$.*.id', { match: 'type' }),
      ...at('$.a.id', { match: 'integer' }),
      ...at('$.items[*].*', { match: 'regex', regex: 'x\\d' }),
    };
    const expected = { a: { id: 1 }, b: { id: 1 }, items: [{ k: 'x1' }] };
    expect(checkBody(expected, { a: { id: 2 }, b: { id: 2.5 }, items: [{ k: 'x9' }] }, rules)).toEqual([]);
    expect(checkBody(expected, { a: { id: 2.5 }, b: { id: 'z' }, items: [{ k: 'y' }] }, rules)).toEqual([
      '$.a.id: expected an integer (like 1) (rule integer), got 2.5',
      '$.b.id: expected a number (like 1) (rule type), got "z"',
      '$.items[0].k: expected a string matching /x\\d/ (rule regex), got "y"',
    ]);
  });

  test('a rule on an object cascades to its values; sizes only where it is written', () => {
    const rules = at('$.o', { match: 'type', min: 1 });
    expect(checkBody({ o: { a: 'x', n: { m: [1] } } }, { o: { a: 'y', n: { m: [2, 3] }, more: 1 } }, rules)).toEqual(
      [],
    );
    expect(checkBody({ o: { a: 'x' } }, { o: { a: 1 } }, rules)).toEqual([
      '$.o.a: expected a string (like "x") (rule type), got 1',
    ]);
  });

  test('keys that are not plain names are quoted in paths', () => {
    const rules = at("$['a b']", { match: 'integer' });
    expect(checkBody({ 'a b': 1 }, { 'a b': 'x' }, rules)).toEqual([
      '$[\'a b\']: expected an integer (like 1) (rule integer), got "x"',
    ]);
  });

  test('[*] stands for every index, of any number of digits, at every level', () => {
    const rules: Rules = { ...at('$', { match: 'type' }), ...at('$[*]', { match: 'integer' }) };
    const twelve = Array.from({ length: 12 }, (_, i) => i * 3);
    expect(checkBody([1], twelve, rules)).toEqual([]);
    expect(checkBody([1], [...twelve.slice(0, 10), 10.5, 33], rules)).toEqual([
      '$[10]: expected an integer (like 1) (rule integer), got 10.5',
    ]);

    const grid: Rules = {
      ...at('$.rows', { match: 'type' }),
      ...at('$.rows[*]', { match: 'type' }),
      ...at('$.rows[*][*]', { match: 'integer' }),
    };
    expect(checkBody({ rows: [[1]] }, { rows: [[1, 2], [3]] }, grid)).toEqual([]);
    expect(
      checkBody(
        { rows: [[1]] },
        {
          rows: [
            [1, 2],
            [3, 4.5],
          ],
        },
        grid,
      ),
    ).toEqual(['$.rows[1][1]: expected an integer (like 1) (rule integer), got 4.5']);
  });

  test('a rule for an exact index wins over the one with [*]', () => {
    const rules: Rules = {
      ...at('$.ids', { match: 'type' }),
      ...at('$.ids[*]', { match: 'integer' }),
      ...at('$.ids[0]', { match: 'equality' }),
    };
    expect(checkBody({ ids: [7] }, { ids: [7, 8] }, rules)).toEqual([]);
    expect(checkBody({ ids: [7] }, { ids: [8, 7] }, rules)).toEqual(['$.ids[0]: expected 7 (rule equality), got 8']);
    expect(checkBody({ ids: [7] }, { ids: [7, 8.5] }, rules)).toEqual([
      '$.ids[1]: expected an integer (like 7) (rule integer), got 8.5',
    ]);
  });
});

describe('without a rule: keys present, arrays element by element, values equal', { meta: req('CON-002') }, () => {
  /** Rules are `undefined` when a pact has no body rules at all. */
  const plain = (expected: unknown, actual: unknown) => checkBody(expected, actual, undefined);

  test('no rules at all, or none for the path', () => {
    expect(plain({ a: [1, { b: 'x' }], c: null }, { a: [1, { b: 'x', extra: 1 }], c: null, d: 4 })).toEqual([]);
    expect(plain({ a: 1 }, { a: 2 })).toEqual(['$.a: expected 1, got 2']);
    expect(checkBody({ a: 1 }, { a: 2 }, {})).toEqual(['$.a: expected 1, got 2']);
  });

  test('an object: more keys are fine, a missing one or a value of another kind is not', () => {
    expect(plain({ a: { b: 1 } }, { a: { b: 1, c: 2 } })).toEqual([]);
    expect(plain({ a: { b: 1 }, z: 2 }, { a: {}, z: 2 })).toEqual(['$.a.b: missing']);
    expect(plain({ a: { b: 1 } }, { a: [] })).toEqual(['$.a: expected an object, got []']);
    expect(plain({ a: { b: 1 } }, { a: null })).toEqual(['$.a: expected an object, got null']);
    expect(plain({ a: { b: 1 } }, { a: 'b' })).toEqual(['$.a: expected an object, got "b"']);
    expect(plain({ a: 1 }, undefined)).toEqual(['$: expected an object, got undefined']);
  });

  test('an array: the same length, each element as the example’s at its index', () => {
    expect(plain({ tags: ['a', 'b'] }, { tags: ['a', 'b'] })).toEqual([]);
    expect(plain({ tags: ['a', 'b'] }, { tags: ['a', 'c'] })).toEqual(['$.tags[1]: expected "b", got "c"']);
    expect(plain({ tags: ['a', 'b'] }, { tags: ['a'] })).toEqual(['$.tags: expected 2 elements, got 1']);
    expect(plain({ tags: ['a', 'b'] }, { tags: ['a', 'b', 'c'] })).toEqual(['$.tags: expected 2 elements, got 3']);
    expect(plain({ tags: ['a', 'b'] }, { tags: 'a,b' })).toEqual(['$.tags: expected an array, got "a,b"']);
    expect(plain({ tags: ['a'] }, { tags: { 0: 'a' } })).toEqual(['$.tags: expected an array, got {"0":"a"}']);
    expect(plain([{ sku: 'A' }, { sku: 'B' }], [{ sku: 'A' }, { sku: 'C' }])).toEqual([
      '$[1].sku: expected "B", got "C"',
    ]);
  });

  test('a value: equal as JSON, so null is not 0 and 1 is not "1"', () => {
    expect(plain({ a: null }, { a: 0 })).toEqual(['$.a: expected null, got 0']);
    expect(plain({ a: 1 }, { a: '1' })).toEqual(['$.a: expected 1, got "1"']);
    expect(plain({ a: 1 }, { a: {} })).toEqual(['$.a: expected 1, got {}']);
  });
});

describe('a response: status, content type, body', { meta: req('CON-002') }, () => {
  const json = { 'X-Request-Id': ['r-1'], 'content-type': ['application/json; charset=utf-8'] };

  test('the status first: a wrong one is the only problem', () => {
    expect(
      checkResponse(
        { status: 200, headers: json, body: { content: { a: 1 } } },
        {
          status: 404,
          contentType: null,
          body: 'nope',
        },
      ),
    ).toEqual(['status: expected 200, got 404']);
  });

  test('the content type by its media type in any case, and the parameters the contract names', () => {
    const expected = { status: 200, headers: json };
    expect(
      checkResponse(expected, { status: 200, contentType: 'Application/JSON; charset=UTF-8', body: null }),
    ).toEqual([]);
    expect(checkResponse(expected, { status: 200, contentType: 'application/json', body: null })).toEqual([
      'header content-type: expected application/json; charset=utf-8, got application/json',
    ]);
    const bare = { status: 200, headers: { 'Content-Type': ['application/json'] } };
    expect(checkResponse(bare, { status: 200, contentType: 'application/json; charset=utf-8', body: null })).toEqual(
      [],
    );
    expect(checkResponse(expected, { status: 200, contentType: 'text/html', body: null })).toEqual([
      'header content-type: expected application/json; charset=utf-8, got text/html',
    ]);
    expect(checkResponse(expected, { status: 200, contentType: null, body: null })).toEqual([
      'header content-type: expected application/json; charset=utf-8, got none',
    ]);
  });

  test('no content type in the contract: any, or none', () => {
    const expected = { status: 200, headers: { 'X-Request-Id': ['r-1'] } };
    expect(checkResponse(expected, { status: 200, contentType: 'text/plain', body: 'hi' })).toEqual([]);
    expect(checkResponse({ status: 200 }, { status: 200, contentType: null, body: 'hi' })).toEqual([]);
  });

  test('no body in the contract: the actual body is not looked at', () => {
    expect(checkResponse({ status: 204 }, { status: 204, contentType: null, body: { any: 'thing' } })).toEqual([]);
    expect(
      checkResponse(
        { status: 200, body: { contentType: 'application/json' } },
        { status: 200, contentType: 'application/json', body: [1] },
      ),
    ).toEqual([]);
  });

  test('the body by the contract’s body rules, or by equality without them; after the content type', () => {
    const actual = { status: 201, contentType: 'text/plain', body: { id: 2.5, name: 'bob' } };
    expect(checkResponse({ status: 201, body: { content: { id: 1, name: 'bob' } } }, actual)).toEqual([
      '$.id: expected 1, got 2.5',
    ]);
    expect(
      checkResponse(
        {
          status: 201,
          headers: json,
          body: { content: { id: 1, name: 'ada' } },
          matchingRules: { body: { ...at('$.id', { match: 'integer' }), ...at('$.name', { match: 'type' }) } },
        },
        actual,
      ),
    ).toEqual([
      'header content-type: expected application/json; charset=utf-8, got text/plain',
      '$.id: expected an integer (like 1) (rule integer), got 2.5',
    ]);
    expect(
      checkResponse(
        { status: 201, body: { content: { id: 1 } }, matchingRules: { body: at('$.id', { match: 'number' }) } },
        actual,
      ),
    ).toEqual([]);
  });
});
