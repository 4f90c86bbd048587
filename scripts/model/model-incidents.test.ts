import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadIncidents, type Incident } from '../incidents/load-incidents.ts';
import type { LearnedDependency } from '../incidents/incident-schema.ts';
import { mergeModel } from './merge-model.ts';
import { modelSchema, type Model } from './model-schema.ts';
import { call, content, note, seen, snapshot, team } from './test-helpers/model-inputs.ts';

// Noon, so whole-day ages are floors of half days: a lesson 180 days old is 180.5 days old, counted as 180.
const now = new Date('2026-11-23T12:00:00Z');
const options = { buildId: '20261123T120000Z', now, staleAfterDays: 90 };
const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000).toISOString();
const dayOf = (days: number) => daysAgo(days).slice(0, 10);
const edgeOf = (model: Model, from: string, to: string) => model.edges.find((e) => e.from === from && e.to === to);

// An incident as `loadIncidents` returns it, started at midnight `days` days before the build's day.
function incident(id: string, days: number, dependencies: LearnedDependency[], services: string[] = ['pricing']): Incident {
	const started = `${dayOf(days)}T00:00:00.000Z`;
	return {
		id,
		title: `Incident ${id}`,
		started,
		resolved: started,
		severity: 'SEV2',
		services,
		owner: 'commerce',
		links: [],
		learned: { dependencies, services: [] },
		file: `incidents/${id}.md`,
		format: 'md',
		body: 'What happened.',
		bodyLine: 10,
		positions: { owner: { line: 8, column: 1 }, services: [], dependencies: [], learnedServices: [] },
	};
}

const beliefs = content([note('pricing', 'commerce', dayOf(10), ['postgresql:pricing'])], [team('commerce')]);
const observedBoth = snapshot(now, [seen('pricing', daysAgo(6), daysAgo(1))], [
	call('pricing', 'postgresql:pricing', daysAgo(6), daysAgo(1), { calls: 50 }),
	call('pricing', 'postgresql:catalog', daysAgo(6), daysAgo(1), { calls: 30 }),
]);

describe('incidents in the model', () => {
	it('gives an edge telemetry sees and only an incident declares the status learned, not hidden', () => {
		const without = mergeModel(beliefs, observedBoth, options);
		expect(edgeOf(without, 'pricing', 'postgresql:catalog')).toMatchObject({ status: 'hidden', declared: false, learnedIn: [] });

		const lesson: LearnedDependency = { from: 'pricing', to: 'postgresql:catalog', what: 'undeclared', note: 'reads pack sizes' };
		const model = mergeModel(beliefs, observedBoth, { ...options, incidents: [incident('INC-142', 80, [lesson])] });
		const edge = edgeOf(model, 'pricing', 'postgresql:catalog')!;
		expect(edge).toMatchObject({ status: 'learned', declared: true, observed: true, declaredBy: ['incident'], calls: 30 });
		expect(edge.learnedIn).toHaveLength(1);
		expect(edge.learnedIn[0]).toMatchObject({ incident: 'INC-142', slug: 'inc-142', date: dayOf(80), what: 'undeclared', note: 'reads pack sizes' });
		// Confirmed 80 days ago (half-life 90): 0.5^(80/90), then telemetry closes 90% of the gap to 1.
		const decayed = 0.5 ** (80 / 90);
		// Seen: the decayed lesson closes seenWeight (0.98) of its gap to certainty.
		expect(edge.learnedIn[0]!.confidence).toBeCloseTo(decayed + (1 - decayed) * 0.98, 3);
		expect(edge.confidence).toBeCloseTo(decayed + (1 - decayed) * 0.98, 3);
		expect(model.summary).toMatchObject({ confirmed: 1, learned: 1, hidden: 0, phantom: 0 });
		// The service's claims now count the lesson, not a gap of 0.
		const claims = model.services.find((s) => s.name === 'pricing')!.confidence!.claims;
		expect(claims.find((c) => c.subject === 'postgresql:catalog')).toMatchObject({ kind: 'dependency', since: dayOf(80) });
		expect(claims.find((c) => c.subject === 'postgresql:catalog')!.evidence).toContain('incident INC-142');
		expect(modelSchema.parse(model)).toEqual(model);
	});

	it('halves a lesson every dependency half-life when nothing confirms it again', () => {
		const lesson: LearnedDependency = { from: 'pricing', to: 'postgresql:catalog', what: 'critical' };
		const at = (days: number) => {
			const model = mergeModel(beliefs, null, { ...options, incidents: [incident('INC-1', days, [lesson])] });
			return edgeOf(model, 'pricing', 'postgresql:catalog')!;
		};
		// No telemetry: the lesson is a declared edge nobody could check, as old as the incident.
		expect(at(90)).toMatchObject({ status: 'phantom', declaredBy: ['incident'] });
		expect(at(0).learnedIn[0]!.confidence).toBe(1);
		expect(at(90).learnedIn[0]!.confidence).toBe(0.5);
		expect(at(180).learnedIn[0]!.confidence).toBe(0.25);
		expect(at(180).confidence).toBe(0.25);
	});

	it('lowers a lesson telemetry no longer sees, by how sure its absence is, until it has gone stale', () => {
		const lesson: LearnedDependency = { from: 'pricing', to: 'postgresql:catalog', what: 'critical' };
		const quiet = snapshot(now, [seen('pricing', daysAgo(6), daysAgo(1), { spans: 1000 })], [call('pricing', 'postgresql:pricing', daysAgo(6), daysAgo(1), { calls: 1000 })]);
		const model = mergeModel(beliefs, quiet, { ...options, incidents: [incident('INC-87', 650, [lesson])] });
		const edge = edgeOf(model, 'pricing', 'postgresql:catalog')!;
		expect(edge).toMatchObject({ status: 'phantom', observed: false });
		expect(edge.absence!.certainty).toBeGreaterThan(0.99);
		// 650 days is over seven half-lives, then ×(1 − (1 − absentFloor 0.6) × certainty): next to nothing.
		expect(edge.learnedIn[0]!.confidence).toBeLessThan(0.01);
		expect(edge.learnedIn[0]!.confidence).toBeCloseTo(0.5 ** (650 / 90) * (1 - 0.4 * edge.absence!.certainty), 4);
	});

	it('keeps a note-declared edge confirmed, with the incident beside the note as a source, the fresher one counting', () => {
		const declared = content([note('pricing', 'commerce', dayOf(400), ['postgresql:pricing', 'postgresql:catalog'])], [team('commerce')]);
		const lesson: LearnedDependency = { from: 'pricing', to: 'postgresql:catalog', what: 'critical' };
		const plain = edgeOf(mergeModel(declared, null, options), 'pricing', 'postgresql:catalog')!;
		const learned = edgeOf(mergeModel(declared, null, { ...options, incidents: [incident('INC-9', 30, [lesson])] }), 'pricing', 'postgresql:catalog')!;
		expect(learned).toMatchObject({ declaredBy: ['note', 'incident'], status: 'phantom' });
		expect(learned.confidence).toBeCloseTo(0.5 ** (30 / 90), 3);
		expect(learned.confidence!).toBeGreaterThan(plain.confidence!);
		const observed = mergeModel(declared, observedBoth, { ...options, incidents: [incident('INC-9', 30, [lesson])] });
		expect(edgeOf(observed, 'pricing', 'postgresql:catalog')!.status).toBe('confirmed');
	});

	it('records a lesson that a dependency is gone without declaring it, and makes no edge of it alone', () => {
		const gone: LearnedDependency = { from: 'pricing', to: 'postgresql:catalog', what: 'gone' };
		const alone: LearnedDependency = { from: 'pricing', to: 'tax-calculator', what: 'gone' };
		const model = mergeModel(beliefs, observedBoth, { ...options, incidents: [incident('INC-3', 0, [gone, alone])] });
		const edge = edgeOf(model, 'pricing', 'postgresql:catalog')!;
		expect(edge).toMatchObject({ status: 'hidden', declared: false, declaredBy: [] });
		// Telemetry still sees what the review said was gone: the lesson is contradicted, 1 × (1 − seenWeight 0.98) = 0.02.
		expect(edge.learnedIn[0]).toMatchObject({ what: 'gone', confidence: 0.02 });
		expect(edgeOf(model, 'pricing', 'tax-calculator')).toBeUndefined();
	});

	it('lists incidents newest first with slugs, names resolved through aliases', () => {
		const aliased = content([{ ...note('pricing', 'commerce', dayOf(10)), aliases: ['pricing-v1'] }], [team('commerce')]);
		const lesson: LearnedDependency = { from: 'pricing-v1', to: 'postgresql:catalog', what: 'undeclared' };
		const model = mergeModel(aliased, null, { ...options, incidents: [incident('INC-1', 300, []), incident('INC 2', 5, [lesson], ['pricing-v1'])] });
		expect(model.incidents.map((i) => [i.id, i.slug, i.services])).toEqual([
			['INC 2', 'inc-2', ['pricing']],
			['INC-1', 'inc-1', ['pricing']],
		]);
		expect(edgeOf(model, 'pricing', 'postgresql:catalog')!.learnedIn[0]!.slug).toBe('inc-2');
	});

	it('reads a model written before incidents with no incidents and no lessons', () => {
		const { incidents: _incidents, ...old } = mergeModel(beliefs, observedBoth, options);
		const oldEdges = old.edges.map(({ learnedIn: _learnedIn, ...edge }) => edge);
		const { learned: _learned, ...summary } = old.summary;
		const parsed = modelSchema.parse({ ...old, edges: oldEdges, summary });
		expect(parsed.incidents).toEqual([]);
		expect(parsed.summary.learned).toBe(0);
		expect(parsed.edges.every((e) => e.learnedIn.length === 0)).toBe(true);
	});
});

describe('loadIncidents', () => {
	it('normalizes times to UTC, severities to text and links to { title, url }, and knows where names are', async () => {
		const input = path.join(import.meta.dirname, '../notes/fixtures/incidents/input');
		const { incidents } = await loadIncidents(input, { now });
		// Only the valid review and the one dated after the build (a warning) are kept.
		expect(incidents.map((i) => i.id)).toEqual(['INC-1', 'INC-4', 'INC-5']);
		expect(incidents[0]).toMatchObject({
			started: '2026-09-03T09:12:00.000Z',
			resolved: '2026-09-03T10:47:00.000Z',
			severity: '2',
			links: [{ title: 'https://chat.example.com/inc-1', url: 'https://chat.example.com/inc-1' }],
			learned: { dependencies: [{ from: 'pricing', to: 'postgresql:catalog', what: 'undeclared', note: 'pricing reads pack sizes directly' }] },
			positions: { owner: { line: 8, column: 1 }, services: [{ line: 7, column: 12 }, { line: 7, column: 21 }] },
		});
	});
});
