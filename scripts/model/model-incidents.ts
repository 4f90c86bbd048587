import type { Incident } from '../incidents/load-incidents.ts';
import { compare } from '../lib/compare.ts';
import { assignSlugs } from './assign-slugs.ts';
import type { EdgeLesson, ModelIncident } from './model-schema.ts';

/**
 * The model's incidents: every name resolved through the aliases telemetry names are resolved
 * through (so a lesson about `checkout-v1` lands on `checkout`'s edge), a slug each, newest first.
 */
export function modelIncidents(incidents: readonly Incident[], aliases: ReadonlyMap<string, string>): ModelIncident[] {
	const name = (raw: string) => aliases.get(raw) ?? raw;
	const slugs = assignSlugs(incidents.map((incident) => incident.id));
	return incidents
		.map((incident) => ({
			id: incident.id,
			title: incident.title,
			slug: slugs.get(incident.id)!,
			started: incident.started,
			resolved: incident.resolved,
			severity: incident.severity,
			services: [...new Set(incident.services.map(name))],
			owner: incident.owner,
			links: incident.links,
			learned: {
				dependencies: incident.learned.dependencies.map((d) => ({ from: name(d.from), to: name(d.to), what: d.what, note: d.note ?? null })),
				services: incident.learned.services.map((s) => ({ service: name(s.service), what: s.what })),
			},
			path: incident.file,
		}))
		.sort((a, b) => compare(b.started, a.started) || compare(a.id, b.id));
}

/** Every lesson about an edge, by `from\0to`, oldest first; confidence is scored later, with the rest. */
export function lessonsByEdge(incidents: readonly ModelIncident[]): Map<string, EdgeLesson[]> {
	const byEdge = new Map<string, EdgeLesson[]>();
	for (const incident of [...incidents].reverse()) {
		for (const lesson of incident.learned.dependencies) {
			const key = `${lesson.from}\u0000${lesson.to}`;
			const list = byEdge.get(key) ?? [];
			list.push({ incident: incident.id, slug: incident.slug, date: incident.started.slice(0, 10), what: lesson.what, note: lesson.note, confidence: null });
			byEdge.set(key, list);
		}
	}
	return byEdge;
}
