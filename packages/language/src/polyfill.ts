// Node 20 lacks Object.groupBy and Map.groupBy (added in Node 21); chevrotain 13, under Langium 4.4, calls
// them while building the parser. Every entry point (CLI, language server) imports this module first, so the
// shipped tools run on Node 20.19+ as well as on current LTS releases. Build tools load the CommonJS twin in
// scripts/polyfill.cjs.
type GroupBy = <T, K extends PropertyKey>(items: Iterable<T>, keyOf: (item: T, index: number) => K) => unknown;

const objectWithGroupBy = Object as unknown as { groupBy?: GroupBy };
if (typeof objectWithGroupBy.groupBy !== 'function') {
  Object.defineProperty(Object, 'groupBy', {
    configurable: true,
    writable: true,
    value: <T>(items: Iterable<T>, keyOf: (item: T, index: number) => PropertyKey) => {
      const groups: Record<PropertyKey, T[]> = Object.create(null);
      let index = 0;
      for (const item of items) {
        const key = keyOf(item, index++);
        (groups[key] ??= []).push(item);
      }
      return groups;
    },
  });
}

const mapWithGroupBy = Map as unknown as { groupBy?: GroupBy };
if (typeof mapWithGroupBy.groupBy !== 'function') {
  Object.defineProperty(Map, 'groupBy', {
    configurable: true,
    writable: true,
    value: <T, K>(items: Iterable<T>, keyOf: (item: T, index: number) => K) => {
      const groups = new Map<K, T[]>();
      let index = 0;
      for (const item of items) {
        const key = keyOf(item, index++);
        const group = groups.get(key);
        if (group) group.push(item);
        else groups.set(key, [item]);
      }
      return groups;
    },
  });
}

export {};
