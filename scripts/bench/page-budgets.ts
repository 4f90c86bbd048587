import { VERSIONS_DIR } from '../publish/site-layout.ts';

/** The screen every page is measured on: a laptop's browser window. */
export const SCREEN = { width: 1280, height: 900 } as const;

/** Most screens of that size a page may fill, whatever the size of the system. */
export const MAX_SCREENS = 8;

/** Tallest a page may be, in CSS pixels at SCREEN's width. */
export const MAX_PAGE_HEIGHT = SCREEN.height * MAX_SCREENS;

/** The kinds of page a build publishes, in the order the site's navigation lists them. */
export const PAGE_KINDS = ['overview', 'start', 'services index', 'service', 'teams index', 'team', 'queue', 'incidents', 'incident', 'map', 'map group', 'feedback', 'views', 'view', 'builds', 'search', 'list'] as const;

/** One kind of page. */
export type PageKind = (typeof PAGE_KINDS)[number];

/**
 * Heaviest a page of each kind may be, in kilobytes: its HTML and everything it loads (styles,
 * scripts, the search index it fetches), leaving out the diagram renderer a page loads only when
 * its site was built without Chromium. A service page carries its diagram (up to 13 nodes) and two
 * charts as inline SVG; the map, the groups' picture (up to 40 nodes); a map group page, its picture
 * (up to 40 nodes and 50 lines); search, Pagefind's script and the parts of its index it fetches. A view
 * (`/views/<role>/`) and a team's review queue (`/teams/<slug>/queue/`, 100 rows a page) hold bounded tables only.
 */
export const KIND_BUDGET_KB: Readonly<Record<PageKind, number>> = {
	overview: 100,
	start: 60,
	'services index': 100,
	service: 150,
	'teams index': 80,
	team: 80,
	queue: 80,
	incidents: 100,
	incident: 80,
	map: 150,
	'map group': 150,
	feedback: 80,
	views: 60,
	view: 100,
	builds: 150,
	search: 300,
	list: 100,
};

/** A page of the site, and which kind it is; `frozen` when it is a copy kept under `v/<id>/`. */
export interface SitePage {
	/** Path under the site's root: `/services/cart/`, `/v/20261123T000000Z/teams/`. */
	path: string;
	kind: PageKind;
	frozen: boolean;
}

/** The kind of the page at a site path (`/`, `/teams/x/`, `/v/<id>/map/`), or null for a path that is no page kind. */
export function pageKindOf(sitePath: string): SitePage | null {
	const frozen = new RegExp(`^/${VERSIONS_DIR}/[^/]+(/.*)$`).exec(sitePath);
	const rest = frozen ? frozen[1]! : sitePath;
	const kind = kindOfPath(rest);
	return kind ? { path: sitePath, kind, frozen: frozen !== null } : null;
}

// The first page of a long list is at its own address; the others follow as `<n>/`, or under
// `index/<n>/` where the address is shared with pages named by slug (`index` is never a slug).
function kindOfPath(rest: string): PageKind | null {
	const parts = rest.split('/').filter(Boolean);
	const [top, second, third] = parts;
	const numbered = (at: number) => parts.length === at || (parts.length === at + 1 && /^\d+$/.test(parts[at]!));
	if (parts.length === 0) return 'overview';
	if (parts.length === 1) {
		const single: Record<string, PageKind> = { start: 'start', services: 'services index', teams: 'teams index', incidents: 'incidents', map: 'map', feedback: 'feedback', views: 'views', builds: 'builds', search: 'search' };
		return single[top!] ?? null;
	}
	if ((top === 'services' || top === 'teams') && second === 'index') return numbered(2) && parts.length === 3 ? (top === 'services' ? 'services index' : 'teams index') : null;
	if (top === 'services') return parts.length === 2 ? 'service' : ['calls', 'callers', 'claims'].includes(third!) && numbered(3) ? 'list' : null;
	if (top === 'teams') return parts.length === 2 ? 'team' : third === 'services' && numbered(3) ? 'list' : third === 'queue' && numbered(3) ? 'queue' : null;
	if (top === 'lists' && numbered(2)) return 'list';
	if (top === 'incidents' && second === 'index') return numbered(2) && parts.length === 3 ? 'incidents' : null;
	if (top === 'incidents' && (second === 'service' || second === 'team') && parts.length >= 3) return numbered(3) ? 'list' : null;
	if (top === 'incidents') return parts.length === 2 ? 'incident' : null;
	if (top === 'map' && second === 'index') return numbered(2) && parts.length === 3 ? 'map' : null;
	if (top === 'map' && parts.length === 2) return 'map group';
	if (top === 'views') return parts.length === 2 ? 'view' : null;
	if (top === 'builds' && numbered(1)) return 'builds';
	return null;
}
