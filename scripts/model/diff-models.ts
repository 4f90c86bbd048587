import { z } from 'astro/zod';
import { DEFAULT_SHIFT_OPTIONS, type ShiftOptions } from '../config/shift-options.ts';
import { edgeChanges } from './edge-health.ts';
import { edgeChangeSchema, edgeStatusSchema, type Model } from './model-schema.ts';

const edgeRef = z.object({ from: z.string(), to: z.string(), status: edgeStatusSchema });

const sharedResource = z.object({ resource: z.string(), services: z.array(z.string()) });
const hostRef = z.object({ host: z.string(), callers: z.array(z.string()) });

/** An edge whose traffic moved between the two builds: its change, and its calls now. */
export const edgeShiftSchema = edgeChangeSchema.omit({ previous: true }).extend({
	/** Caller. */
	from: z.string(),
	/** Callee. */
	to: z.string(),
	/** Calls in the later build's window. */
	calls: z.number().int().nonnegative(),
	/** Of them, retries: more calls may be the same requests sent again. */
	retries: z.number().int().nonnegative().default(0),
});

/** What changed between two consecutive builds. */
export const buildChangesSchema = z.object({
	/** Id of the build compared against, or null for the first build. */
	previous: z.string().nullable(),
	/** Services and infrastructure that appeared. */
	servicesAdded: z.array(z.string()),
	/** Services and infrastructure that vanished. */
	servicesRemoved: z.array(z.string()),
	/** Edges that appeared, with their status now. */
	edgesAdded: z.array(edgeRef),
	/** Edges that vanished, with their status before. */
	edgesRemoved: z.array(edgeRef),
	/** Edges whose status changed (a phantom confirmed, a confirmed edge gone quiet). */
	edgesChanged: z.array(z.object({ from: z.string(), to: z.string(), before: edgeStatusSchema, after: edgeStatusSchema })),
	/** Services whose owner changed. */
	ownersChanged: z.array(z.object({ service: z.string(), before: z.string().nullable(), after: z.string().nullable() })),
	/** Services whose note was reviewed again. */
	notesReviewed: z.array(z.string()),
	/** Services whose note crossed from fresh to stale. */
	newlyStale: z.array(z.string()),
	/** Services whose note's text or fields changed (a review alone is in `notesReviewed`). */
	notesEdited: z.array(z.string()).default([]),
	/** Sections that crossed from fresh to stale. */
	sectionsNewlyStale: z.array(z.object({ service: z.string(), section: z.string() })).default([]),
	/** Services whose confidence moved by at least `CONFIDENCE_STEP`: lost when `after` is lower, regained when higher. */
	confidenceChanged: z.array(z.object({ service: z.string(), before: z.number(), after: z.number() })).default([]),
	/** Edges whose calls, error share or p95 moved beyond the `shifts` thresholds with enough calls to tell (`shifted` says which). */
	edgesShifted: z.array(edgeShiftSchema).default([]),
	/** Edges whose traffic moved as much, but on too few calls to tell from chance (`tooFewCalls` says which): not findings. */
	edgesTooFewCalls: z.array(edgeShiftSchema).default([]),
	/** Services whose instance count moved past the `shifts` instance thresholds: the topology changed while we observed. */
	instancesChanged: z.array(z.object({ service: z.string(), before: z.number().int(), after: z.number().int() })).default([]),
	/** Lessons incidents taught about dependencies whose confidence moved by at least `CONFIDENCE_STEP`: faded when `after` is lower, confirmed again when higher. */
	lessonsChanged: z
		.array(z.object({ incident: z.string(), from: z.string(), to: z.string(), before: z.number(), after: z.number() }))
		.default([]),
	/** Resources that became shared by services not calling each other (`couplings`), with their users now. */
	couplingAdded: z.array(sharedResource).default([]),
	/** Resources no longer shared that way, with their users before. */
	couplingRemoved: z.array(sharedResource).default([]),
	/** External hosts telemetry saw called in this window and not in the previous one, with their callers. */
	externalHostsAdded: z.array(hostRef).default([]),
	/** External hosts seen called in the previous window and not in this one, with their callers before. */
	externalHostsRemoved: z.array(hostRef).default([]),
	/** Services where traffic now enters (`entryPoints`) that were not entry points before. */
	entryPointsAdded: z.array(z.string()).default([]),
	/** Services that were entry points and no longer are. */
	entryPointsRemoved: z.array(z.string()).default([]),
	/** Understanding of the whole system before and after, or null when a build had none. */
	systemConfidence: z.object({ before: z.number().nullable(), after: z.number().nullable() }).default({ before: null, after: null }),
});

/** The smallest change in a service's confidence worth reporting between two builds. */
export const CONFIDENCE_STEP = 0.05;

/** What changed between two consecutive builds. */
export type BuildChanges = z.infer<typeof buildChangesSchema>;

/** Changes with nothing in them: the start of a diff, and what two identical builds give. */
export function noChanges(previous: string | null): BuildChanges {
	return {
		previous,
		servicesAdded: [],
		servicesRemoved: [],
		edgesAdded: [],
		edgesRemoved: [],
		edgesChanged: [],
		ownersChanged: [],
		notesReviewed: [],
		newlyStale: [],
		notesEdited: [],
		sectionsNewlyStale: [],
		confidenceChanged: [],
		edgesShifted: [],
		edgesTooFewCalls: [],
		instancesChanged: [],
		lessonsChanged: [],
		couplingAdded: [],
		couplingRemoved: [],
		externalHostsAdded: [],
		externalHostsRemoved: [],
		entryPointsAdded: [],
		entryPointsRemoved: [],
		systemConfidence: { before: null, after: null },
	};
}

/** Compares a build's model with the previous build's (or with nothing, for the first build); `shifts` judges edges' traffic. */
export function diffModels(previous: Model | null, current: Model, shifts: ShiftOptions = DEFAULT_SHIFT_OPTIONS): BuildChanges {
	const before = new Map((previous?.services ?? []).map((s) => [s.name, s]));
	const after = new Map(current.services.map((s) => [s.name, s]));
	const edgeKey = (e: { from: string; to: string }) => `${e.from}\u0000${e.to}`;
	const edgesBefore = new Map((previous?.edges ?? []).map((e) => [edgeKey(e), e]));
	const edgesAfter = new Map(current.edges.map((e) => [edgeKey(e), e]));
	const ref = (e: { from: string; to: string; status: z.infer<typeof edgeStatusSchema> }) => ({
		from: e.from,
		to: e.to,
		status: e.status,
	});

	const changes: BuildChanges = {
		...noChanges(previous?.build.id ?? null),
		servicesAdded: [...after.keys()].filter((name) => !before.has(name)),
		servicesRemoved: [...before.keys()].filter((name) => !after.has(name)),
		edgesAdded: [...edgesAfter].filter(([key]) => !edgesBefore.has(key)).map(([, e]) => ref(e)),
		edgesRemoved: [...edgesBefore].filter(([key]) => !edgesAfter.has(key)).map(([, e]) => ref(e)),
		systemConfidence: { before: previous?.summary.confidence ?? null, after: current.summary.confidence },
		...outsideChanges(previous, current),
	};
	for (const [key, edge] of edgesAfter) {
		const old = edgesBefore.get(key);
		if (old && old.status !== edge.status) {
			changes.edgesChanged.push({ from: edge.from, to: edge.to, before: old.status, after: edge.status });
		}
		for (const lesson of edge.learnedIn) {
			const was = old?.learnedIn.find((l) => l.incident === lesson.incident)?.confidence;
			const now = lesson.confidence;
			if (was === null || was === undefined || now === null || Math.abs(now - was) < CONFIDENCE_STEP - 1e-9) continue;
			changes.lessonsChanged.push({ incident: lesson.incident, from: edge.from, to: edge.to, before: was, after: now });
		}
	}
	for (const [key, change] of previous ? edgeChanges(previous, current, shifts) : []) {
		const edge = edgesAfter.get(key)!;
		const { previous: _, ...rest } = change;
		const item = { from: edge.from, to: edge.to, calls: edge.calls, retries: edge.retries, ...rest };
		if (change.shifted.length > 0) changes.edgesShifted.push(item);
		else if (change.tooFewCalls.length > 0) changes.edgesTooFewCalls.push(item);
	}
	for (const [name, service] of after) {
		const old = before.get(name);
		if (!old) continue;
		if (old.owner !== service.owner) changes.ownersChanged.push({ service: name, before: old.owner, after: service.owner });
		if (service.note && old.note && service.note.reviewed !== old.note.reviewed) changes.notesReviewed.push(name);
		// Only a note that was fresh last build crossed: a note that arrived already stale did not.
		if (service.note?.stale && old.note && !old.note.stale) changes.newlyStale.push(name);
		if (service.note && old.note && old.note.hash !== '' && service.note.hash !== old.note.hash) changes.notesEdited.push(name);
		for (const section of service.note?.sections ?? []) {
			const was = old.note?.sections.find((s) => s.heading === section.heading);
			if (section.stale && was && !was.stale) changes.sectionsNewlyStale.push({ service: name, section: section.heading });
		}
		if (instancesMoved(old.instances, service.instances, shifts)) changes.instancesChanged.push({ service: name, before: old.instances!, after: service.instances! });
		const scoreBefore = old.confidence?.confidence;
		const scoreAfter = service.confidence?.confidence;
		if (scoreBefore !== undefined && scoreAfter !== undefined && Math.abs(scoreAfter - scoreBefore) >= CONFIDENCE_STEP - 1e-9) {
			changes.confidenceChanged.push({ service: name, before: scoreBefore, after: scoreAfter });
		}
	}
	return changes;
}

/** Number of individual changes, for headlines. */
export function countChanges(changes: BuildChanges): number {
	return (
		changes.servicesAdded.length +
		changes.servicesRemoved.length +
		changes.edgesAdded.length +
		changes.edgesRemoved.length +
		changes.edgesChanged.length +
		changes.ownersChanged.length +
		changes.notesReviewed.length +
		changes.newlyStale.length +
		changes.notesEdited.length +
		changes.sectionsNewlyStale.length +
		changes.confidenceChanged.length +
		changes.edgesShifted.length +
		changes.instancesChanged.length +
		changes.lessonsChanged.length +
		changes.couplingAdded.length +
		changes.couplingRemoved.length +
		changes.externalHostsAdded.length +
		changes.externalHostsRemoved.length +
		changes.entryPointsAdded.length +
		changes.entryPointsRemoved.length
	);
}

// Sharing, hosts and entry points that came or went. A first build has nothing to compare against: none is news.
function outsideChanges(previous: Model | null, current: Model): Pick<BuildChanges, 'couplingAdded' | 'couplingRemoved' | 'externalHostsAdded' | 'externalHostsRemoved' | 'entryPointsAdded' | 'entryPointsRemoved'> {
	if (!previous) return { couplingAdded: [], couplingRemoved: [], externalHostsAdded: [], externalHostsRemoved: [], entryPointsAdded: [], entryPointsRemoved: [] };
	const shared = (m: Model) => new Map(m.couplings.map((c) => [c.resource, c.users.map((u) => u.service)]));
	const called = (m: Model) => new Map(m.egress.filter((e) => e.observed).map((e) => [e.host, e.callers]));
	const entries = (m: Model) => new Set(m.entryPoints.map((e) => e.service));
	const [sharedBefore, sharedAfter] = [shared(previous), shared(current)];
	const [hostsBefore, hostsAfter] = [called(previous), called(current)];
	const [entriesBefore, entriesAfter] = [entries(previous), entries(current)];
	const only = <T,>(a: Map<string, T>, b: Map<string, T>) => [...a].filter(([key]) => !b.has(key));
	return {
		couplingAdded: only(sharedAfter, sharedBefore).map(([resource, services]) => ({ resource, services })),
		couplingRemoved: only(sharedBefore, sharedAfter).map(([resource, services]) => ({ resource, services })),
		externalHostsAdded: only(hostsAfter, hostsBefore).map(([host, callers]) => ({ host, callers })),
		externalHostsRemoved: only(hostsBefore, hostsAfter).map(([host, callers]) => ({ host, callers })),
		entryPointsAdded: [...entriesAfter].filter((name) => !entriesBefore.has(name)),
		entryPointsRemoved: [...entriesBefore].filter((name) => !entriesAfter.has(name)),
	};
}

// Both builds counted instances, and the count moved by the ratio and the step the options ask.
function instancesMoved(before: number | null, after: number | null, shifts: ShiftOptions): before is number {
	if (before === null || after === null || before === 0 || after === 0) return false;
	return Math.abs(after - before) >= shifts.minInstancesChange && Math.max(after, before) / Math.min(after, before) >= shifts.minInstancesRatio;
}
