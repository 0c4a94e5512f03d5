/**
 * The deepest nesting `validated()` hands to class-transformer: the most PROVENANCE_MAX_JSON_DEPTH
 * lets through over HTTP. A Kafka message is parsed with no such check, and class-transformer and
 * class-validator recurse once per level: a message nested 10,000 deep overflowed the stack.
 */
export const DEEPEST_TRANSFORMED = 256;

/**
 * What in a parsed JSON value class-transformer cannot take, if anything: nesting deeper than
 * DEEPEST_TRANSFORMED, or an object with a `constructor` member, which class-transformer takes
 * for the object's class and then throws a TypeError on (typestack/class-transformer#1462).
 * No fact has either. Walks the value without recursion, for the same reason.
 */
export function untransformableJson(value: unknown): string | undefined {
  const pending: { item: unknown; path: string; level: number }[] = [{ item: value, path: '', level: 1 }];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const { item, path, level } = next;
    if (typeof item !== 'object' || item === null) continue;
    if (level > DEEPEST_TRANSFORMED) return `${path} nests deeper than ${DEEPEST_TRANSFORMED} levels; no fact does`;
    if (!Array.isArray(item) && Object.hasOwn(item, 'constructor')) return `${path ? `${path}.` : ''}constructor should not exist: no fact has a field of that name`;
    for (const [key, child] of Object.entries(item)) pending.push({ item: child, path: path ? `${path}.${key}` : key, level: level + 1 });
  }
  return undefined;
}
