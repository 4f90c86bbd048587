import type { ModelEdge, ModelService } from './model-schema.ts';
import { roundTo } from '../lib/round-to.ts';

/** How much not knowing a service costs, and what that is made of. */
export interface ServiceRisk {
	/** `(1 − confidence) × importance`: where not knowing hurts most. */
	score: number;
	/** `tier weight × (1 + dependents + log10(1 + calls received))`. */
	importance: number;
	/** The weight its tier or lifecycle gives it: 3, 2, 1, or 0.5 for a service on its way out. */
	tierWeight: number;
	/** Calls other services made to it in the window, and traces it started (requests from outside). */
	callsReceived: number;
}

/**
 * The weight a tier gives: tier 1 (or 0, or "critical", "high") counts three times, tier 2 twice,
 * anything else once, and a deprecated or experimental service half. Tiers are written in each
 * owner's own scale, so only these common forms are read; anything else weighs 1.
 */
export function tierWeight(service: Pick<ModelService, 'tier' | 'lifecycle'>): number {
	const lifecycle = service.lifecycle?.toLowerCase() ?? '';
	if (/deprecat|experiment|retir|sunset/.test(lifecycle)) return 0.5;
	const tier = service.tier?.toLowerCase().trim() ?? '';
	if (/^(tier[\s_-]*)?[01]$|critical|^high$|^p[01]$/.test(tier)) return 3;
	if (/^(tier[\s_-]*)?2$|^medium$|^p2$/.test(tier)) return 2;
	return 1;
}

/**
 * Risk of each service by name: low confidence weighs more on a service many others depend on,
 * that takes a lot of traffic, or that its owners call critical. Traffic counts by its order of
 * magnitude, so a busy service does not drown out one that computes the tax on every order.
 */
export function serviceRisks(services: readonly ModelService[], edges: readonly ModelEdge[]): Map<string, ServiceRisk> {
	const received = new Map<string, number>();
	// An entry point's traffic comes from outside: the traces it starts count as calls it received.
	for (const service of services) received.set(service.name, service.rootSpans);
	for (const edge of edges) if (edge.observed) received.set(edge.to, (received.get(edge.to) ?? 0) + edge.calls);
	return new Map(
		services.map((service) => {
			const callsReceived = received.get(service.name) ?? 0;
			const weight = tierWeight(service);
			const importance = weight * (1 + service.dependents + Math.log10(1 + callsReceived));
			const score = (1 - (service.confidence?.confidence ?? 0)) * importance;
			return [service.name, { score: round(score), importance: round(importance), tierWeight: weight, callsReceived }];
		}),
	);
}

const round = (value: number): number => roundTo(value, 3);
