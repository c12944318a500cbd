/** The goals the report checks, in one place for review (the sections say what each measures). */
export const GOALS = {
  bundleKib: 64,
  bundleShareOfSdk: 1 / 3,
  cpuShareOfSdk: 0.25,
  cpuMsPer100: 0.35,
  coldStartShareOfSdk: 0.5,
  addedP50Ms: 2,
  pacerAddedP50Ms: 1,
  hostileAnswerKib: 64,
  hostileCpuMs: 5,
};
