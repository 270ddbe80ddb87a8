/** The prototype of every mapping (non-array object) in a value, at any depth: tests that data has none. */
export function mappingPrototypes(value: unknown): unknown[] {
  const prototypes: unknown[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (typeof node === 'object' && node !== null) {
      prototypes.push(Object.getPrototypeOf(node));
      Object.values(node).forEach(walk);
    }
  };
  walk(value);
  return prototypes;
}
