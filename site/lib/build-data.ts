import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { buildDir } from 'virtual:halflife/config';
import { groupBy } from '../../scripts/lib/group-by.ts';
import type { Model, ModelEdge, ModelService } from '../../scripts/model/model-schema.ts';
import { BUILD_BASE, SITE_ROOT } from '../../scripts/publish/site-layout.ts';
import type { MapGroup } from '../../scripts/render/map-groups.ts';
import { RECENT_BUILDS, type VersionsIndex } from '../../scripts/publish/versions-index.ts';

function readJson<T>(file: string): T {
	const full = path.join(buildDir, file);
	if (!existsSync(full)) {
		throw new Error(`${full} is missing. Build the site with \`halflife build\`, which generates it before running Astro.`);
	}
	return JSON.parse(readFileSync(full, 'utf8')) as T;
}

// Read once per build: every page shares these objects.
/** The merged model of this build. */
export const model: Model = readJson('model.json');
/** Every published build up to and including this one, oldest first. */
export const history: VersionsIndex = readJson('history.json');

/** How many builds a page's charts and history tables show. */
export { RECENT_BUILDS };
/** The most recent builds, oldest first, for charts and per-page histories; the builds page lists them all. */
export const recent = history.versions.slice(-RECENT_BUILDS);

/** The system map's groups (teams, catalog systems, clusters), as the build computed them to draw their pictures. */
export const mapGroups: MapGroup[] = readJson('map-groups.json');

const servicesByName = new Map(model.services.map((s) => [s.name, s]));
const servicesBySlug = new Map(model.services.map((s) => [s.slug, s]));

/** Looks up a service by name. */
export const serviceNamed = (name: string): ModelService | undefined => servicesByName.get(name);
/** Looks up a service by slug. */
export const serviceAt = (slug: string): ModelService | undefined => servicesBySlug.get(slug);
const outgoing = groupBy(model.edges, (edge) => edge.from);
const incoming = groupBy(model.edges, (edge) => edge.to);

/** Edges leaving a service (what it depends on). */
export const edgesFrom = (name: string): ModelEdge[] => outgoing.get(name) ?? [];
/** Edges entering a service (who depends on it). */
export const edgesTo = (name: string): ModelEdge[] => incoming.get(name) ?? [];
/** The team with this id. */
export const teamWithId = (id: string | null) => (id === null ? undefined : model.teams.find((t) => t.id === id));

// Astro always builds with BUILD_BASE (publishing rewrites it), so the constant is used rather than
// import.meta.env.BASE_URL, which a BASE_URL in the environment (vitest sets one) can override.
/** Prefixes a site path with this version's base, so links stay inside the version being read. */
export function href(sitePath: string): string {
	return `${BUILD_BASE.replace(/\/$/, '')}${sitePath}`;
}

/** The site path of a page's URL pathname: `/services/cart/` for the build base followed by `services/cart/`. */
export function sitePathOf(pathname: string): string {
	return pathname.startsWith(BUILD_BASE) ? `/${pathname.slice(BUILD_BASE.length)}` : pathname;
}

/** Prefixes a site path with the site's root, for links from any version to the latest build or to another version. */
export function rootHref(sitePath: string): string {
	return `${SITE_ROOT.replace(/\/$/, '')}${sitePath}`;
}

/** An owner as a reader knows it: the team's name, a person's name marked as a person, or "nobody". */
export function ownerName(owner: string | null): string {
	if (owner === null) return 'nobody';
	if (owner.startsWith('user:')) return `${owner.slice('user:'.length)} (a person)`;
	return teamWithId(owner)?.name ?? owner;
}
