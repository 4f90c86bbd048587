import type { CatalogEntity } from '../../catalogs/catalog-types.ts';
import { emptyCatalog } from '../../catalogs/empty-catalog.ts';
import type { Note, Team } from '../../notes/load-content.ts';
import { describeServices, type Beliefs } from '../describe-services.ts';
import type { ObservedEdge, ObservedService, TelemetrySnapshot } from '../../sources/snapshot.ts';
import { DAY_MS } from '../../lib/days.ts';

/** A note as `loadContent` would return it; `reviewed` is `YYYY-MM-DD`. */
export function note(service: string, owner: string, reviewed: string, dependsOn: string[] = [], description?: string): Note {
	return {
		service,
		owner,
		reviewed,
		reviewedFrom: 'frontmatter',
		dependsOn: dependsOn.map((name) => ({ name, why: null, rare: false, expectedEveryDays: null })),
		stores: [],
		uses: [],
		aliases: [],
		links: [],
		...(description === undefined ? {} : { description }),
		file: `notes/${service}.md`,
		format: 'md',
		body: `About ${service}.`,
		bodyLine: 6,
		sections: [],
		positions: { service: { line: 2, column: 1 }, owner: { line: 3, column: 1 }, dependsOn: dependsOn.map((_, i) => ({ line: 6 + i, column: 3 })), stores: [], uses: [], aliases: [] },
	};
}

/** A team as `loadContent` would return it. */
export function team(id: string, name = id): Team {
	return { id, file: `teams/${id}.md`, name, description: null, contact: null, members: [], body: '' };
}

/** A Backstage Component as a catalog reader returns it, with `more` set over its defaults. */
export function catalogEntity(name: string, more: Partial<CatalogEntity> = {}): CatalogEntity {
	return {
		source: 'backstage',
		file: `catalogs/${name}.yaml`,
		line: 4,
		catalogKind: 'Component',
		kind: 'service',
		name,
		owner: null,
		ownerLine: null,
		description: null,
		tier: null,
		lifecycle: null,
		oncall: null,
		runbook: null,
		repo: null,
		contact: null,
		links: [],
		dependsOn: [],
		dependencyOf: [],
		system: null,
		partOf: null,
		tags: [],
		...more,
	};
}

/** What notes and teams say, combined as the build combines them (no catalogs). */
export function content(notes: Note[], teams: Team[]): Beliefs {
	return describeServices({ notes, teams, broken: [], problems: [] }, emptyCatalog(), null);
}

/** A service seen in telemetry between two instants. */
export function seen(name: string, firstSeen: string, lastSeen: string, more: Partial<ObservedService> = {}): ObservedService {
	return { name, rawNames: [], kind: 'service', spans: 10, firstSeen, lastSeen, versions: [], instances: 0, rootSpans: 0, ...more };
}

/** An edge seen in telemetry between two instants. */
export function call(from: string, to: string, firstSeen: string, lastSeen: string, more: Partial<ObservedEdge> = {}): ObservedEdge {
	return { from, to, via: 'parent-child', calls: 1, errors: 0, errorTraceCalls: 0, retries: 0, consumerCalls: 0, reads: 0, writes: 0, latencyMs: { p50: 1, p95: 2, p99: 3 }, firstSeen, lastSeen, ...more };
}

/** A snapshot of the seven days before `now`, holding these services and edges. */
export function snapshot(now: Date, services: ObservedService[], edges: ObservedEdge[]): TelemetrySnapshot {
	return {
		schemaVersion: 1,
		source: { name: 'test', inputs: [] },
		pulledAt: now.toISOString(),
		window: { start: new Date(now.getTime() - 7 * DAY_MS).toISOString(), end: now.toISOString() },
		stats: { spans: services.reduce((n, s) => n + s.spans, 0), traces: 5, spansOutsideWindow: 0, orphanSpans: 1, counting: { basis: 'unknown', ratio: null, evidence: null } },
		services,
		edges,
	};
}
