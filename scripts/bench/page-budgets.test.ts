import { describe, expect, it } from 'vitest';
import { pageKindOf } from './page-budgets.ts';

describe('pageKindOf', () => {
	it('names the kind of every page a build publishes, latest and frozen alike', () => {
		const kinds = {
			'/': 'overview',
			'/start/': 'start',
			'/services/': 'services index',
			'/services/index/3/': 'services index',
			'/services/cart/': 'service',
			'/services/cart/callers/': 'list',
			'/services/cart/claims/2/': 'list',
			'/teams/': 'teams index',
			'/teams/index/2/': 'teams index',
			'/teams/commerce/': 'team',
			'/teams/commerce/services/2/': 'list',
			'/teams/commerce/queue/': 'queue',
			'/teams/commerce/queue/2/': 'queue',
			'/map/': 'map',
			'/map/index/2/': 'map',
			'/map/around-cart/': 'map group',
			'/feedback/': 'feedback',
			'/views/': 'views',
			'/views/data-flows/': 'view',
			'/builds/': 'builds',
			'/builds/2/': 'builds',
			'/search/': 'search',
			'/lists/hidden/': 'list',
			'/lists/hidden/4/': 'list',
			'/incidents/': 'incidents',
			'/incidents/index/2/': 'incidents',
			'/incidents/inc-142/': 'incident',
			'/incidents/service/pricing/': 'list',
			'/incidents/team/commerce/3/': 'list',
		};
		for (const [path, kind] of Object.entries(kinds)) {
			expect(pageKindOf(path), path).toEqual({ path, kind, frozen: false });
			expect(pageKindOf(`/v/20261123T000000Z${path}`), path).toEqual({ path: `/v/20261123T000000Z${path}`, kind, frozen: true });
		}
	});

	it('knows no other page', () => {
		for (const path of ['/pagefind/', '/services/cart/notes/', '/lists/', '/teams/commerce/services/x/', '/teams/commerce/queue/x/', '/v/', '/builds/old/', '/incidents/inc-142/notes/', '/incidents/service/pricing/x/', '/views/data-flows/x/']) expect(pageKindOf(path), path).toBeNull();
	});
});
