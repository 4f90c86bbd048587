import { compare } from '../../scripts/lib/compare.ts';
import type { Claim, ModelEdge, ModelService } from '../../scripts/model/model-schema.ts';
import { edgesFrom, edgesTo } from './build-data.ts';

/** A list about one service too long for its page, with pages of its own at `/services/<slug>/<list>/`. */
export interface ServiceList {
	slug: 'calls' | 'callers' | 'claims';
	/** Heading on its page, after the service's name. */
	title: string;
	/** Its order, in words. */
	order: string;
	/** What one row is, plural. */
	noun: string;
}

/** The lists a service's page shows the first rows of. */
export const serviceLists = {
	calls: { slug: 'calls', title: 'what it depends on', order: 'the busiest first, then those declared but not seen', noun: 'dependencies' },
	callers: { slug: 'callers', title: 'what depends on it', order: 'the busiest first, then those declared but not seen', noun: 'callers' },
	claims: { slug: 'claims', title: 'every claim and how sure we are of it', order: 'the least trusted first', noun: 'claims' },
} as const satisfies Record<string, ServiceList>;

const busiest = (side: 'from' | 'to') => (a: ModelEdge, b: ModelEdge) => b.calls - a.calls || compare(a[side], b[side]);

/** What a service calls, the busiest first (declared dependencies nobody saw have no calls, so they come last). */
export const callsOf = (service: ModelService): ModelEdge[] => [...edgesFrom(service.name)].sort(busiest('to'));

/** What calls a service, the busiest first. */
export const callersOf = (service: ModelService): ModelEdge[] => [...edgesTo(service.name)].sort(busiest('from'));

/** Every claim about a service, the least trusted first: what a reader should confirm or fix first. */
export const claimsOf = (service: ModelService): Claim[] =>
	[...(service.confidence?.claims ?? [])].sort((a, b) => a.confidence - b.confidence || compare(a.kind, b.kind) || compare(a.subject, b.subject));

/** Site path of a service's list. */
export const serviceListPath = (service: ModelService, list: ServiceList): string => `/services/${service.slug}/${list.slug}/`;
