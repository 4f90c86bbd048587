import type { Rng } from './prng.ts';

// Sentence pools for synthetic notes. No braces or angle brackets: notes may be compiled as MDX.
const DESCRIPTIONS: readonly (readonly string[])[] = [
	['Entry point that routes %d traffic from the internet to internal services.', 'Public edge for %d requests, with authentication and rate limiting.'],
	['Backend-for-frontend that shapes %d data for the web and mobile clients.', 'Aggregates %d calls into the responses the customer-facing pages need.'],
	['Business logic for %d requests, coordinating the services below it.', 'Handles the %d workflow from request to confirmation.', 'Validates and applies changes to %d state.'],
	['Owns %d records and answers lookups for other services.', 'System of record for %d data.', 'Computes %d results from stored rules and reference data.'],
	['Background worker that keeps %d data in sync across systems.', 'Processes %d events asynchronously.', 'Scheduled jobs for %d housekeeping and exports.'],
];

const OPENINGS: readonly (readonly string[])[] = [
	['Every %d request from outside passes through here first.', 'This is the front door for %d traffic.'],
	['The clients talk to this service instead of calling a dozen backends themselves.', 'It exists so the apps can fetch a %d screen in one round trip.'],
	['Most of the %d rules live here.', 'It orchestrates the %d flow and owns no data of its own beyond a small audit table.'],
	['Other services read %d data through this API rather than from the database.', 'It is the only writer of the %d tables.'],
	['Nothing waits on it synchronously; if it falls behind, data is late rather than lost.', 'It runs from a queue and a few scheduled jobs.'],
];

const FAILURES = [
	'When it is slow, the usual suspect is `%x`.',
	'Errors here usually mean `%x` is unavailable, so check its dashboard first.',
	'It fails closed: if `%x` is down, requests are rejected rather than guessed.',
	'Timeouts are two seconds on every outbound call, and `%x` is the one that hits them.',
	'Retries are limited to one per request to avoid piling onto `%x`.',
];

const RUNBOOK = [
	'Restarting the pods is safe; the service holds no state.',
	'Deploys go out on weekday mornings and can be rolled back from the pipeline.',
	'Alerts page the %t on-call rotation.',
	'Configuration lives in the `%n-config` repository.',
	'Dashboards are linked from the team channel.',
	'Capacity is reviewed every quarter; it has headroom for roughly twice the current peak.',
];

const HISTORY = [
	'Most of the code predates the current team.',
	'It was split out of the old monolith a few years ago.',
	'Rewritten last year; the old version is archived but not deleted.',
	'',
	'',
];

const fill = (template: string, values: Record<string, string>): string => template.replace(/%([a-z])/g, (_, key: string) => values[key] ?? '');

/** A one-sentence description for a synthetic service of a domain and layer. */
export function describeService(domain: string, layer: number, rng: Rng): string {
	return fill(rng.pick(DESCRIPTIONS[layer] ?? DESCRIPTIONS[2] as readonly string[]), { d: domain });
}

/** A paragraph of team prose for a synthetic service's note. */
export function noteBody(input: { name: string; domain: string; layer: number; teamName: string; dependsOn: readonly string[] }, rng: Rng): string {
	const values = { d: input.domain, n: input.name, t: input.teamName, x: input.dependsOn.length > 0 ? rng.pick(input.dependsOn) : input.name };
	const sentences = [fill(rng.pick(OPENINGS[input.layer] ?? OPENINGS[2] as readonly string[]), values)];
	if (input.dependsOn.length > 0) {
		const listed = input.dependsOn.slice(0, 4).map((d) => `\`${d}\``);
		const list = listed.length === 1 ? listed[0] : `${listed.slice(0, -1).join(', ')} and ${listed[listed.length - 1]}`;
		sentences.push(`It depends on ${list}${input.dependsOn.length > 4 ? ', among others' : ''}.`);
		sentences.push(fill(rng.pick(FAILURES), values));
	} else {
		sentences.push('It calls nothing else, so problems here are local.');
	}
	for (const line of rng.shuffle(RUNBOOK).slice(0, rng.int(1, 3))) sentences.push(fill(line, values));
	const history = rng.pick(HISTORY);
	if (history) sentences.push(history);
	return sentences.join(' ');
}
