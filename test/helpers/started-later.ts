/**
 * An object that stands for one a hook starts later (in beforeAll): reading
 * any property before then throws, saying `what` must be used inside tests.
 * Properties are read through on each access, so counters stay live.
 */
export function startedLater<T extends object>(current: () => T | null, what: string): T {
  return new Proxy({} as T, {
    get(_target, property) {
      const started = current();
      if (started === null) throw new Error(`${what} starts in beforeAll; use it inside tests.`);
      // The harnesses' functions are closures, not methods: they need no `this`.
      return Reflect.get(started, property) as unknown;
    },
  });
}
