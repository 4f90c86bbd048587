/** Milliseconds in a day: ages, windows and half-lives are counted in whole days of UTC. */
export const DAY_MS = 86_400_000;
