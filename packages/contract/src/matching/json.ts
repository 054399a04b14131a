/**
 * General helpers of the matcher: how a JSON value is shown and named in a problem, and what media type
 * a text or a content type stands for. No rules here: rules.ts reads and checks them.
 */

export const show = (value: unknown) => JSON.stringify(value) ?? String(value);

export function kind(value: unknown): 'null' | 'array' | 'object' | 'string' | 'number' | 'boolean' | 'undefined' {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value as 'object' | 'string' | 'number' | 'boolean' | 'undefined';
}

export function article(word: string): string {
  return /^[aeiou]/.test(word) ? `an ${word}` : `a ${word}`;
}

/** How Pact reads a value as text for regex, include and dates: a string as it is, anything else as JSON. */
export const asText = (value: unknown) => (typeof value === 'string' ? value : show(value));

/** The media type of a content type, without its parameters, in lower case. */
export function mediaType(contentType: string): string {
  return (contentType.split(';')[0] as string).trim().toLowerCase();
}

/** The media type of a text by its content, as far as a JSON value can tell it: any JSON text is JSON. */
export function sniffContentType(text: string): string {
  try {
    JSON.parse(text);
    return 'application/json';
  } catch {}
  if (/^\s*<\?xml/.test(text)) return 'application/xml';
  if (/^\s*<(!doctype html|html)/i.test(text)) return 'text/html';
  return 'text/plain';
}

/** A media type header: the type in any case, and each parameter the contract names, its value in any case. */
export function mediaTypeMatches(expected: string, actual: string): boolean {
  if (mediaType(expected) !== mediaType(actual)) return false;
  const parameters = (value: string) =>
    new Map(
      value
        .split(';')
        .slice(1)
        .map((p) => p.split('=').map((s) => s.trim().toLowerCase()))
        .filter((p): p is [string, string] => p.length === 2),
    );
  const found = parameters(actual);
  return [...parameters(expected)].every(([name, value]) => found.get(name) === value);
}
