/** The goals issue 12 sets for a build of a generated organisation of one size; a goal left out is not set at that size. */
export interface SiteGoals {
	/** A cold build takes less than this, in seconds. */
	coldSeconds?: number;
	/** A warm build takes less than this, in seconds. */
	warmSeconds?: number;
	/** A warm build takes at most this multiple of a warm plain Astro build of the same pages. */
	warmVsPlain?: number;
	/** No Halflife build's peak RSS reaches this, in MB (of 1,048,576 bytes, as GNU time reports it). */
	peakRssMb?: number;
	/** A daily build adds at most this to the published site, in MB (of 1,000,000 bytes). */
	growthMb?: number;
	/** The median service page's HTML, diagram included, weighs at most this, in kB (of 1,000 bytes). */
	servicePageMedianKb?: number;
}

/** The goals by organisation size: "5,000 services cold in under 90 s; 1,000 in under 25 s, ...". */
export const SITE_GOALS: Readonly<Record<number, SiteGoals>> = {
	1000: { coldSeconds: 25, warmVsPlain: 1.2, growthMb: 6, servicePageMedianKb: 20 },
	5000: { coldSeconds: 90, growthMb: 30 },
	20000: { coldSeconds: 600, warmSeconds: 180, peakRssMb: 4096 },
};

/** The goals set for an organisation of `services` services; none when no goal is set at that size. */
export function siteGoalsAt(services: number): SiteGoals {
	return SITE_GOALS[services] ?? {};
}

/** How the bench prints a goal's outcome. */
export function verdict(met: boolean): 'met' | 'MISSED' {
	return met ? 'met' : 'MISSED';
}
