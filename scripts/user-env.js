// The environment the build runs scripts/code-cache.js and its check in (scripts/bundle.js): the build's own, less
// the variables that change the V8 flags or V8's code generation of a Node process. V8 refuses a code cache made
// under other flags (src/cli/code-cache.ts), so the cache must be made, and checked, as a user's `tariff` runs.
// A module of its own so that tests/e2e/code-cache.test.ts can import it (bundle.js builds when imported).

/**
 * NODE_OPTIONS: Node and V8 flags (--max-old-space-size, --stack-size, --jitless...): a cache made under them is
 * refused by a user's V8. NODE_V8_COVERAGE (c8): V8's block coverage, under which the code cached holds coverage
 * counters, which a user's V8 takes and runs.
 */
export const V8_ENV = ['NODE_OPTIONS', 'NODE_V8_COVERAGE'];

/** A copy of `env` without V8_ENV. */
export function userEnv(env) {
  const out = { ...env };
  for (const name of V8_ENV) delete out[name];
  return out;
}
