import fc from 'fast-check';

type Json = unknown;
type Path = (string | number)[];
type Mutation = { path: Path; kind: 'replace' | 'delete' | 'add'; key: string; value: () => Json };

/**
 * Makers of values that break parsers more often than random JSON does: empty and blank text,
 * hidden characters, names every object inherits, numbers where text is due, objects with
 * `__proto__` (JSON.parse makes it an own property) or `constructor` members, deep nesting. Each
 * call makes a fresh value, so a test that changes one changes no other.
 */
const HOSTILE: (() => Json)[] = [
  ...[null, '', ' ', '?', 'Any', 'toString', '__proto__', '\u202e', '\ufffd', 0, -1, 1.5, 1e308, true].map((value) => () => value),
  () => [],
  () => ({}),
  () => [null],
  () => JSON.parse('{"__proto__": {"polluted": true}}'),
  () => ({ constructor: 'x', toString: 1 }),
  () => JSON.parse('['.repeat(300) + ']'.repeat(300)),
  // Deeper than a recursive walk survives (structuredClone included): JSON.parse takes it, and a Kafka message can carry it.
  () => JSON.parse('['.repeat(20_000) + ']'.repeat(20_000)),
];

/** Random JSON, or now and then a hostile value, each as a maker of fresh copies. */
const jsonMaker: fc.Arbitrary<() => Json> = fc.oneof(
  { arbitrary: fc.jsonValue({ maxDepth: 3 }).map((value) => () => structuredClone(value)), weight: 3 },
  { arbitrary: fc.constantFrom(...HOSTILE), weight: 1 },
);

export const anyJson: fc.Arbitrary<Json> = jsonMaker.map((make) => make());

/** Every path into a JSON value, the root (`[]`) first. */
function pathsOf(value: Json, path: Path = []): Path[] {
  if (Array.isArray(value)) return [path, ...value.flatMap((item, index) => pathsOf(item, [...path, index]))];
  if (typeof value === 'object' && value !== null) return [path, ...Object.entries(value).flatMap(([key, item]) => pathsOf(item, [...path, key]))];
  return [path];
}

const setOwn = (container: object, key: string | number, value: Json) => Object.defineProperty(container, key, { value, enumerable: true, writable: true, configurable: true });

/** Applies one mutation to `root` in place; a path that an earlier mutation removed changes nothing. */
function applied(root: Json, { path, kind, key, value }: Mutation): Json {
  if (path.length === 0 && kind !== 'add') return value();
  const containerPath = kind === 'add' ? path : path.slice(0, -1);
  let container: Json = root;
  for (const step of containerPath) {
    if (typeof container !== 'object' || container === null) return root;
    container = (container as Record<string | number, Json>)[step];
  }
  if (typeof container !== 'object' || container === null) return root;
  const last = path[path.length - 1];
  if (kind === 'add' && Array.isArray(container)) container.push(value());
  else if (kind === 'add') setOwn(container, key, value());
  else if (kind === 'delete' && Array.isArray(container) && typeof last === 'number') container.splice(last, 1);
  else if (kind === 'delete') delete (container as Record<string | number, Json>)[last];
  else setOwn(container, last, value());
  return root;
}

/**
 * The value with one to `maxMutations` changes deep inside: a value replaced (by random or
 * hostile JSON), a key or item removed, a key or item added. The original is left untouched.
 */
export function mutatedJson(original: Json, maxMutations = 3): fc.Arbitrary<Json> {
  const paths = pathsOf(original);
  const mutation: fc.Arbitrary<Mutation> = fc.record({
    path: fc.constantFrom(...paths),
    kind: fc.constantFrom('replace', 'replace', 'delete', 'add'),
    key: fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('__proto__', 'constructor', 'type', 'id')),
    value: jsonMaker,
  });
  return fc.array(mutation, { minLength: 1, maxLength: maxMutations }).map((mutations) => mutations.reduce(applied, structuredClone(original)));
}
