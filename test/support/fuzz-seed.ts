import fc from "fast-check";

/** The seed `npm test` uses, so a red run is a real regression and not a dice roll. */
export const defaultFuzzSeed = 20_261_202;

/**
 * Fixes fast-check's seed for this test file and prints it. `FUZZ_SEED=random` (or any number)
 * explores other inputs; a failure prints the seed to reproduce it with.
 */
export function useFuzzSeed(env: NodeJS.ProcessEnv = process.env): number {
  const wanted = env.FUZZ_SEED?.trim();
  const seed = wanted === "random" ? Math.floor(Math.random() * 2 ** 31) : wanted ? Number(wanted) : defaultFuzzSeed;
  if (!Number.isSafeInteger(seed)) throw new Error(`FUZZ_SEED must be an integer or "random", got ${JSON.stringify(wanted)}`);
  fc.configureGlobal({ seed });
  console.log(`fuzz seed ${seed} (FUZZ_SEED=${seed} repeats it, FUZZ_SEED=random explores)`);
  return seed;
}
